/**
 * Starts the loopback KDC (test/kdc/realm.sh). Sparkmagic's kernelspecs come
 * from the virtualenv (scripts/setup.sh installs them there).
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
};
