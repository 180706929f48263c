import { IProfile } from '../profile';
import {
  assertValidProfile,
  parseHostPort,
  parseLivyUrl
} from '../validate/profile';

/** Everything a profile puts into krb5.conf; each tag named here is ours. */
export interface IKrb5Desired {
  realm: string;
  /** `[libdefaults]` relations, in the order they are written. */
  libdefaults: [string, string][];
  /** `[realms] REALM = { … }` relations: each KDC, then admin_server. */
  realmBlock: [string, string][];
  /** `[domain_realm]` host or `.domain` → realm. */
  domainRealm: [string, string][];
}

const KDC_PORT = 88;
const ADMIN_PORT = 749;

/** Tags in REALM = { } that the profile sets; other relations there stay. */
const REALM_TAGS = ['kdc', 'admin_server'];

/** Profile fields that krb5.conf depends on. */
const FIELDS = [
  'realm',
  'kdcs',
  'adminServer',
  'livyUrl',
  'clusterDomain',
  'lifetime',
  'renewLifetime'
];

/**
 * What a KDC behind a network load balancer needs, for one profile: no DNS
 * lookups or canonicalization (an NLB's reverse name is not the SPN host),
 * TCP only, a FILE cache that kernels in containers can see.
 *
 * @throws InvalidProfileError when a field krb5.conf needs is wrong.
 */
export function desiredKrb5(profile: IProfile): IKrb5Desired {
  assertValidProfile(profile, FIELDS);
  const realm = profile.realm;
  const libdefaults: [string, string][] = [
    ['default_realm', realm],
    ['dns_lookup_kdc', 'false'],
    ['dns_lookup_realm', 'false'],
    ['rdns', 'false'],
    ['dns_canonicalize_hostname', 'false'],
    ['udp_preference_limit', '1'],
    ['default_ccache_name', 'FILE:/tmp/krb5cc_%{uid}'],
    ['forwardable', 'true']
  ];
  if (profile.lifetime !== '') {
    libdefaults.push(['ticket_lifetime', profile.lifetime]);
  }
  if (profile.renewLifetime !== '') {
    libdefaults.push(['renew_lifetime', profile.renewLifetime]);
  }
  const kdcs = profile.kdcs.map(kdc => withPort(kdc, KDC_PORT));
  const admin =
    profile.adminServer !== ''
      ? withPort(profile.adminServer, ADMIN_PORT)
      : withPort(kdcs[0].replace(/:\d+$/, ''), ADMIN_PORT);
  const realmBlock: [string, string][] = [
    ...kdcs.map((kdc): [string, string] => ['kdc', kdc]),
    ['admin_server', admin]
  ];
  return { realm, libdefaults, realmBlock, domainRealm: domainRealm(profile) };
}

/** True when the profile owns the relation at `path` (section, groups…, tag). */
export function isOwnedPath(want: IKrb5Desired, path: string[]): boolean {
  const [section, ...rest] = path;
  const lib = want.libdefaults.map(([tag]) => tag);
  switch (section) {
    case 'libdefaults':
      return (
        (rest.length === 1 && lib.includes(rest[0])) ||
        (rest.length === 2 && rest[0] === want.realm && lib.includes(rest[1]))
      );
    case 'realms':
      return (
        rest.length === 2 &&
        rest[0] === want.realm &&
        REALM_TAGS.includes(rest[1])
      );
    case 'domain_realm':
      return (
        rest.length === 1 && want.domainRealm.some(([host]) => host === rest[0])
      );
    default:
      return false;
  }
}

/**
 * The host in the Livy SPN (hostname_override when set, else the Livy URL's
 * host, i.e. the NLB) and the cluster domain, each mapped to the realm.
 */
function domainRealm(profile: IProfile): [string, string][] {
  const hosts: string[] = [];
  const livy = parseLivyUrl(profile.livyUrl);
  const spnHost =
    profile.kerberosAuth.hostname_override ||
    (typeof livy === 'string' ? '' : livy.host);
  if (spnHost !== '' && !isAddress(spnHost)) {
    hosts.push(spnHost.toLowerCase());
  }
  const domain = profile.clusterDomain.replace(/^\./, '').toLowerCase();
  if (domain !== '') {
    hosts.push(`.${domain}`, domain);
  }
  return hosts
    .filter((host, i) => hosts.indexOf(host) === i)
    .map((host): [string, string] => [host, profile.realm]);
}

/** domain_realm maps names; an IP literal never matches one. */
function isAddress(host: string): boolean {
  return host.includes(':') || /^[\d.]+$/.test(host);
}

/** `host:port` with brackets kept around IPv6 and the default port filled in. */
function withPort(value: string, port: number): string {
  const parsed = parseHostPort(value);
  if (typeof parsed === 'string') {
    throw new RangeError(parsed);
  }
  const host = value.startsWith('[') ? `[${parsed.host}]` : parsed.host;
  return `${host}:${parsed.port ?? port}`;
}
