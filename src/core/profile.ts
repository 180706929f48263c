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

/**
 * What a new Livy session gets: Sparkmagic's own timeouts and heartbeat, and
 * the optional Livy session defaults (`session_configs_defaults`); an empty
 * text or a 0 leaves that value to the file, else to the cluster.
 */
export interface ISessionSettings {
  /** Sparkmagic `livy_session_startup_timeout_seconds`. */
  startupTimeoutSeconds: number;
  /** Sparkmagic's heartbeat to Livy (`livy_server_heartbeat_timeout_seconds` > 0). */
  heartbeat: boolean;
  /** Livy's idle timeout for the session, e.g. `4h` (Livy 0.8+). */
  idleTimeout: string;
  /** YARN queue. */
  queue: string;
  /** Spark memory sizes, e.g. `2g`, `512m`. */
  driverMemory: string;
  executorMemory: string;
  driverCores: number;
  executorCores: number;
  numExecutors: number;
  /** Extra Spark properties, e.g. `spark.dynamicAllocation.enabled`. */
  conf: Record<string, string>;
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
  session: ISessionSettings;
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

/** Start-up timeout above what a Livy session on YARN takes under load (51–90 s measured). */
export const DEFAULT_SESSION: ISessionSettings = {
  startupTimeoutSeconds: 300,
  heartbeat: true,
  idleTimeout: '',
  queue: '',
  driverMemory: '',
  executorMemory: '',
  driverCores: 0,
  executorCores: 0,
  numExecutors: 0,
  conf: {}
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
  },
  session: DEFAULT_SESSION
};

/** Fills every missing field of a partial profile (settings, CLI files) with its default. */
export function withDefaults(partial: Partial<IProfile>): IProfile {
  return {
    ...DEFAULT_PROFILE,
    ...partial,
    kerberosAuth: { ...DEFAULT_KERBEROS_AUTH, ...(partial.kerberosAuth ?? {}) },
    tls: { ...DEFAULT_PROFILE.tls, ...(partial.tls ?? {}) },
    files: { ...DEFAULT_PROFILE.files, ...(partial.files ?? {}) },
    session: { ...DEFAULT_SESSION, ...(partial.session ?? {}) }
  };
}
