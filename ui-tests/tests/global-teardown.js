/** Stops the KDC that global-setup started (by PID, through realm.sh). */
const { execFileSync } = require('child_process');
const path = require('path');
const { REPO, dirs } = require('./environment');

module.exports = async () => {
  execFileSync(
    'bash',
    [path.join(REPO, 'test', 'kdc', 'realm.sh'), 'stop', dirs.realm],
    {
      stdio: 'inherit'
    }
  );
};
