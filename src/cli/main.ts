#!/usr/bin/env node
/**
 * `sparkmagic-kerberos`: exit status 0 on success, 1 on a failure (message on
 * stderr, nothing on stdout), 2 on wrong usage (one line on stderr), 3 when a
 * doctor check failed. `--help` on the program or any command prints to stdout.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { wantsHelp, parseOptions } from './args';
import { CliError, ICommand, IIo, UsageError } from './command';
import { PROGRAM, commandHelp, programHelp } from './help';
import { forTerminal } from './terminal-text';

/** One line per subcommand; modules load only when their command runs. */
const COMMANDS: Record<string, () => Promise<ICommand>> = {
  'parse-klist': async () => (await import('./parse-klist')).command,
  explain: async () => (await import('./explain')).command,
  'render-krb5': async () => (await import('./render')).renderKrb5,
  'render-sparkmagic': async () => (await import('./render')).renderSparkmagic,
  doctor: async () => (await import('./doctor')).command,
  lifecycle: async () => (await import('./lifecycle')).command,
  'emr-step': async () => (await import('./emr-step')).command
};

// Shell scripts under core are imported as text, as the extension's bundler
// imports them.
require.extensions['.sh'] = (module, filename) => {
  module.exports = readFileSync(filename, 'utf8');
};

async function allCommands(): Promise<[string, ICommand][]> {
  const out: [string, ICommand][] = [];
  for (const [name, load] of Object.entries(COMMANDS)) {
    out.push([name, await load()]);
  }
  return out;
}

/** The package's version: package.json sits two levels up, in npm's package and in the wheel. */
function version(): string {
  const path = join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string })
    .version;
}

async function dispatch(
  name: string | undefined,
  args: string[],
  io: IIo
): Promise<number> {
  if (name === '--help' || name === '-h') {
    io.stdout(programHelp(await allCommands()));
    return 0;
  }
  if (name === '--version') {
    io.stdout(`${PROGRAM} ${version()}\n`);
    return 0;
  }
  if (name === undefined) {
    throw new UsageError('no command given');
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    throw new UsageError(
      name.startsWith('-')
        ? `unknown option '${name}'`
        : `unknown command '${name}'`
    );
  }
  const command = await COMMANDS[name]();
  if (wantsHelp(args, command.options)) {
    io.stdout(commandHelp(command));
    return 0;
  }
  return await command.run(parseOptions(args, command.options), io);
}

export async function main(argv: string[], io: IIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    return await dispatch(name, args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const known =
        name !== undefined &&
        Object.prototype.hasOwnProperty.call(COMMANDS, name);
      const help = known ? `${PROGRAM} ${name} --help` : `${PROGRAM} --help`;
      io.stderr(`${PROGRAM}: ${e.message} (see '${help}')\n`);
      return 2;
    }
    const message =
      e instanceof CliError ? e.message : String((e as Error).message ?? e);
    io.stderr(`${PROGRAM}: ${message}\n`);
    return 1;
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () =>
      resolve(Buffer.concat(chunks).toString('utf8'))
    );
    process.stdin.on('error', reject);
  });
}

if (require.main === module) {
  const io: IIo = {
    readStdin,
    stdout: text =>
      process.stdout.write(process.stdout.isTTY ? forTerminal(text) : text),
    stderr: text =>
      process.stderr.write(process.stderr.isTTY ? forTerminal(text) : text)
  };
  void main(process.argv.slice(2), io).then(code => {
    process.exitCode = code;
  });
}
