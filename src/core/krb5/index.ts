import { IProfile } from '../profile';
import { IKrb5Desired, desiredKrb5 } from './desired';
import { mergeDesired } from './merge';
import { IKrb5Document, emptyDocument } from './model';
import { parseKrb5Conf } from './parse';
import { walkRelations } from './query';
import { renderKrb5Conf } from './render';

export { desiredKrb5, isOwnedPath, IKrb5Desired } from './desired';
export {
  IKrb5FormAdvice,
  KRB5_DROPIN_NAME,
  dropinNameFor,
  includedirAccepts,
  krb5FormFor,
  renderKrb5Dropin,
  sortIncludedir
} from './dropin';
export { Krb5ParseError, Krb5ParseErrorCode } from './errors';
export { mergeProfileIntoKrb5 } from './merge';
export * from './model';
export { parseKrb5Conf } from './parse';
export {
  IKrb5PathRelation,
  Krb5IncludeResolver,
  getRelation,
  getRelations,
  walkRelations
} from './query';
export { renderKrb5Conf } from './render';

/**
 * The krb5.conf to write for a profile: `existing` merged (null or empty: a
 * new file). The result is parsed again and its effective values checked.
 *
 * @throws Krb5ParseError when `existing` cannot be parsed or uses `module`;
 * the caller then writes nothing.
 * @throws InvalidProfileError when the profile cannot be written.
 */
export function renderKrb5ForProfile(
  profile: IProfile,
  existing: string | null
): string {
  const doc =
    existing === null || existing === ''
      ? newDocument()
      : parseKrb5Conf(existing);
  const want = desiredKrb5(profile);
  const text = renderKrb5Conf(mergeDesired(doc, want));
  verifyEffective(parseKrb5Conf(text), want);
  return text;
}

function newDocument(): IKrb5Document {
  const doc = emptyDocument();
  doc.preamble.push({
    kind: 'trivia',
    trivia: 'comment',
    raw: '# Written by jupyterlab-sparkmagic-kerberos.'
  });
  return doc;
}

/** Guards the merge: each value we own is the one MIT reads from this file. */
function verifyEffective(doc: IKrb5Document, want: IKrb5Desired): void {
  const read = new Map<string, string[]>();
  for (const { path, relation } of walkRelations(doc)) {
    const key = path.join('\0');
    read.set(key, [...(read.get(key) ?? []), relation.value]);
  }
  const expected = new Map<string, string[]>();
  const add = (path: string[], value: string): void => {
    const key = path.join('\0');
    expected.set(key, [...(expected.get(key) ?? []), value]);
  };
  want.libdefaults.forEach(([tag, value]) => add(['libdefaults', tag], value));
  want.realmBlock.forEach(([tag, value]) =>
    add(['realms', want.realm, tag], value)
  );
  want.domainRealm.forEach(([host, realm]) =>
    add(['domain_realm', host], realm)
  );
  for (const [key, values] of expected) {
    const got = read.get(key) ?? [];
    if (got.length !== values.length || got.some((v, i) => v !== values[i])) {
      throw new Error(
        `merged krb5.conf reads ${key.split('\0').join(' / ')} as ${JSON.stringify(got)}, not ${JSON.stringify(values)}`
      );
    }
  }
}
