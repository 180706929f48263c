/** `parse-klist [--now ISO8601]`: klist output on stdin → the contract's JSON. */
import { parseKlist } from '../core/klist';
import { ICommand, UsageError } from './command';
import { parseOptions } from './args';

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function parseNow(value: string | undefined): Date {
  if (value === undefined) {
    return new Date();
  }
  const ms = Date.parse(value);
  if (!ISO_8601.test(value) || Number.isNaN(ms)) {
    throw new UsageError(
      `--now must be an ISO 8601 time with a zone, e.g. 2026-11-24T09:00:00Z (got '${value}')`
    );
  }
  return new Date(ms);
}

export const command: ICommand = {
  usage: 'parse-klist [--now ISO8601]',
  summary: 'klist output (stdout and stderr, LC_ALL=C TZ=UTC) on stdin → JSON',
  async run(args, io) {
    const now = parseNow(parseOptions(args, ['now']).now);
    const result = parseKlist(await io.readStdin(), now);
    io.stdout(JSON.stringify(result) + '\n');
    return 0;
  }
};
