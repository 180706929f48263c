/** `parse-klist [--now ISO8601]`: klist output on stdin → the contract's JSON. */
import { klistContract, parseKlist } from '../core/klist/parse';
import { ICommand, UsageError } from './command';
import { optional } from './args';

/** ISO 8601 date or date-time; without a zone it is UTC, like klist under TZ=UTC. */
const ISO_8601 =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function parseNow(value: string | undefined): Date {
  if (value === undefined) {
    return new Date();
  }
  const m = ISO_8601.exec(value);
  const ms = m
    ? Date.parse(
        m[2] ? `${m[1]}T${m[2]}${normalZone(m[3])}` : `${m[1]}T00:00:00Z`
      )
    : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--now must be an ISO 8601 time, e.g. 2026-11-24T09:00:00Z (got '${value}')`
    );
  }
  return new Date(ms);
}

/** `+01` and `+0100` as `+01:00`, which every Date.parse accepts. */
function normalZone(zone: string | undefined): string {
  if (zone === undefined || zone === 'Z') {
    return 'Z';
  }
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
}

export const command: ICommand = {
  usage: 'parse-klist [--now ISO8601]',
  summary: 'klist output (stdout and stderr, LC_ALL=C TZ=UTC) on stdin → JSON',
  options: {
    now: {
      type: 'string',
      value: 'ISO8601',
      help: 'the time expiry is judged at (default: now; no zone is UTC)'
    }
  },
  async run(values, io) {
    const now = parseNow(optional(values, 'now'));
    const result = parseKlist(await io.readStdin(), now);
    io.stdout(JSON.stringify(klistContract(result)) + '\n');
    return 0;
  }
};
