/**
 * Starts the loopback KDC (test/kdc/realm.sh) and puts Sparkmagic's
 * kernelspecs where the test server finds them.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const {
  REPO,
  WORK,
  REALM,
  KDC_PORT,
  LIVY_HOST,
  dirs,
  serverEnv
} = require('./environment');

module.exports = async () => {
  serverEnv();
  const exports = execFileSync(
    'bash',
    [
      path.join(REPO, 'test', 'kdc', 'realm.sh'),
      'start',
      dirs.realm,
      REALM,
      String(KDC_PORT)
    ],
    { env: { ...process.env, SERVICE_HOSTS: LIVY_HOST }, encoding: 'utf8' }
  );
  fs.writeFileSync(path.join(WORK, 'realm.env'), exports);
  const python = path.join(REPO, '.venv', 'bin', 'python');
  const sparkmagic = execFileSync(
    python,
    [
      '-c',
      'import os, sparkmagic; print(os.path.dirname(sparkmagic.__file__))'
    ],
    { encoding: 'utf8' }
  ).trim();
  for (const name of ['pysparkkernel', 'sparkkernel', 'sparkrkernel']) {
    const target = path.join(dirs.kernels, name);
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(
      path.join(sparkmagic, 'kernels', name, 'kernel.json'),
      path.join(target, 'kernel.json')
    );
  }
};
