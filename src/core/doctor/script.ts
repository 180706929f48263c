/**
 * Renders the doctor as one POSIX shell script for a profile. The panel runs
 * it through the hidden terminal, the CLI through `sh -c`; both parse its
 * output with parseDoctorOutput and judge it with diagnose.
 */
import { servicePrincipal, userPrincipal } from '../sign-in/kinit';
import { IProfile } from '../profile';
import { shellQuote, shellQuotePath } from '../terminal/shell';
import {
  assertValidProfile,
  parseHostPort,
  parseLivyUrl
} from '../validate/profile';
import { SCRIPT_BASE } from './script-base';
import { SCRIPT_ENV, SCRIPT_HELPERS } from './script-env';
import { SCRIPT_CHECKS } from './script-checks';
import { trimTrailingSlashes } from '../trailing-slashes';

/** The values the script needs, derived from a valid profile. */
export interface IDoctorTarget {
  url: string;
  /** The URL's host as written. */
  host: string;
  port: number;
  https: boolean;
  spn: string;
  principal: string;
  /** `host:port` of each KDC (port 88 when not given). */
  kdcs: { host: string; port: number }[];
}

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

export function doctorTarget(profile: IProfile): IDoctorTarget {
  assertValidProfile(profile);
  const url = parseLivyUrl(profile.livyUrl);
  if (typeof url === 'string') {
    throw new Error(url);
  }
  const https = url.scheme === 'https';
  return {
    url: trimTrailingSlashes(profile.livyUrl),
    host: url.host,
    port: url.port ?? (https ? 443 : 80),
    https,
    spn: servicePrincipal(profile),
    principal: userPrincipal(profile),
    kdcs: profile.kdcs.map(kdc => {
      const hp = parseHostPort(kdc);
      return typeof hp === 'string'
        ? { host: kdc, port: 88 }
        : { host: hp.host, port: hp.port ?? 88 };
    })
  };
}

/** The service principal with its host part in capitals. */
export function upperSpn(spn: string): string {
  const m = /^([^/]+)\/([^@]+)@(.+)$/.exec(spn);
  return m ? `${m[1]}/${m[2].toUpperCase()}@${m[3]}` : spn;
}

function assign(name: string, value: string): string {
  return `${name}=${shellQuote(value)}`;
}

/** Shell assignments of the values every doctor script starts with. */
export function scriptParams(profile: IProfile): string[] {
  const target = doctorTarget(profile);
  const override = profile.kerberosAuth.hostname_override.toLowerCase();
  const hosts = [target.host, ...target.kdcs.map(k => k.host)].filter(
    (h, i, all) =>
      !IPV4.test(h) && h.indexOf(':') === -1 && all.indexOf(h) === i
  );
  const lines = [
    '# sparkmagic-kerberos doctor: read-only checks of the Kerberos -> load',
    `# balancer -> Livy chain for profile ${JSON.stringify(profile.name)}.`,
    assign('P_PRINC', target.principal),
    assign('P_URL', target.url),
    assign('P_HOST', target.host),
    assign('P_PORT', String(target.port)),
    assign('P_SPN', target.spn),
    assign('P_SPN_UPPER', upperSpn(target.spn)),
    assign('P_OVERRIDE', override),
    assign(
      'P_URL_OVERRIDE',
      override === '' ? '' : target.url.replace(target.host, () => override)
    ),
    assign('P_KDCS', target.kdcs.map(k => `${k.host}:${k.port}`).join(' ')),
    assign('P_DNS', hosts.join(' ')),
    assign('P_MODE', profile.ticketMode),
    assign('P_SIGNIN', profile.signIn),
    `P_KEYTAB=${profile.signIn === 'keytab' ? shellQuotePath(profile.keytab) : "''"}`,
    `P_SMCONF=${profile.files.sparkmagicConfig === '' ? "''" : shellQuotePath(profile.files.sparkmagicConfig)}`,
    assign('P_CACERT', profile.tls.caBundle),
    assign('P_INSECURE', profile.tls.ignoreSslErrors ? '1' : '0')
  ];
  return lines;
}

/** The complete doctor script for a (valid) profile. */
export function renderDoctorScript(profile: IProfile): string {
  return [
    ...scriptParams(profile),
    SCRIPT_HELPERS,
    SCRIPT_ENV,
    SCRIPT_BASE,
    SCRIPT_CHECKS
  ].join('\n');
}
