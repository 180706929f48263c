// Opens JupyterLab in Debian's Chromium and checks that the extension
// activated without errors and that its sidebar panel is present.
const { chromium } = require('playwright-core');

async function main(url) {
  const browser = await chromium.launch({
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
  });
  const page = await browser.newPage();
  const messages = [];
  page.on('console', msg => messages.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', err => messages.push(`pageerror: ${err.message}`));
  try {
    await page.goto(url);
    await page.waitForSelector('#jp-main-dock-panel', { timeout: 60000 });
    await page.waitForSelector('[data-id="sparkmagic-kerberos-panel"]', {
      timeout: 30000
    });
    const ours = messages.filter(m => /sparkmagic-kerberos/i.test(m));
    const activated = ours.some(m => /activated/.test(m));
    const errors = ours.filter(m => /^(error|pageerror)/.test(m));
    if (!activated || errors.length) {
      throw new Error(`activation: ${activated}; errors: ${errors.join('\n')}`);
    }
  } catch (err) {
    console.error(messages.join('\n'));
    throw err;
  } finally {
    await browser.close();
  }
}

main(process.argv[2]).catch(err => {
  console.error(String(err));
  process.exit(1);
});
