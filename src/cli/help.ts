/** The texts of `--help`: the program's and each subcommand's, on stdout. */
import { ICommand } from './command';

export const PROGRAM = 'sparkmagic-kerberos';

/** What every command's exit status means; a command may add its own. */
const EXIT_STATUS: [string, string][] = [
  ['0', 'success'],
  ['1', 'failure: the reason on stderr, nothing on stdout'],
  ['2', 'wrong usage: one line on stderr']
];

/** Two columns, the second aligned after the widest first. */
function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function commandHelp(command: ICommand): string {
  const rows: [string, string][] = Object.entries(command.options).map(
    ([name, option]) => [
      `--${name}${option.value ? ` ${option.value}` : ''}`,
      option.help
    ]
  );
  rows.push(['-h, --help', 'show this help and exit']);
  const lines = [
    `usage: ${PROGRAM} ${command.usage}`,
    '',
    command.summary,
    '',
    'options:',
    ...table(rows)
  ];
  if (command.details) {
    lines.push('', command.details);
  }
  lines.push(
    '',
    'exit status:',
    ...table([...EXIT_STATUS, ...(command.exitStatus ?? [])])
  );
  return lines.join('\n') + '\n';
}

export function programHelp(commands: [string, ICommand][]): string {
  return (
    [
      `usage: ${PROGRAM} <command> [options]`,
      `       ${PROGRAM} --help | --version`,
      '',
      'commands:',
      ...table(commands.map(([name, command]) => [name, command.summary])),
      '',
      'options:',
      ...table([
        ['-h, --help', 'show this help and exit'],
        ['--version', 'print the version and exit']
      ]),
      '',
      `'${PROGRAM} <command> --help' shows a command's options.`,
      '',
      'exit status:',
      ...table([
        ...EXIT_STATUS,
        ...commands.flatMap(([name, command]) =>
          (command.exitStatus ?? []).map(
            ([code, meaning]): [string, string] => [code, `${name}: ${meaning}`]
          )
        )
      ])
    ].join('\n') + '\n'
  );
}
