/** What the environment probe reports (parsed by probe.ts). */

export type CacheType = 'FILE' | 'DIR' | 'KEYRING' | 'KCM' | 'MEMORY' | 'API';
export const CACHE_TYPES: CacheType[] = [
  'FILE',
  'DIR',
  'KEYRING',
  'KCM',
  'MEMORY',
  'API'
];

/** Kerberos and Sparkmagic settings as one environment sees them. */
export interface IKerberosView {
  home: string | null;
  krb5Config: string | null;
  /** Files MIT reads, in order (KRB5_CONFIG split on ':', or /etc/krb5.conf). */
  krb5ConfigPaths: string[];
  /** Whether the first of them can be written (or created). */
  krb5ConfigWritable: boolean;
  /** `include`/`includedir`/`module` lines in those files. */
  krb5Includes: string[];
  krb5ccname: string | null;
  /** Type of the cache klist actually uses (from KRB5CCNAME or klist's answer). */
  cacheType: CacheType | null;
  cacheName: string | null;
  sparkmagicConfDir: string | null;
  sparkmagicConfFile: string | null;
  sparkmagicConfigPath: string;
  klist: string | null;
}

export interface IKernelSpecInfo {
  name: string;
  displayName: string;
  language: string;
  argv: string[];
  env: Record<string, string>;
  resourceDir: string;
  sparkmagic: boolean;
  /** For Sparkmagic kernels: the interpreter that runs them and what it can import. */
  python: string | null;
  sparkmagicImportable: boolean | null;
  sparkmagicVersion: string | null;
  importError: string | null;
  view: IKerberosView | null;
}

export interface IToolInfo {
  path: string | null;
  flavor: 'mit' | 'heimdal' | null;
  version: string | null;
}

export interface IEnvironmentProbe {
  /** PID of the Jupyter server, or null when /proc could not tell (then `server` is the shell's view). */
  serverPid: number | null;
  uid: number | null;
  user: string | null;
  /** Kerberos-related variables of the server (other variables are left out: they may hold secrets). */
  serverEnv: Record<string, string>;
  /** Those variables whose value in a terminal's login shell differs from the server's. */
  shellDiffers: string[];
  kinit: IToolInfo;
  klist: IToolInfo;
  /** The server's own view (also what a kernel without a spec `env` sees). */
  server: IKerberosView | null;
  etcKrb5Conf: { exists: boolean; writable: boolean };
  /** 'off': not tried, the `useSudo` setting is off. */
  sudo: 'ok' | 'password' | 'missing' | 'off';
  python: string | null;
  kernelspecs: IKernelSpecInfo[];
  sparkmagicKernelspecs: string[];
  errors: string[];
}
