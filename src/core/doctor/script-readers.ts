/**
 * Readers for what the doctor script's checks print: curl's write-out, response headers,
 * the clock lines around a request, and MIT KRB5_TRACE lines.
 */
import { sectionParts } from './output';

export interface ICurlResult {
  /** curl's exit code (0 = an HTTP answer came back). */
  rc: number;
  /** HTTP status, 0 when none came back. */
  status: number;
  /** Seconds to the TCP connect (0 when it never connected). */
  connect: number;
  ip: string;
  headers: string;
  stderr: string;
  body: string;
  trace: string;
  /** Local clock (epoch s) before and after the request. */
  clock: [number, number] | null;
}

export function parseCurlProbe(text: string, rc: number): ICurlResult {
  const parts = sectionParts(text);
  const wout = new Map<string, string>();
  for (const line of (parts.get('write-out') ?? '').split('\n')) {
    const m = /^(\S+) ?(.*)$/.exec(line);
    if (m) {
      wout.set(m[1], m[2]);
    }
  }
  const clock = [parts.get('clock'), parts.get('after')].map(p =>
    Number(/^\d+$/m.exec(p ?? '')?.[0] ?? NaN)
  );
  const headers = (parts.get('headers') ?? '').trim();
  return {
    rc,
    status: Number(wout.get('code') ?? 0) || 0,
    connect: Number(wout.get('connect') ?? 0) || 0,
    ip: wout.get('ip') ?? '',
    headers,
    stderr: (parts.get('stderr') ?? '').trim(),
    body: (parts.get('body') ?? '').trim(),
    trace: parts.get('trace') ?? '',
    clock: clock.every(isFinite) ? [clock[0], clock[1]] : null
  };
}

/** Value of the last header of that name (case-insensitive), or null. */
export function headerValue(headers: string, name: string): string | null {
  let value: string | null = null;
  const want = name.toLowerCase() + ':';
  for (const line of headers.split('\n')) {
    if (line.toLowerCase().startsWith(want)) {
      value = line.slice(want.length).trim();
    }
  }
  return value;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** An RFC 7231 IMF-fixdate (`Tue, 25 Nov 2026 16:54:44 GMT`) as epoch s. */
export function parseHttpDate(value: string): number | null {
  const m =
    /^[A-Za-z]{3}, (\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(
      value.trim()
    );
  const month = m ? MONTHS.indexOf(m[2]) : -1;
  if (!m || month < 0) {
    return null;
  }
  return Date.UTC(+m[3], month, +m[1], +m[4], +m[5], +m[6]) / 1000;
}

/**
 * Seconds this machine's clock is ahead of the server's (negative: behind),
 * from the Date header and the clock read around the request; null when
 * there is no Date header.
 */
export function clockSkew(probe: ICurlResult): number | null {
  const date = headerValue(probe.headers, 'Date');
  const server = date === null ? null : parseHttpDate(date);
  if (server === null || probe.clock === null) {
    return null;
  }
  const local = (probe.clock[0] + probe.clock[1]) / 2;
  // The header has 1 s resolution and the request took up to the bound:
  // only the part beyond that uncertainty counts.
  const slack = (probe.clock[1] - probe.clock[0]) / 2 + 1;
  const skew = local - server;
  return Math.abs(skew) <= slack ? 0 : skew - Math.sign(skew) * slack;
}

/** The service principal MIT asked for (`Getting credentials A -> B`). */
export function requestedSpns(trace: string): string[] {
  const spns: string[] = [];
  const re = /Getting credentials \S+ -> (\S+) using ccache/g;
  for (let m = re.exec(trace); m; m = re.exec(trace)) {
    if (spns.indexOf(m[1]) === -1) {
      spns.push(m[1]);
    }
  }
  return spns;
}

/** How MIT reached the KDC: `udp`/`tcp` with the address, in order. */
export function kdcContacts(
  trace: string
): { transport: 'udp' | 'tcp'; address: string }[] {
  const out: { transport: 'udp' | 'tcp'; address: string }[] = [];
  const re =
    /(?:Sending initial UDP request to dgram|Initiating TCP connection to stream) (\S+)/g;
  for (let m = re.exec(trace); m; m = re.exec(trace)) {
    out.push({
      transport: m[0].indexOf('UDP') !== -1 ? 'udp' : 'tcp',
      address: m[1]
    });
  }
  return out;
}

/** Errors the KDC sent back (`Received error from KDC: -1765328361/Password has expired`). */
export function kdcErrors(trace: string): string[] {
  const out: string[] = [];
  const re = /Received error from KDC: -?\d+\/(.+)$/gm;
  for (let m = re.exec(trace); m; m = re.exec(trace)) {
    out.push(m[1].trim());
  }
  return out;
}

/** True when the trace shows an answer from a KDC. */
export function kdcAnswered(trace: string): boolean {
  return /Received answer \(\d+ bytes\) from/.test(trace);
}

/** `HTTP/host@REALM` → host, lower case; null when it is no host-based name. */
export function spnHost(spn: string): string | null {
  const m = /^[^/@]+\/([^@/]+)@/.exec(spn);
  return m ? m[1].toLowerCase() : null;
}
