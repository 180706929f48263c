/**
 * A subcommand's arguments through `util.parseArgs`: `--name value` and
 * `--name=value` options and flags; no positional arguments, no option twice,
 * nothing unknown.
 */
import { ParseArgsConfig, parseArgs } from 'util';
import { IOption, OptionValues, UsageError } from './command';

type Config = NonNullable<ParseArgsConfig['options']>;

function config(options: Record<string, IOption>): Config {
  const out: Config = {};
  for (const [name, option] of Object.entries(options)) {
    out[name] = { type: option.type };
  }
  return out;
}

/**
 * Whether `-h` or `--help` is among the options: it wins over any other
 * mistake on the line, but not as another option's value (`--profile -h`).
 */
export function wantsHelp(
  args: string[],
  options: Record<string, IOption>
): boolean {
  const { tokens } = parseArgs({
    args,
    options: { ...config(options), help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true
  });
  return tokens.some(t => t.kind === 'option' && t.name === 'help');
}

export function parseOptions(
  args: string[],
  options: Record<string, IOption>
): OptionValues {
  let parsed;
  try {
    parsed = parseArgs({ args, options: config(options), tokens: true });
  } catch (e) {
    // Node's messages are right but some span lines; a usage error is one.
    throw new UsageError((e as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  // parseArgs lets the last of a repeated option win; a repeat is a mistake.
  const values: OptionValues = {};
  for (const token of parsed.tokens) {
    if (token.kind === 'option') {
      if (values[token.name] !== undefined) {
        throw new UsageError(`--${token.name} given twice`);
      }
      values[token.name] = token.value ?? true;
    }
  }
  return values;
}

/** A string option's value; parseOptions has checked its type. */
export function optional(
  values: OptionValues,
  name: string
): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The value of a required option. */
export function required(values: OptionValues, name: string): string {
  const value = optional(values, name);
  if (value === undefined || value === '') {
    throw new UsageError(`--${name} is required`);
  }
  return value;
}
