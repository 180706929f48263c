import {
  IKrb5Directive,
  IKrb5Document,
  IKrb5Item,
  IKrb5Relation
} from './model';

/**
 * The parsed documents an `include` or `includedir` directive brings in, in
 * MIT's order (see `includedirAccepts` and `sortIncludedir` in dropin.ts);
 * undefined when unknown. Lets a caller that can read files resolve them.
 */
export type Krb5IncludeResolver = (
  directive: IKrb5Directive
) => IKrb5Document[] | undefined;

/** A relation with the names of the section and groups that hold it. */
export interface IKrb5PathRelation {
  path: string[];
  relation: IKrb5Relation;
}

/**
 * Every relation in the order MIT parses them, included files expanded in
 * place. Included files share the root: their sections merge with ours.
 */
export function* walkRelations(
  doc: IKrb5Document,
  resolve?: Krb5IncludeResolver
): Generator<IKrb5PathRelation> {
  for (const item of doc.preamble) {
    yield* walkItem(item, [], resolve);
  }
  for (const section of doc.sections) {
    for (const item of section.items) {
      yield* walkItem(item, [section.name], resolve);
    }
  }
}

function* walkItem(
  item: IKrb5Item,
  path: string[],
  resolve: Krb5IncludeResolver | undefined
): Generator<IKrb5PathRelation> {
  if (item.kind === 'relation') {
    yield { path: [...path, item.tag], relation: item };
  } else if (item.kind === 'group') {
    for (const child of item.items) {
      yield* walkItem(child, [...path, item.tag], resolve);
    }
  } else if (
    item.kind === 'directive' &&
    item.directive !== 'module' &&
    resolve
  ) {
    for (const included of resolve(item) ?? []) {
      yield* walkRelations(included, resolve);
    }
  }
}

/**
 * All values of `[section] tag` (a nested tag as a path: `['EC2.INTERNAL',
 * 'kdc']` under `realms`) in MIT's order; section and tag names are
 * case-sensitive, repeated sections and groups merge.
 */
export function getRelations(
  doc: IKrb5Document,
  section: string,
  tag: string | string[],
  resolve?: Krb5IncludeResolver
): string[] {
  const want = [section, ...(typeof tag === 'string' ? [tag] : tag)];
  const values: string[] = [];
  for (const { path, relation } of walkRelations(doc, resolve)) {
    if (
      path.length === want.length &&
      path.every((name, i) => name === want[i])
    ) {
      values.push(relation.value);
    }
  }
  return values;
}

/**
 * The value MIT uses for a single-valued relation: the first one parsed.
 * Without a resolver, included files are not seen.
 */
export function getRelation(
  doc: IKrb5Document,
  section: string,
  tag: string | string[],
  resolve?: Krb5IncludeResolver
): string | undefined {
  return getRelations(doc, section, tag, resolve)[0];
}
