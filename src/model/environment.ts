/**
 * What the Jupyter server's environment looks like to Kerberos commands and
 * kernels, read with one command through the hidden terminal (whose shell
 * inherits the server's environment).
 */
import type { ICommandRunner } from '../exec/tokens';
import type { IEnvironment } from './targets';

const READ_ENVIRONMENT = [
  'printf "%s\\n" "$HOME" "${KRB5_CONFIG-}" "${SPARKMAGIC_CONF_DIR-}" "${SPARKMAGIC_CONF_FILE-}" "${JUPYTER_DATA_DIR-}"',
  '{ [ -w /etc/krb5.conf ] || { [ ! -e /etc/krb5.conf ] && [ -w /etc ]; }; } && echo writable || echo read-only',
  'sudo -n true 2>/dev/null && echo sudo || echo no-sudo',
  'if ! command -v klist >/dev/null 2>&1; then echo none; elif klist --version 2>&1 | grep -qi heimdal; then echo heimdal; else echo mit; fi'
].join('; ');

export async function readEnvironment(
  runner: ICommandRunner
): Promise<IEnvironment> {
  const result = await runner.run(READ_ENVIRONMENT);
  const [home, krb5Config, confDir, confFile, dataDir, writable, sudo, tools] =
    result.stdout.split('\n');
  return {
    home,
    krb5Config: krb5Config || null,
    sparkmagicConfDir: confDir || null,
    sparkmagicConfFile: confFile || null,
    jupyterDataDir: dataDir || null,
    systemKrb5Writable: writable === 'writable',
    sudo: sudo === 'sudo',
    kerberosTools: tools === 'mit' || tools === 'heimdal' ? tools : null
  };
}
