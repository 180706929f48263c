#!/usr/bin/env node
/**
 * `sparkmagic-kerberos` (README, "Command line"). Exit status 0 on
 * success, 1 on a failure (message on stderr, nothing on stdout), 2 on wrong
 * usage.
 */
import { CliError, ICommand, IIo, UsageError } from './command';

const PROGRAM = 'sparkmagic-kerberos';

/** One line per subcommand; modules load only when their command runs. */
const COMMANDS: Record<string, () => Promise<ICommand>> = {
  'parse-klist': async () => (await import('./parse-klist')).command,
  explain: async () => (await import('./explain')).command,
  'render-krb5': async () => (await import('./render')).renderKrb5,
  'render-sparkmagic': async () => (await import('./render')).renderSparkmagic,
  doctor: async () => (await import('./doctor')).command,
  lifecycle: async () => (await import('./lifecycle')).command
};

async function usage(): Promise<string> {
  const lines = [`usage: ${PROGRAM} <command> [options]`, '', 'commands:'];
  for (const load of Object.values(COMMANDS)) {
    const command = await load();
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: IIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h') {
    io.stdout(await usage());
    return 0;
  }
  try {
    if (
      name === undefined ||
      !Object.prototype.hasOwnProperty.call(COMMANDS, name)
    ) {
      throw new UsageError(
        name === undefined ? 'no command given' : `unknown command '${name}'`
      );
    }
    const command = await COMMANDS[name]();
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${e.message}\n\n${await usage()}`);
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
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text)
  };
  void main(process.argv.slice(2), io).then(code => {
    process.exitCode = code;
  });
}
