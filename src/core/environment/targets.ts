/**
 * Where the files go and what environment Kerberos commands need. Kernels
 * see the Jupyter server's environment plus their kernelspec's `env`; the
 * system krb5.conf is used when we may write it, otherwise a user file that
 * kernels and our own kinit/klist find through KRB5_CONFIG.
 */
import { KRB5_DROPIN_NAME } from '../krb5';
import type { IProfile } from '../profile';
import { trimTrailingSlashes } from '../trailing-slashes';
import type { IStudio } from './studio';

/** What the environment probe learned about the server (what kernels see). */
export interface IEnvironment {
  /** The server's HOME. */
  home: string;
  /** KRB5_CONFIG of the server, or null when unset. */
  krb5Config: string | null;
  /** SPARKMAGIC_CONF_DIR / SPARKMAGIC_CONF_FILE as kernels see them. */
  sparkmagicConfDir: string | null;
  sparkmagicConfFile: string | null;
  /** JUPYTER_DATA_DIR of the server, or null (then ~/.local/share/jupyter). */
  jupyterDataDir: string | null;
  /** /etc/krb5.conf can be written by the server's user. */
  systemKrb5Writable: boolean;
  /** `sudo -n true` succeeds. */
  sudo: boolean;
  /** kinit/klist are installed ('mit' | 'heimdal'), or null. */
  kerberosTools: 'mit' | 'heimdal' | null;
  /** JUPYTER_PREFER_ENV_PATH of the server as a flag; null when unset. */
  preferEnvPath: boolean | null;
  /** The Sparkmagic kernelspecs the server starts kernels from. */
  sparkmagicSpecs: ISparkmagicSpec[];
  /** A SageMaker Studio JupyterLab space, or null elsewhere. */
  studio?: IStudio | null;
}

/** A Sparkmagic kernelspec as the server resolves it. */
export interface ISparkmagicSpec {
  name: string;
  /** Directory of the kernel.json the server uses. */
  resourceDir: string;
  argv: string[];
  displayName: string;
  language: string;
  env: Record<string, string>;
}

export const SYSTEM_KRB5_CONF = '/etc/krb5.conf';

export type Krb5Mode = 'system' | 'dropin' | 'user';

export interface ITargets {
  krb5Mode: Krb5Mode;
  /** Absolute path of the krb5 file we write. */
  krb5Path: string;
  /** Write it with `sudo -n`. */
  sudo: boolean;
  /** Absolute path of Sparkmagic's config.json. */
  sparkmagicPath: string;
  /** Environment every kinit/klist/kdestroy we run, and every Sparkmagic kernel, needs. */
  kerberosEnv: Record<string, string>;
  /** Environment Sparkmagic kernels need on top of the server's (kernelspec `env`). */
  kernelEnv: Record<string, string>;
  /** Directory holding user kernelspecs (`<data dir>/kernels`). */
  kernelspecDir: string;
}

/** `~` and `~/x` as absolute paths under `home`. */
export function expandHome(path: string, home: string): string {
  if (path === '~') {
    return home;
  }
  return path.startsWith('~/')
    ? `${trimTrailingSlashes(home)}/${path.slice(2)}`
    : path;
}

/** Decides the targets for a profile in an environment. */
export function resolveTargets(
  profile: IProfile,
  env: IEnvironment,
  options: { useSudo: boolean }
): ITargets {
  const files = profile.files;
  const canSudo = options.useSudo && env.sudo;
  let krb5Mode: Krb5Mode =
    files.krb5Target === 'auto' ? 'user' : files.krb5Target;
  if (files.krb5Target === 'auto' && env.krb5Config === null) {
    // A server-wide KRB5_CONFIG means kernels never read /etc/krb5.conf.
    krb5Mode = env.systemKrb5Writable || canSudo ? 'system' : 'user';
  }
  const krb5Path =
    krb5Mode === 'system'
      ? SYSTEM_KRB5_CONF
      : krb5Mode === 'dropin'
        ? `${trimTrailingSlashes(files.dropinDir)}/${KRB5_DROPIN_NAME}`
        : expandHome(files.userKrb5Conf, env.home);
  // Our file first, then what would be read without it: MIT reads every
  // file of the list, the first value of a relation wins and missing files
  // are skipped, so the site's other realms and settings still apply.
  const rest = (env.krb5Config ?? SYSTEM_KRB5_CONF)
    .split(':')
    .filter(p => p !== '' && p !== krb5Path);
  const kerberosEnv: Record<string, string> =
    krb5Mode === 'user' ? { KRB5_CONFIG: [krb5Path, ...rest].join(':') } : {};
  const kernelEnv: Record<string, string> = { ...kerberosEnv };
  if (profile.tls.caBundle) {
    // Sparkmagic's config has no CA option; requests reads this variable.
    kernelEnv.REQUESTS_CA_BUNDLE = expandHome(profile.tls.caBundle, env.home);
  }
  const confDir = expandHome(
    env.sparkmagicConfDir ?? '~/.sparkmagic',
    env.home
  );
  const sparkmagicPath = files.sparkmagicConfig
    ? expandHome(files.sparkmagicConfig, env.home)
    : `${trimTrailingSlashes(confDir)}/${env.sparkmagicConfFile ?? 'config.json'}`;
  const dataDir =
    env.jupyterDataDir ?? expandHome('~/.local/share/jupyter', env.home);
  return {
    krb5Mode,
    krb5Path,
    sudo:
      krb5Mode !== 'user' &&
      canSudo &&
      !(krb5Mode === 'system' && env.systemKrb5Writable),
    sparkmagicPath,
    kerberosEnv,
    kernelEnv,
    kernelspecDir: `${trimTrailingSlashes(dataDir)}/kernels`
  };
}
