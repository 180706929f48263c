// How every browser run of the project launches Chromium: Debian's build
// (these machines download no browsers), its sandbox off as CI runs as root,
// and none of its own background traffic.
module.exports = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
};
