/** Files named on the command line: a profile and an existing config file. */
import { readFileSync } from 'fs';
import { DEFAULT_PROFILE, IProfile, withDefaults } from '../core/profile';
import { validateProfile } from '../core/validate/profile';
import { CliError, IOption } from './command';

/** `--profile FILE`, which most commands take. */
export const PROFILE_OPTION: IOption = {
  type: 'string',
  value: 'FILE',
  help: 'the profile: JSON of one profile from the settings'
};

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CliError(`cannot read ${what} '${path}': ${reason}`);
  }
}

/**
 * A profile file: the JSON of one profile of the settings schema. Missing
 * fields take their defaults; unknown fields and invalid values are refused.
 */
export function readProfileFile(path: string): IProfile {
  const text = readTextFile(path, 'profile');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(
      `profile '${path}' is not valid JSON: ${(e as Error).message}`
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliError(`profile '${path}' must be a JSON object`);
  }
  const unknown = Object.keys(data).filter(k => !(k in DEFAULT_PROFILE));
  if (unknown.length > 0) {
    throw new CliError(
      `profile '${path}' has unknown fields: ${unknown.join(', ')}`
    );
  }
  const profile = withDefaults(data as Partial<IProfile>);
  const errors = validateProfile(profile);
  if (errors.length > 0) {
    throw new CliError(
      `profile '${path}' is not valid:\n` +
        errors.map(e => `  ${e.path}: ${e.message}`).join('\n')
    );
  }
  return profile;
}
