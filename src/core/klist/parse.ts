/**
 * Parses `klist` output (stdout and stderr together, run with `LC_ALL=C TZ=UTC`)
 * from MIT or Heimdal into the `parse-klist` object of the CLI contract.
 * Terminal noise (`\r`, ANSI colour codes) is tolerated.
 */
import { ErrorCode } from '../explain/codes';
import { classifyError } from '../explain/explain';
import { parseHeimdalKlist } from './heimdal';
import { parseMitKlist } from './mit';
import { HEIMDAL_TIME, isExpired, isoUtc, parseHeimdalTime } from './time';
import {
  IKlistContract,
  IKlistListing,
  IKlistResult,
  KlistFlavor
} from './types';

export * from './types';

const MIT_MARKS = [
  /^Ticket cache: /m,
  /^Default principal: /m,
  /^Valid starting\s+Expires\s+Service principal/m,
  /^Keytab name: /m,
  /^Principal name\s+Cache name\s*$/m,
  /No credentials cache found/,
  /Credentials cache (?:file |keyring )?'[^']*' not found/,
  /^Kerberos 5 version /m,
  // com_err style: `klist: <message> while <doing>`, `(filename: <path>)`.
  /^klist: .* while \w+/m,
  /^klist: .*\(filename: [^()\n]*\)/m
];

// Leading blanks as `[ \t]`: `^\s*` under /m would cross blank lines, from
// each of them, quadratic in a run of empty lines.
const HEIMDAL_MARKS = [
  /^[ \t]*Credentials cache: /m,
  /^[ \t]+Principal: /m,
  /^[ \t]*Issued\s+Expires\s+/m,
  /^[ \t]*Name\s+Cache name\s+Expires\s*$/m,
  /No ticket file: /,
  new RegExp(`^Auth time: +${HEIMDAL_TIME}`, 'm'),
  // krb5_err style: `klist: krb5_function: <message>`.
  /^klist: krb5_\w+: /m
];

/** Colour and cursor sequences a terminal may add. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

function flavorOf(text: string): KlistFlavor | null {
  const first = (marks: RegExp[]): number =>
    Math.min(
      ...marks.map(r => {
        const m = r.exec(text);
        return m ? m.index : Infinity;
      })
    );
  const mit = first(MIT_MARKS);
  const heimdal = first(HEIMDAL_MARKS);
  if (mit === Infinity && heimdal === Infinity) {
    return null;
  }
  return mit <= heimdal ? 'mit' : 'heimdal';
}

/** Heimdal `klist --json` (`-A`/`-l` give a list; `{}` when there is no cache). */
function parseHeimdalJson(text: string): IKlistListing | null {
  const trimmed = text.trim();
  const open = trimmed[0];
  if (open !== '{' && open !== '[') {
    return null;
  }
  const end = trimmed.lastIndexOf(open === '{' ? '}' : ']');
  let data: unknown;
  try {
    data = JSON.parse(trimmed.slice(0, end + 1));
  } catch {
    return null;
  }
  const rest = trimmed
    .slice(end + 1)
    .split('\n')
    .filter(l => l.trim() !== '');
  const listing: IKlistListing = {
    cache: null,
    defaultPrincipal: null,
    tickets: [],
    otherLines: rest
  };
  const items = (Array.isArray(data) ? data : [data]).filter(
    (d): d is Record<string, unknown> => typeof d === 'object' && d !== null
  );
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const cache =
    items.find(d => d.is_default_cache === true) ??
    items.find(d => str(d.cache) !== null || str(d['Cache name']) !== null);
  if (!cache) {
    // Heimdal prints `{}` and exits 0 when there is no cache.
    listing.error = 'NO_CREDENTIALS';
    return listing;
  }
  listing.cache = str(cache.cache) ?? str(cache['Cache name']);
  listing.defaultPrincipal = str(cache.principal) ?? str(cache.Name);
  const tickets = Array.isArray(cache.tickets) ? cache.tickets : [];
  for (const t of tickets as Record<string, unknown>[]) {
    const expires = str(t.Expires);
    const flags = str(t.Flags);
    listing.tickets.push({
      server: str(t.Principal) ?? '',
      start: parseHeimdalTime(str(t.Starttime) ?? str(t.Issued) ?? ''),
      expires: expires === null ? null : parseHeimdalTime(expires),
      renewUntil: null,
      flags: flags ? flags : null
    });
  }
  return listing;
}

function errorOf(listing: IKlistListing): ErrorCode | null {
  if (listing.error) {
    return listing.error;
  }
  if (listing.otherLines.length === 0) {
    return null;
  }
  const code = classifyError(listing.otherLines.join('\n'));
  if (code !== null) {
    return code;
  }
  // A program's own complaint (`klist: …`) we cannot name is still an error.
  return listing.otherLines.some(l => /^[a-z][\w.-]*: /.test(l)) &&
    listing.cache === null
    ? 'UNKNOWN'
    : null;
}

export function parseKlist(text: string, now: Date): IKlistResult {
  const clean = text.replace(ANSI, '').replace(/\r\n?/g, '\n');
  const json = parseHeimdalJson(clean);
  const flavor = json ? 'heimdal' : flavorOf(clean);
  const lines = clean.split('\n');
  const listing =
    json ??
    (flavor === 'heimdal' ? parseHeimdalKlist(lines) : parseMitKlist(lines));
  return {
    flavor,
    cache: listing.cache,
    defaultPrincipal: listing.defaultPrincipal,
    tickets: listing.tickets.map(t => ({
      ...t,
      expired: isExpired(t.expires, now)
    })),
    error: errorOf(listing)
  };
}

/** A parsed klist as the command line's JSON writes it: times as ISO strings. */
export function klistContract(result: IKlistResult): IKlistContract {
  const iso = (ms: number | null): string | null =>
    ms === null ? null : isoUtc(ms);
  return {
    ...result,
    tickets: result.tickets.map(t => ({
      ...t,
      start: iso(t.start),
      expires: iso(t.expires),
      renewUntil: iso(t.renewUntil)
    }))
  };
}
