/**
 * The environment probe's findings (src/exec/probe.ts), reduced to what the
 * model decides with: where kernels read krb5.conf and Sparkmagic's config,
 * which kernelspec each Sparkmagic kernel starts from, and the tools.
 */
import type { IEnvironmentProbe } from './probe-types';
import { studioFromProbe } from './studio';
import type { IEnvironment, ISparkmagicSpec } from './targets';

export function toEnvironment(probe: IEnvironmentProbe): IEnvironment {
  const server = probe.server;
  const env = probe.serverEnv;
  const specs = probe.kernelspecs.filter(k => k.sparkmagic);
  // A kernelspec's own `env` may move Sparkmagic's config; the first
  // Sparkmagic kernel's view says where its config really is. Before the
  // probe's Python half has answered, the server's variables say it.
  const view = specs.find(k => k.view)?.view ?? server;
  const prefer = env.JUPYTER_PREFER_ENV_PATH;
  const studio = studioFromProbe(probe);
  return {
    home: server?.home ?? env.HOME ?? '',
    krb5Config: server?.krb5Config ?? env.KRB5_CONFIG ?? null,
    sparkmagicConfDir: view
      ? view.sparkmagicConfDir
      : (env.SPARKMAGIC_CONF_DIR ?? null),
    sparkmagicConfFile: view
      ? view.sparkmagicConfFile
      : (env.SPARKMAGIC_CONF_FILE ?? null),
    jupyterDataDir: env.JUPYTER_DATA_DIR ?? null,
    // A space's /etc/krb5.conf is the user's but /etc is root's: the atomic
    // write (a temp file renamed in /etc) needs sudo there.
    systemKrb5Writable:
      probe.etcKrb5Conf.writable && (studio === null || probe.uid === 0),
    sudo: probe.sudo === 'ok',
    kerberosTools: probe.klist.path ? (probe.klist.flavor ?? 'mit') : null,
    preferEnvPath:
      prefer === undefined
        ? null
        : !['0', 'false', 'no', 'off', ''].includes(prefer.toLowerCase()),
    sparkmagicSpecs: specs.map((k): ISparkmagicSpec => ({
      name: k.name,
      resourceDir: k.resourceDir,
      argv: k.argv,
      displayName: k.displayName,
      language: k.language,
      env: k.env
    })),
    studio
  };
}
