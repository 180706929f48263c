/**
 * A cluster profile: everything needed to reach one Kerberized Livy.
 * The JSON shape is the `profile` definition of schema/plugin.json; the CLI's
 * `--profile FILE` takes the same JSON.
 */

/** `service`: `kinit -S HTTP/<livy-host>@REALM` (NLB set-up); `tgt`: plain `kinit`. */
export type TicketMode = 'service' | 'tgt';

/** How the user proves who they are. */
export type SignInMethod = 'password' | 'keytab';

/** Sparkmagic kernels that get credentials. */
export type KernelKind = 'python' | 'scala' | 'r';

/** Kernelspec names sparkmagic installs, by profile kernel kind. */
export const SPARKMAGIC_KERNELSPECS: Readonly<Record<KernelKind, string>> = {
  python: 'pysparkkernel',
  scala: 'sparkkernel',
  r: 'sparkrkernel'
};

/** Where krb5.conf goes; `auto` lets the environment probe choose. */
export type Krb5Target = 'auto' | 'system' | 'dropin' | 'user';

/** requests-kerberos options, written as Sparkmagic's `kerberos_auth_configuration`. */
export interface IKerberosAuthOptions {
  mutual_authentication: 'REQUIRED' | 'OPTIONAL' | 'DISABLED';
  service: string;
  delegate: boolean;
  force_preemptive: boolean;
  hostname_override: string;
  sanitize_mutual_error_response: boolean;
  send_cbt: boolean;
}

export interface ITlsOptions {
  /** PEM bundle that signs Livy's certificate; '' = system store. */
  caBundle: string;
  /** Skip certificate checks (Sparkmagic `ignore_ssl_errors`); only on request. */
  ignoreSslErrors: boolean;
}

export interface IFileTargets {
  krb5Target: Krb5Target;
  /** krb5.conf written in `user` mode; `~` is the user's home. */
  userKrb5Conf: string;
  /** Drop-in written in `dropin` mode. */
  dropinDir: string;
  /** '' = where Sparkmagic looks: $SPARKMAGIC_CONF_DIR or ~/.sparkmagic. */
  sparkmagicConfig: string;
}

export interface IProfile {
  name: string;
  realm: string;
  /** `host` or `host:port`; the first is tried first. */
  kdcs: string[];
  /** `host[:port]`; '' = the first KDC's host on 749. */
  adminServer: string;
  /** Livy endpoint, usually the load balancer: `https://nlb-host:8998`. */
  livyUrl: string;
  /** DNS domain of the cluster nodes, mapped to the realm; '' = none. */
  clusterDomain: string;
  ticketMode: TicketMode;
  /** `user` or `user@REALM`. */
  principal: string;
  signIn: SignInMethod;
  /** Keytab path for `signIn: keytab`. */
  keytab: string;
  /** kinit `-l`, e.g. `10h`. */
  lifetime: string;
  /** kinit `-r`, e.g. `7d`; '' = not renewable. */
  renewLifetime: string;
  kernels: KernelKind[];
  kerberosAuth: IKerberosAuthOptions;
  tls: ITlsOptions;
  files: IFileTargets;
}

export const DEFAULT_KERBEROS_AUTH: IKerberosAuthOptions = {
  mutual_authentication: 'REQUIRED',
  service: 'HTTP',
  delegate: false,
  force_preemptive: false,
  hostname_override: '',
  sanitize_mutual_error_response: true,
  send_cbt: true
};

export const DEFAULT_PROFILE: IProfile = {
  name: 'default',
  realm: '',
  kdcs: [],
  adminServer: '',
  livyUrl: '',
  clusterDomain: '',
  ticketMode: 'service',
  principal: '',
  signIn: 'password',
  keytab: '',
  lifetime: '10h',
  renewLifetime: '7d',
  kernels: ['python', 'scala', 'r'],
  kerberosAuth: DEFAULT_KERBEROS_AUTH,
  tls: { caBundle: '', ignoreSslErrors: false },
  files: {
    krb5Target: 'auto',
    userKrb5Conf: '~/.config/sparkmagic-kerberos/krb5.conf',
    dropinDir: '/etc/krb5.conf.d',
    sparkmagicConfig: ''
  }
};

/** Fills every missing field of a partial profile (settings, CLI files) with its default. */
export function withDefaults(partial: Partial<IProfile>): IProfile {
  return {
    ...DEFAULT_PROFILE,
    ...partial,
    kerberosAuth: { ...DEFAULT_KERBEROS_AUTH, ...(partial.kerberosAuth ?? {}) },
    tls: { ...DEFAULT_PROFILE.tls, ...(partial.tls ?? {}) },
    files: { ...DEFAULT_PROFILE.files, ...(partial.files ?? {}) }
  };
}
