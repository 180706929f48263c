/**
 * The krb5.conf the kernels read, rebuilt from the files the script printed:
 * the KRB5_CONFIG list (or /etc/krb5.conf) with include/includedir expanded
 * in place. A relation's value is the first one MIT parses, and the view
 * says which file it came from, so a fix can name the file to edit.
 */
import { IKrb5Document, IKrb5Relation } from '../krb5/model';
import { parseKrb5Conf } from '../krb5/parse';
import { Krb5IncludeResolver, walkRelations } from '../krb5/query';
import { IDoctorOutput } from './types';

export interface IKrb5Value {
  value: string;
  /** The file that holds the relation that wins. */
  file: string;
}

export interface IKrb5View {
  /** The files MIT is told to read, in order (missing ones included). */
  files: string[];
  /** Of those, the ones that could not be read. */
  missing: string[];
  /** Files MIT rejects ("Improper format of Kerberos configuration file"). */
  errors: { file: string; message: string }[];
  /** The effective value of `[section] tag…`, or null. */
  get(section: string, ...tag: string[]): IKrb5Value | null;
  /** Every value of `[section] tag…` in MIT's order. */
  all(section: string, ...tag: string[]): IKrb5Value[];
  /** The relations directly in `[section]`, in MIT's order. */
  relations(section: string): (IKrb5Value & { tag: string })[];
}

const DEFAULT_FILES = ['/etc/krb5.conf'];

function normalize(path: string): string {
  return path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
}

/** The KRB5_CONFIG the kernels get, from the `kenv` section. */
export function kernelKrb5Config(out: IDoctorOutput): string | null {
  const env = out.sections.find(s => s.id === 'kenv')?.text ?? '';
  const m = /^KRB5_CONFIG=(.*)$/m.exec(env);
  return m ? m[1] : null;
}

export function krb5View(out: IDoctorOutput): IKrb5View {
  const list = kernelKrb5Config(out);
  const files = list ? list.split(':').filter(f => f !== '') : DEFAULT_FILES;
  const docs = new Map<string, IKrb5Document>();
  const owner = new Map<IKrb5Relation, string>();
  const errors: { file: string; message: string }[] = [];
  const order: string[] = [];
  for (const s of out.sections) {
    if (s.id !== 'krb5file') {
      continue;
    }
    const file = normalize(s.arg);
    order.push(file);
    if (s.rc !== 0) {
      continue;
    }
    try {
      const doc = parseKrb5Conf(s.text + '\n');
      docs.set(file, doc);
      for (const { relation } of walkRelations(doc)) {
        owner.set(relation, file);
      }
    } catch (e) {
      errors.push({ file, message: (e as Error).message });
    }
  }
  const resolve: Krb5IncludeResolver = directive => {
    const target = normalize(directive.target.trim());
    const paths =
      directive.directive === 'include'
        ? [target]
        : order.filter(f => f.slice(0, f.lastIndexOf('/')) === target);
    return paths
      .map(p => docs.get(p))
      .filter((d): d is IKrb5Document => d !== undefined);
  };
  const walk = (
    keep: (path: string[]) => boolean
  ): (IKrb5Value & { tag: string })[] => {
    const values: (IKrb5Value & { tag: string })[] = [];
    for (const file of files) {
      const doc = docs.get(normalize(file));
      for (const { path, relation } of doc ? walkRelations(doc, resolve) : []) {
        if (keep(path)) {
          const from = owner.get(relation) ?? file;
          values.push({ tag: relation.tag, value: relation.value, file: from });
        }
      }
    }
    return values;
  };
  const all = (section: string, ...tag: string[]): IKrb5Value[] => {
    const want = [section, ...tag];
    return walk(
      path =>
        path.length === want.length && path.every((name, i) => name === want[i])
    );
  };
  return {
    files,
    missing: files.map(normalize).filter(f => !docs.has(f)),
    errors,
    get: (section, ...tag) => all(section, ...tag)[0] ?? null,
    all,
    relations: section => walk(path => path.length === 2 && path[0] === section)
  };
}

/** MIT's boolean reading of a relation (`true`, `yes`, `on`, `1`, …). */
export function krb5Bool(
  value: string | undefined,
  fallback: boolean
): boolean {
  if (value === undefined) {
    return fallback;
  }
  const v = value.toLowerCase();
  if (['y', 'yes', 'true', 't', '1', 'on'].indexOf(v) !== -1) {
    return true;
  }
  if (['n', 'no', 'false', 'nil', 'f', '0', 'off'].indexOf(v) !== -1) {
    return false;
  }
  return fallback;
}
