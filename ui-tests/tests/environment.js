/**
 * Where the UI tests keep their state, shared by the Playwright config, the
 * global setup and the tests: a throw-away HOME for the Jupyter server (so
 * ~/.sparkmagic and user settings start empty), a ticket cache of its own,
 * and a loopback KDC.
 */
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const WORK = process.env.UI_TESTS_WORK || path.join(REPO, '.work', 'ui-tests');
const PORT = Number(process.env.UI_TESTS_PORT || 8917);
/** The second server, launched as SageMaker Studio launches JupyterLab in a space. */
const STUDIO_PORT = Number(process.env.UI_TESTS_STUDIO_PORT || 8918);
const STUDIO_BASE_URL = '/jupyterlab/default';
const REALM = 'EC2.INTERNAL';
/** Loopback KDC port (kpasswd +1, kadmind +2); outside the other suites' ports. */
const KDC_PORT = Number(process.env.UI_TESTS_KDC_PORT || 62488);
const LIVY_HOST = 'livy-nlb.example.test';

const dirs = {
  home: path.join(WORK, 'home'),
  root: path.join(WORK, 'root'),
  realm: path.join(WORK, 'realm')
};

/**
 * The site's own krb5.conf (what /etc/krb5.conf is on a real machine), so
 * the tests never depend on this machine's /etc. It names the password
 * change service, as a site file would; the profile's user file comes first.
 */
const SITE_KRB5 = path.join(WORK, 'site-krb5.conf');

function serverEnv() {
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    SITE_KRB5,
    `[realms]\n    ${REALM} = {\n        kpasswd_server = 127.0.0.1:${KDC_PORT + 1}\n    }\n`
  );
  const env = { ...process.env };
  // Nothing of the machine's Kerberos set-up may leak in: the site file
  // below plus the panel's own krb5.conf (user mode) is all kinit reads.
  delete env.KRB5_KDC_PROFILE;
  delete env.SPARKMAGIC_CONF_DIR;
  delete env.SPARKMAGIC_CONF_FILE;
  delete env.JUPYTER_PATH;
  return {
    ...env,
    HOME: dirs.home,
    KRB5_CONFIG: SITE_KRB5,
    KRB5CCNAME: `FILE:${path.join(WORK, 'ccache')}`,
    JUPYTERLAB_GALATA_ROOT_DIR: dirs.root,
    JUPYTER_CONFIG_DIR: path.join(dirs.home, '.jupyter'),
    JUPYTER_DATA_DIR: path.join(dirs.home, '.local', 'share', 'jupyter'),
    JUPYTER_RUNTIME_DIR: path.join(WORK, 'runtime'),
    // User kernelspecs before the virtualenv's, as outside a virtualenv.
    JUPYTER_PREFER_ENV_PATH: '0',
    PATH: `${path.join(REPO, '.venv', 'bin')}:${env.PATH}`
  };
}

/** A profile for the loopback realm; `overrides` change single fields. */
function testProfile(overrides = {}) {
  return {
    name: 'loopback',
    realm: REALM,
    kdcs: [`127.0.0.1:${KDC_PORT}`],
    adminServer: `127.0.0.1:${KDC_PORT + 2}`,
    livyUrl: `https://${LIVY_HOST}:8998`,
    clusterDomain: '',
    ticketMode: 'service',
    principal: 'user1',
    signIn: 'password',
    keytab: '',
    lifetime: '10h',
    renewLifetime: '7d',
    kernels: ['python', 'scala', 'r'],
    files: {
      krb5Target: 'user',
      userKrb5Conf: '~/.config/sparkmagic-kerberos/krb5.conf',
      dropinDir: '/etc/krb5.conf.d',
      sparkmagicConfig: ''
    },
    ...overrides
  };
}

module.exports = {
  REPO,
  WORK,
  PORT,
  STUDIO_PORT,
  STUDIO_BASE_URL,
  REALM,
  KDC_PORT,
  LIVY_HOST,
  SITE_KRB5,
  dirs,
  serverEnv,
  testProfile
};
