/**
 * `--name value` / `--name=value` options; no positional arguments, no
 * repeats, nothing unknown.
 */
import { UsageError } from './command';

export function parseOptions<K extends string>(
  args: string[],
  known: readonly K[]
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const m = /^--([a-z][a-z-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) {
      throw new UsageError(`unexpected argument '${arg}'`);
    }
    const name = m[1] as K;
    if (!known.includes(name)) {
      throw new UsageError(`unknown option '--${m[1]}'`);
    }
    if (out[name] !== undefined) {
      throw new UsageError(`--${name} given twice`);
    }
    let value = m[2];
    if (value === undefined) {
      if (i + 1 >= args.length) {
        throw new UsageError(`--${name} needs a value`);
      }
      value = args[++i];
    }
    out[name] = value;
  }
  return out;
}

/** The value of a required option. */
export function required<K extends string>(
  options: Partial<Record<K, string>>,
  name: K
): string {
  const value = options[name];
  if (value === undefined || value === '') {
    throw new UsageError(`--${name} is required`);
  }
  return value;
}
