import { IProfile } from '../profile';
import { desiredKrb5, isOwnedPath } from './desired';
import { mergeProfileIntoKrb5, rejectModule } from './merge';
import { IKrb5Document, IKrb5Trivia, emptyDocument } from './model';
import { firstInclude, lineNumbers } from './position';
import { walkRelations } from './query';
import { renderKrb5Conf } from './render';
import { compareBytes } from './syntax';

/**
 * Name of the drop-in file: `includedir` reads files in byte order, and digits
 * sort before letters, so it is read before e.g. sssd's `kcm_default_ccache`.
 * No dot, so every MIT release that has `includedir` reads it.
 */
export const KRB5_DROPIN_NAME = '00-sparkmagic-kerberos';

/**
 * Whether MIT's `includedir` reads a file of this name (prof_parse.c
 * `valid_name`): not a dotfile, and either ending in `.conf` (krb5 1.15 and
 * later) or made only of ASCII letters, digits, `-` and `_`.
 */
export function includedirAccepts(name: string): boolean {
  if (name.startsWith('.')) {
    return false;
  }
  return (
    (name.length >= 5 && name.endsWith('.conf')) ||
    /^[A-Za-z0-9_-]*$/.test(name)
  );
}

/** The names `includedir` reads, in the order it reads them (krb5 1.17 and later). */
export function sortIncludedir(names: string[]): string[] {
  return names.filter(includedirAccepts).sort(compareBytes);
}

/**
 * The drop-in name to use in a directory holding `existing`, or null when
 * another file there would be read before ours.
 */
export function dropinNameFor(existing: string[]): string | null {
  const first = sortIncludedir(
    existing.filter(name => name !== KRB5_DROPIN_NAME)
  )[0];
  return first === undefined || compareBytes(KRB5_DROPIN_NAME, first) < 0
    ? KRB5_DROPIN_NAME
    : null;
}

/** The drop-in file: only the profile's sections, read through `includedir`. */
export function renderKrb5Dropin(profile: IProfile): string {
  const doc = emptyDocument();
  doc.preamble.push(
    comment(
      'Written by jupyterlab-sparkmagic-kerberos; read through "includedir".'
    ),
    comment(
      `Named ${KRB5_DROPIN_NAME} to be read first: MIT keeps the first value it reads.`
    )
  );
  return renderKrb5Conf(mergeProfileIntoKrb5(doc, profile));
}

/** What to write for a profile given the current krb5.conf. */
export interface IKrb5FormAdvice {
  /**
   * `merge`: rewrite the file itself (our values placed first, always read
   * first); `dropin`: leave it and write KRB5_DROPIN_NAME into `dropinDir`.
   */
  form: 'merge' | 'dropin';
  /** The `includedir` directory, for `dropin`. */
  dropinDir: string | null;
  reason: string;
}

/**
 * Whether a drop-in is enough for our values to be the effective ones, or the
 * file itself must be merged. A drop-in wins only when an `includedir` is the
 * first include and nothing before it sets a value we own; and the file must
 * not list KDCs for our realm, which MIT would add after ours. The caller also
 * checks `dropinNameFor` on that directory.
 *
 * @throws Krb5ParseError when the file hands its configuration to a `module`.
 */
export function krb5FormFor(
  existing: IKrb5Document | null,
  profile: IProfile
): IKrb5FormAdvice {
  const merge = (reason: string): IKrb5FormAdvice => ({
    form: 'merge',
    dropinDir: null,
    reason
  });
  if (existing === null) {
    return merge('There is no krb5.conf yet: write the whole file.');
  }
  rejectModule(existing);
  const want = desiredKrb5(profile);
  const lines = lineNumbers(existing);
  const include = firstInclude(existing);
  if (!include || include.directive !== 'includedir') {
    return merge(
      include
        ? `"include ${include.target}" (line ${lines.get(include)}) is read before any drop-in and may set the same values.`
        : 'The file has no "includedir", so a drop-in would not be read.'
    );
  }
  const limit = lines.get(include) ?? 0;
  const early = existing.sections.find(
    s =>
      s.final &&
      (lines.get(s) ?? 0) < limit &&
      ['libdefaults', 'realms', 'domain_realm'].includes(s.name)
  );
  if (early) {
    return merge(
      `[${early.name}]* (line ${lines.get(early)}) is final and comes before the includedir.`
    );
  }
  for (const { path, relation } of walkRelations(existing)) {
    const line = lines.get(relation) ?? 0;
    if (line < limit && isOwnedPath(want, path)) {
      return merge(
        `Line ${line} sets ${path.join(' / ')} before "includedir ${include.target}", so that value would win.`
      );
    }
    if (
      path.length === 3 &&
      path[0] === 'realms' &&
      path[1] === want.realm &&
      path[2] === 'kdc'
    ) {
      return merge(
        `Line ${line} lists a KDC for ${want.realm}; MIT would also try it after ours.`
      );
    }
  }
  return {
    form: 'dropin',
    dropinDir: include.target,
    reason: `"includedir ${include.target}" (line ${limit}) is read before any value we set.`
  };
}

function comment(text: string): IKrb5Trivia {
  return { kind: 'trivia', trivia: 'comment', raw: `# ${text}` };
}
