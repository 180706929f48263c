/**
 * Heimdal klist (kuser/klist.c): `%17s: %s` header lines (`Credentials cache`,
 * `Principal`, optional `Friendly name`, `Cache version`), then an rtbl table
 * `  Issued  Expires  [Flags]  Principal` with two-space separators, columns as
 * wide as their widest cell, and `>>>Expired<<<` in place of a past end time;
 * `-v` prints one block per ticket (`Server:`, `Auth time:`, `End time: … (expired)`,
 * `Renew till:`, `Ticket flags: forwardable, renewable, …`); `-l` lists caches
 * (`*` marks the default); `--json` prints the same data as JSON.
 */
import { IKlistListing } from './types';
import { HEIMDAL_TIME, parseHeimdalTime } from './time';

type Ticket = IKlistListing['tickets'][number];

const EXPIRED_MARK = '>>> ?Expired ?<<<';
const TABLE_ROW = new RegExp(
  `^(${HEIMDAL_TIME})  +(${HEIMDAL_TIME}|${EXPIRED_MARK})  +(\\S.*)$`
);
const FLAG_LETTERS = /^[FfPpDdRIiAHTOa]*$/;
const CONFIG_ENTRY = /^(X-CACHECONF:|krb5_ccache_conf_data\/)/;

/** Ticket flag names in `-v` output → the letters the table prints, in its order. */
const FLAG_NAMES: [string, string][] = [
  ['forwardable', 'F'],
  ['forwarded', 'f'],
  ['proxiable', 'P'],
  ['proxy', 'p'],
  ['may-postdate', 'D'],
  ['postdated', 'd'],
  ['renewable', 'R'],
  ['initial', 'I'],
  ['invalid', 'i'],
  ['pre-authent', 'A'],
  ['hw-authent', 'H'],
  ['transited-policy-checked', 'T'],
  ['ok-as-delegate', 'O'],
  ['anonymous', 'a']
];

function flagLetters(names: string): string {
  const set = new Set(names.split(',').map(n => n.trim()));
  return FLAG_NAMES.filter(([name]) => set.has(name))
    .map(([, letter]) => letter)
    .join('');
}

interface IColumns {
  flags: number;
  principal: number;
}

export function parseHeimdalKlist(lines: string[]): IKlistListing {
  const out: IKlistListing = {
    cache: null,
    defaultPrincipal: null,
    tickets: [],
    otherLines: []
  };
  let columns: IColumns | null = null;
  let verbose: (Ticket & { auth: number | null }) | null = null;
  let listing = false;
  let done = false;
  const add = (ticket: Ticket): void => {
    // `--hidden` also lists cache configuration entries: they are no tickets.
    if (!CONFIG_ENTRY.test(ticket.server)) {
      out.tickets.push(ticket);
    }
  };
  const finishVerbose = (): void => {
    if (verbose) {
      const { auth, ...ticket } = verbose;
      add({ ...ticket, start: ticket.start ?? auth });
      verbose = null;
    }
  };

  for (const raw of lines) {
    // Patterns below match lines without their trailing blanks: `(.+?)\s*$`
    // backtracks quadratically on a long run of spaces.
    const line = raw.trimEnd();
    if (line === '') {
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\s*Credentials cache: (.+)$/.exec(line))) {
      finishVerbose();
      // klist -A: only the first cache is reported.
      done = out.cache !== null;
      out.cache ??= m[1];
      columns = null;
    } else if (done) {
      continue;
    } else if ((m = /^\s+Principal: (.+)$/.exec(line))) {
      out.defaultPrincipal = m[1];
    } else if (
      /^\s*(Cache version|Friendly name|KDC time offset): /.test(line)
    ) {
      continue;
    } else if (/^\s*Issued\s+Expires\s+(Flags\s+)?Principal$/.test(line)) {
      // Column names carry two leading spaces, except Flags (COL_* in klist.c).
      const flags = line.indexOf('Flags');
      columns = { flags, principal: line.indexOf('Principal') - 2 };
    } else if (/^\s*Name\s+Cache name\s+Expires$/.test(line)) {
      listing = true;
    } else if (
      listing &&
      (m = /^\s*(?:(\*)\s*)?(\S+)\s+(\S+:\S*)(?:\s|$)/.exec(line))
    ) {
      if (m[1] === '*' || out.cache === null) {
        out.defaultPrincipal = m[2];
        out.cache = m[3];
      }
    } else if ((m = TABLE_ROW.exec(line))) {
      add(tableTicket(line, m, columns));
    } else if ((m = /^Server: (.+)$/.exec(line))) {
      finishVerbose();
      verbose = {
        server: m[1],
        start: null,
        auth: null,
        expires: null,
        renewUntil: null,
        flags: null
      };
    } else if (
      verbose &&
      (m =
        /^(Auth time|Start time|End time|Renew till): +(\S.*?)(?: \(expired\))?$/.exec(
          line
        ))
    ) {
      const time = parseHeimdalTime(m[2]);
      if (m[1] === 'Auth time') {
        verbose.auth = time;
      } else if (m[1] === 'Start time') {
        verbose.start = time;
      } else if (m[1] === 'End time') {
        verbose.expires = time;
      } else {
        verbose.renewUntil = time;
      }
    } else if (verbose && (m = /^Ticket flags: (.*)$/.exec(line))) {
      verbose.flags = flagLetters(m[1]);
    } else if (
      verbose &&
      /^(Client|Ticket etype|Ticket length|Session key|Addresses|Configuration item payload( length)?): /.test(
        line
      )
    ) {
      continue;
    } else {
      out.otherLines.push(line);
    }
  }
  finishVerbose();
  return out;
}

function tableTicket(
  line: string,
  m: RegExpExecArray,
  columns: IColumns | null
): Ticket {
  const expires = new RegExp(`^${EXPIRED_MARK}$`).test(m[2])
    ? null
    : parseHeimdalTime(m[2]);
  let server = m[3];
  let flags: string | null = null;
  if (columns && columns.flags >= 0) {
    const byColumn = line.slice(columns.flags, columns.principal).trim();
    const rest = line.slice(columns.principal).trim();
    if (FLAG_LETTERS.test(byColumn) && rest !== '' && m[3].endsWith(rest)) {
      flags = byColumn;
      server = rest;
    } else {
      // Columns shifted (e.g. re-spaced output): flags are the first word.
      const split = /^(\S*)\s+(\S.*)$/.exec(m[3]);
      if (split && FLAG_LETTERS.test(split[1])) {
        flags = split[1];
        server = split[2];
      }
    }
  }
  return {
    server,
    start: parseHeimdalTime(m[1]),
    expires,
    renewUntil: null,
    flags: flags || null
  };
}
