/**
 * Validators for Kerberos names, host names and the Livy URL. Each returns
 * a message for the user, or null when the value is fine.
 */
import { hasControlCharacter } from './values';

const REALM = /^[A-Z0-9](?:[A-Z0-9._-]*[A-Z0-9])?$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function validateRealm(realm: string): string | null {
  if (realm === '') {
    return 'Enter the Kerberos realm, e.g. EC2.INTERNAL.';
  }
  if (REALM.test(realm.toUpperCase()) && realm !== realm.toUpperCase()) {
    return `Realm names are case-sensitive and written in capitals: use '${realm.toUpperCase()}'.`;
  }
  if (!REALM.test(realm)) {
    return `'${realm}' is not a realm name: use capital letters, digits, '.', '-' and '_' (e.g. EC2.INTERNAL).`;
  }
  return null;
}

/**
 * A user principal, `user`, `user/instance` or either with `@REALM`, as MIT
 * `krb5_parse_name` reads it: `\/`, `\@` and `\\` escape separators.
 */
export function validatePrincipal(principal: string): string | null {
  if (principal === '') {
    return 'Enter the user principal, e.g. alice or alice@EC2.INTERNAL.';
  }
  if (hasControlCharacter(principal) || /\s/.test(principal)) {
    return 'A principal cannot contain spaces, tabs, line breaks or control characters.';
  }
  if (principal.startsWith('-')) {
    return 'A principal cannot start with "-" (kinit would read it as an option).';
  }
  const parts = splitPrincipal(principal);
  if (typeof parts === 'string') {
    return parts;
  }
  if (parts.components.some(c => c === '')) {
    return `'${principal}' has an empty name component: write user or user/instance.`;
  }
  if (parts.components.length > 2) {
    return `'${principal}' has ${parts.components.length} components; a user principal is user or user/instance.`;
  }
  if (parts.realm !== null) {
    const realmProblem = validateRealm(parts.realm);
    if (realmProblem) {
      return `Realm part of the principal: ${realmProblem}`;
    }
  }
  return null;
}

/** Splits at unescaped `/` and `@`; a message when the escaping is broken. */
export function splitPrincipal(
  principal: string
): { components: string[]; realm: string | null } | string {
  const components: string[] = [''];
  let realm: string | null = null;
  for (let i = 0; i < principal.length; i++) {
    const ch = principal[i];
    if (ch === '\\') {
      const next = principal[i + 1];
      if (next !== '/' && next !== '@' && next !== '\\') {
        return 'In a principal, "\\" may only escape "/", "@" or "\\".';
      }
      i++;
      if (realm === null) {
        components[components.length - 1] += next;
      } else {
        realm += next;
      }
    } else if (ch === '@') {
      if (realm !== null) {
        return 'A principal has at most one "@" (escape others as "\\@").';
      }
      realm = '';
    } else if (ch === '/' && realm === null) {
      components.push('');
    } else if (realm === null) {
      components[components.length - 1] += ch;
    } else {
      realm += ch;
    }
  }
  return { components, realm };
}

export interface IHostOptions {
  /** The host names a service principal (`HTTP/<host>@REALM`). */
  spn?: boolean;
}

/** A DNS host name or IPv4 address (no port). */
export function validateHostName(
  host: string,
  options: IHostOptions = {}
): string | null {
  if (host === '') {
    return 'Enter a host name.';
  }
  if (/[^\x21-\x7e]/.test(host)) {
    return /\s/.test(host) || hasControlCharacter(host)
      ? 'A host name cannot contain spaces or control characters.'
      : `'${host}' contains non-ASCII characters: use its ASCII (xn--) form, which is what DNS and Kerberos use.`;
  }
  if (IPV4.test(host)) {
    return options.spn
      ? `'${host}' is an IP address; a Kerberos service principal needs the host name (set kerberosAuth.hostname_override if the URL must use an address).`
      : null;
  }
  if (host.endsWith('.')) {
    return `Remove the trailing dot: '${host.slice(0, -1)}'.`;
  }
  if (host.indexOf('_') !== -1) {
    return `'${host}' contains "_", which host names may not (RFC 1123); certificate checks and Kerberos clients reject it.`;
  }
  if (host.length > 253) {
    return 'A host name has at most 253 characters.';
  }
  const bad = host.split('.').find(label => !LABEL.test(label));
  if (bad !== undefined) {
    return bad === ''
      ? `'${host}' has an empty label (two dots in a row or a leading dot).`
      : `'${bad}' is not a valid part of a host name: letters, digits and "-" (not at either end), at most 63 characters.`;
  }
  if (/^\d+$/.test(host.split('.').pop() as string)) {
    return `'${host}' looks like an IP address but is not a valid one.`;
  }
  if (options.spn && host !== host.toLowerCase()) {
    return (
      `Write the host in lowercase: '${host.toLowerCase()}'. Service principals are case-sensitive ` +
      `(HTTP/${host}@REALM and HTTP/${host.toLowerCase()}@REALM are different principals) and ` +
      'HTTP clients such as requests-kerberos always ask for the lowercase name.'
    );
  }
  return null;
}

export interface IHostPort {
  host: string;
  port: number | null;
}

/** Splits `host`, `host:port`, `[v6]` or `[v6]:port`; a message when malformed. */
export function parseHostPort(value: string): IHostPort | string {
  const m =
    /^\[([^\]]*)\](?::(.*))?$/.exec(value) ?? /^([^:]*)(?::(.*))?$/.exec(value);
  if (!m) {
    return `'${value}' is not host or host:port (write IPv6 addresses as [addr]:port).`;
  }
  const host = m[1];
  if (value.startsWith('[') && (!IPV6.test(host) || host.indexOf(':') === -1)) {
    return `'${host}' is not an IPv6 address.`;
  }
  if (m[2] === undefined) {
    return { host, port: null };
  }
  const port = /^\d{1,5}$/.test(m[2]) ? Number(m[2]) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    return `Port '${m[2]}' must be a number from 1 to 65535.`;
  }
  return { host, port };
}

export function validateHostPort(
  value: string,
  options: IHostOptions = {}
): string | null {
  const parsed = parseHostPort(value);
  if (typeof parsed === 'string') {
    return parsed;
  }
  return value.startsWith('[') ? null : validateHostName(parsed.host, options);
}

export interface ILivyUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number | null;
  path: string;
}

/** Splits a Livy URL without normalising it (a URL parser would hide case). */
export function parseLivyUrl(url: string): ILivyUrl | string {
  if (url === '') {
    return 'Enter the Livy URL, e.g. https://livy-nlb.example.com:8998.';
  }
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(.*)$/.exec(url);
  if (!m) {
    return `'${url}' is not a URL: write http(s)://host[:port][/path].`;
  }
  const scheme = m[1];
  if (scheme !== 'http' && scheme !== 'https') {
    return `Livy URLs start with http:// or https://, not ${scheme}://.`;
  }
  if (m[2].indexOf('@') !== -1) {
    return 'Remove the user name and password from the URL: Kerberos signs in with your ticket.';
  }
  if (m[4] !== '') {
    return 'Remove the query or fragment (after "?" or "#") from the Livy URL.';
  }
  if (/[^A-Za-z0-9._~!$&'()*+,;=:@%/-]/.test(m[3])) {
    return 'The URL path contains characters that must be percent-encoded (spaces, quotes, non-ASCII).';
  }
  const hostPort = parseHostPort(m[2]);
  if (typeof hostPort === 'string') {
    return hostPort;
  }
  return { scheme, host: hostPort.host, port: hostPort.port, path: m[3] };
}

export function validateLivyUrl(
  url: string,
  hostnameOverride = ''
): string | null {
  const parsed = parseLivyUrl(url);
  if (typeof parsed === 'string') {
    return parsed;
  }
  if (url.indexOf('://[') !== -1) {
    return hostnameOverride === ''
      ? 'A Kerberos service principal needs a host name, not an IPv6 address (or set kerberosAuth.hostname_override).'
      : null;
  }
  return validateHostName(parsed.host, { spn: hostnameOverride === '' });
}

/** The service part of an SPN, e.g. `HTTP`. */
export function validateServiceName(service: string): string | null {
  if (service === '') {
    return 'Enter the service name of the Livy principal (usually HTTP).';
  }
  return SERVICE.test(service)
    ? null
    : `'${service}' is not a service name: letters, digits, '.', '-' and '_' (usually HTTP).`;
}
