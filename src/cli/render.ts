/**
 * `render-krb5` / `render-sparkmagic --profile FILE [--existing FILE]`: print the
 * file the profile gives, merged into the existing one. An existing file that
 * cannot be parsed is an error: nothing is printed.
 */
import { renderKrb5ForProfile } from '../core/krb5';
import { IProfile } from '../core/profile';
import { renderSparkmagicConfig } from '../core/sparkmagic/config';
import { CliError, ICommand } from './command';
import { optional, required } from './args';
import { PROFILE_OPTION, readProfileFile, readTextFile } from './files';

function renderCommand(
  name: string,
  what: string,
  render: (profile: IProfile, existing: string | null) => string
): ICommand {
  return {
    usage: `${name} --profile FILE [--existing FILE]`,
    summary: `print ${what} for a profile, merged into an existing file`,
    options: {
      profile: PROFILE_OPTION,
      existing: {
        type: 'string',
        value: 'FILE',
        help: `the current ${what}, whose other settings are kept`
      }
    },
    async run(values, io) {
      const profile = readProfileFile(required(values, 'profile'));
      const path = optional(values, 'existing');
      const existing =
        path === undefined ? null : readTextFile(path, `existing ${what}`);
      let text: string;
      try {
        text = render(profile, existing);
      } catch (e) {
        throw new CliError(`cannot render ${what}: ${(e as Error).message}`);
      }
      io.stdout(text);
      return 0;
    }
  };
}

export const renderKrb5 = renderCommand(
  'render-krb5',
  'krb5.conf',
  renderKrb5ForProfile
);
export const renderSparkmagic = renderCommand(
  'render-sparkmagic',
  'the Sparkmagic config.json',
  renderSparkmagicConfig
);
