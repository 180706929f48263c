/**
 * klist listings written by the printf rules of the two klist.c files (MIT
 * src/clients/klist/klist.c show_credential; Heimdal kuser/klist.c print_cred +
 * lib/roken/rtbl.c), for property tests of the parser on layouts beyond the
 * recorded ones. Times are UTC seconds; the C locale and TZ=UTC are assumed.
 */
import fc from 'fast-check';

export interface IGenTicket {
  server: string;
  /** Set for referral entries: the name the ticket was cached under. */
  cachedAs: string | null;
  client: string | null;
  start: number;
  end: number;
  renewTill: number | null;
  /** Letters in the tool's order; '' = none set. */
  flags: string;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const p2 = (n: number): string => String(n).padStart(2, '0');

/** `%x %X` in the C locale: `MM/DD/YY HH:MM:SS`. */
export function mitTime(t: number): string {
  const d = new Date(t * 1000);
  return (
    `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`
  );
}

/** ctime() without the weekday, cut at 20 characters: `Nov  4 09:09:40 2026`. */
export function heimdalTime(t: number): string {
  const d = new Date(t * 1000);
  return (
    `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`
  );
}

export function iso(t: number | null): string | null {
  return t === null
    ? null
    : new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

export interface IMitOptions {
  flags: boolean;
  etypes: boolean;
  addresses: boolean;
}

export function renderMit(
  cache: string,
  principal: string,
  tickets: IGenTicket[],
  o: IMitOptions
): string {
  let out = `Ticket cache: ${cache}\nDefault principal: ${principal}\n\n`;
  out += 'Valid starting     Expires            Service principal\n';
  for (const t of tickets) {
    out += `${mitTime(t.start)}  ${mitTime(t.end)}  ${t.cachedAs ?? t.server}\n`;
    let extra = 0;
    const sep = (): string => (extra === 0 ? '\t' : ', ');
    if (t.client !== null) {
      out += `\tfor client ${t.client}`;
      extra++;
    }
    if (t.renewTill !== null) {
      out += `${sep()}renew until ${mitTime(t.renewTill)}`;
      extra += 2;
    }
    if (o.flags && t.flags !== '') {
      out += `${sep()}Flags: ${t.flags}`;
      extra++;
    }
    if (extra > 2) {
      out += '\n';
      extra = 0;
    }
    if (o.etypes) {
      out += `${sep()}Etype (skey, tkt): aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96 `;
      extra++;
    }
    if (extra) {
      out += '\n';
    }
    if (o.addresses) {
      out += '\tAddresses: (none)\n';
    }
    if (t.cachedAs !== null) {
      out += `\tTicket server: ${t.server}\n`;
    }
  }
  return out;
}

/** rtbl: two-space separator, columns as wide as their widest cell, last one unpadded. */
export function renderHeimdal(
  cache: string,
  principal: string,
  tickets: IGenTicket[],
  withFlags: boolean,
  now: number
): string {
  const columns: [string, string[]][] = [
    ['  Issued', tickets.map(t => heimdalTime(t.start))],
    [
      '  Expires',
      tickets.map(t => (t.end > now ? heimdalTime(t.end) : '>>>Expired<<<'))
    ]
  ];
  if (withFlags) {
    columns.push(['Flags', tickets.map(t => t.flags)]);
  }
  columns.push(['  Principal', tickets.map(t => t.server)]);
  const widths = columns.map(([h, cells]) =>
    Math.max(h.length, ...cells.map(c => c.length))
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ') + '\n';
  let out = `${'Credentials cache'.padStart(17)}: ${cache}\n${'Principal'.padStart(17)}: ${principal}\n\n`;
  out += line(columns.map(([h]) => h));
  tickets.forEach((_, row) => {
    out += line(columns.map(([, cells]) => cells[row]));
  });
  return out;
}

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
const realm = fc.stringMatching(
  /^[A-Z][A-Z0-9]{0,8}(\.[A-Z][A-Z0-9]{0,8}){0,2}$/
);
const host = fc
  .array(label, { minLength: 1, maxLength: 4 })
  .map(p => p.join('.'));
const service = fc.constantFrom('HTTP', 'livy', 'hdfs', 'krbtgt', 'host');
export const principal = fc
  .tuple(
    fc.oneof(
      label,
      fc.tuple(service, host).map(([s, h]) => `${s}/${h}`)
    ),
    realm
  )
  .map(([name, r]) => `${name}@${r}`);

/** A subsequence of `order`, e.g. MIT `FfPpDdiRIHATOa`, Heimdal `FfPpDdRIiAHTOa`. */
export const flagsIn = (order: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: order.length, maxLength: order.length })
    .map(bits => [...order].filter((_, i) => bits[i]).join(''));

/** 1970 … 2068: the range a two-digit year can name unambiguously. */
const time = fc.integer({ min: 0, max: 3123456789 });

export function ticketArb(
  order: string,
  referrals: boolean
): fc.Arbitrary<IGenTicket> {
  return fc
    .record({
      server: principal,
      referral: fc.boolean(),
      client: fc.option(principal, { nil: null }),
      start: time,
      life: fc.integer({ min: 0, max: 3 * 86400 }),
      renew: fc.option(fc.integer({ min: 0, max: 7 * 86400 }), { nil: null }),
      flags: flagsIn(order)
    })
    .map(r => ({
      server: r.server,
      cachedAs: referrals && r.referral ? r.server.replace(/@.*$/, '@') : null,
      client: r.client,
      start: r.start,
      end: Math.min(r.start + r.life, 3124223999),
      renewTill:
        r.renew === null
          ? null
          : Math.min(r.start + r.life + r.renew, 3124223999),
      flags: r.flags
    }));
}
