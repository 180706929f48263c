import { IProfile } from '../profile';
import { desiredKrb5 } from './desired';
import { mergeProfileIntoKrb5 } from './merge';
import { IKrb5Document, emptyDocument } from './model';
import { parseKrb5Conf } from './parse';
import { getRelations } from './query';
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
export { formatValue, renderKrb5Conf } from './render';

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
  const text = renderKrb5Conf(mergeProfileIntoKrb5(doc, profile));
  verifyEffective(parseKrb5Conf(text), profile);
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
function verifyEffective(doc: IKrb5Document, profile: IProfile): void {
  const want = desiredKrb5(profile);
  const expect = (section: string, tag: string[], values: string[]): void => {
    const got = getRelations(doc, section, tag);
    if (got.length !== values.length || got.some((v, i) => v !== values[i])) {
      throw new Error(
        `merged krb5.conf reads [${section}] ${tag.join(' ')} as ${JSON.stringify(got)}, not ${JSON.stringify(values)}`
      );
    }
  };
  want.libdefaults.forEach(([tag, value]) =>
    expect('libdefaults', [tag], [value])
  );
  for (const tag of ['kdc', 'admin_server']) {
    const values = want.realmBlock.filter(([t]) => t === tag).map(([, v]) => v);
    expect('realms', [want.realm, tag], values);
  }
  want.domainRealm.forEach(([host, realm]) =>
    expect('domain_realm', [host], [realm])
  );
}
