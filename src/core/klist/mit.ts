/**
 * MIT klist (src/clients/klist/klist.c): `Ticket cache: TYPE:residual`,
 * `Default principal: P`, a header, then per ticket
 * `START  EXPIRES  SERVER` and TAB continuation lines packed by klist's own
 * counter: `for client P`, `renew until T`, `Flags: F`, `Etype (skey, tkt): …`,
 * `AD types: …` share lines (a break after the count passes 2), then
 * `Addresses: …`, `Ticket server: P` (referrals) and auth indicators on lines
 * of their own. `-C` adds `config: …` entries, `-A` repeats the block per
 * cache (the first is the default), `-l` lists caches, `-k` lists a keytab.
 */
import { IKlistListing } from './types';
import { MIT_TIME, parseMitTime } from './time';

type Ticket = IKlistListing['tickets'][number];

const TICKET_LINE = new RegExp(`^(${MIT_TIME})\\s+(${MIT_TIME})\\s+(\\S.*)$`);
const RENEW = new RegExp(`(?:^|, )renew until (${MIT_TIME})`);
const FLAGS = /(?:^|, )Flags: ([A-Za-z]+)/;
const TICKET_SERVER = /^Ticket server: (.+)$/;
/**
 * `%-30.30s %s`, primary cache first, ` (Expired)` appended when expired.
 * The cache name is `TYPE:residual`; its colon is checked apart, since
 * `\S+:\S*?` retries from every colon of a long token.
 */
const LIST_ROW = /^(.{1,30}?)\s* (\S+)(?: \(Expired\))?$/;

export function parseMitKlist(lines: string[]): IKlistListing {
  const out: IKlistListing = {
    cache: null,
    defaultPrincipal: null,
    tickets: [],
    otherLines: []
  };
  let current: Ticket | null = null;
  let section: 'tickets' | 'keytab' | 'list' | 'done' = 'tickets';

  for (const line of lines) {
    // Patterns below match lines without their trailing blanks: `(.+?)\s*$`
    // backtracks quadratically on a long run of spaces.
    const trimmed = line.trimEnd();
    if (trimmed === '') {
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^Ticket cache: (.+)$/.exec(trimmed))) {
      // klist -A: later blocks are other caches, not the default one.
      if (out.cache !== null) {
        section = 'done';
      } else {
        out.cache = m[1];
        section = 'tickets';
      }
      current = null;
    } else if (section === 'done') {
      continue;
    } else if ((m = /^Default principal: (.+)$/.exec(trimmed))) {
      out.defaultPrincipal = m[1];
    } else if (/^Valid starting\s+Expires\s+Service principal/.test(line)) {
      current = null;
    } else if (/^Keytab name: /.test(line)) {
      section = 'keytab';
    } else if (/^Principal name\s+Cache name\s*$/.test(line)) {
      section = 'list';
    } else if (section === 'keytab' && /^(KVNO |-+ |\s*\d+ )/.test(line)) {
      continue;
    } else if (section === 'list' && /^-+\s+-+\s*$/.test(line)) {
      continue;
    } else if (
      section === 'list' &&
      (m = LIST_ROW.exec(trimmed)) &&
      m[2].includes(':')
    ) {
      if (out.cache === null) {
        out.defaultPrincipal = m[1].trim();
        out.cache = m[2];
      }
    } else if ((m = TICKET_LINE.exec(trimmed))) {
      current = {
        server: m[3],
        start: parseMitTime(m[1]),
        expires: parseMitTime(m[2]),
        renewUntil: null,
        flags: null
      };
      out.tickets.push(current);
    } else if (/^config: /.test(line)) {
      current = null;
    } else if (
      /^\s/.test(line) &&
      (current !== null || section === 'tickets')
    ) {
      if (current) {
        addDetails(current, line.trim());
      }
    } else {
      out.otherLines.push(line);
    }
  }
  return out;
}

function addDetails(ticket: Ticket, detail: string): void {
  let m: RegExpExecArray | null;
  if ((m = TICKET_SERVER.exec(detail))) {
    ticket.server = m[1];
    return;
  }
  if ((m = RENEW.exec(detail))) {
    ticket.renewUntil = parseMitTime(m[1]);
  }
  if ((m = FLAGS.exec(detail))) {
    ticket.flags = m[1];
  }
}
