/**
 * Shell commands for kinit, kdestroy and klist, built only from validated
 * profile fields, each word quoted.
 *
 * Service mode asks the KDC for the Livy ticket straight away
 * (`kinit -S HTTP/<host>@REALM`): the cache then holds only that ticket, so
 * renewing it also needs `-S` (plain `kinit -R` finds no TGT and fails).
 */
import { IProfile } from '../profile';
import {
  shellEnvPrefix,
  shellJoin,
  shellQuote,
  shellQuotePath
} from '../terminal/shell';
import {
  assertValidProfile,
  InvalidProfileError,
  parseLivyUrl,
  splitPrincipal,
  validateKeytabPath
} from '../validate/profile';

export interface ICommandOptions {
  /**
   * Variables set for the command only, e.g. `KRB5_CONFIG` for a user-level
   * krb5.conf. A value starting with `~/` is in the home directory.
   */
  env?: Readonly<Record<string, string>>;
}

export interface IKinitOptions extends ICommandOptions {
  /** Keytab to sign in with; default: the profile's keytab when `signIn` is `keytab`. */
  keytab?: string;
}

/** Host part of the Livy SPN: `hostname_override`, else the Livy URL's host, lowercased. */
export function serviceHost(profile: IProfile): string {
  assertValidProfile(profile, ['livyUrl', 'kerberosAuth']);
  const override = profile.kerberosAuth.hostname_override;
  if (override !== '') {
    return override.toLowerCase();
  }
  const url = parseLivyUrl(profile.livyUrl);
  // Validation above guarantees a parsed URL.
  return typeof url === 'string' ? '' : url.host.toLowerCase();
}

/** `HTTP/<livy host>@REALM`, the principal requests-kerberos asks for. */
export function servicePrincipal(profile: IProfile): string {
  assertValidProfile(profile, ['realm']);
  return `${profile.kerberosAuth.service}/${serviceHost(profile)}@${profile.realm}`;
}

/** The user principal with the realm added when it has none. */
export function userPrincipal(profile: IProfile): string {
  assertValidProfile(profile, ['realm', 'principal']);
  const parts = splitPrincipal(profile.principal);
  return typeof parts !== 'string' && parts.realm === null
    ? `${profile.principal}@${profile.realm}`
    : profile.principal;
}

function keytabFor(profile: IProfile, options: IKinitOptions): string | null {
  const keytab =
    options.keytab ?? (profile.signIn === 'keytab' ? profile.keytab : null);
  if (keytab === null) {
    return null;
  }
  const problem = validateKeytabPath(keytab);
  if (problem) {
    throw new InvalidProfileError([{ path: 'keytab', message: problem }]);
  }
  return keytab;
}

/**
 * Sign-in: `kinit [-k -t KEYTAB] -l LIFE [-r RENEW] [-S SPN] user@REALM`.
 * Without a keytab kinit prompts for the password on its terminal.
 */
export function kinitCommand(
  profile: IProfile,
  options: IKinitOptions = {}
): string {
  assertValidProfile(profile, [
    'realm',
    'principal',
    'lifetime',
    'renewLifetime',
    'ticketMode',
    'signIn'
  ]);
  const keytab = keytabFor(profile, options);
  const words = ['kinit'];
  if (keytab !== null) {
    words.push('-k', '-t', shellQuotePath(keytab));
  }
  words.push('-l', shellQuote(profile.lifetime));
  if (profile.renewLifetime !== '') {
    words.push('-r', shellQuote(profile.renewLifetime));
  }
  if (profile.ticketMode === 'service') {
    words.push('-S', shellQuote(servicePrincipal(profile)));
  }
  words.push(shellQuote(userPrincipal(profile)));
  return shellEnvPrefix(options.env ?? {}) + words.join(' ');
}

/** Renewal without a password: `kinit -R -S SPN user@REALM` or `kinit -R`. */
export function renewCommand(
  profile: IProfile,
  options: ICommandOptions = {}
): string {
  assertValidProfile(profile, ['ticketMode']);
  const words =
    profile.ticketMode === 'service'
      ? ['kinit', '-R', '-S', servicePrincipal(profile), userPrincipal(profile)]
      : ['kinit', '-R'];
  return shellEnvPrefix(options.env ?? {}) + shellJoin(words);
}

export function kdestroyCommand(options: ICommandOptions = {}): string {
  return shellEnvPrefix(options.env ?? {}) + 'kdestroy';
}

/**
 * klist with flags (MIT prints `renew until` and `Flags:` on the tab line),
 * in the C locale and UTC so dates parse, stderr folded into stdout
 * (the parser reads "No credentials cache found" from there).
 */
export function klistCommand(options: ICommandOptions = {}): string {
  const env = { ...options.env, LC_ALL: 'C', TZ: 'UTC' };
  return shellEnvPrefix(env) + 'klist -f 2>&1';
}
