// Opens JupyterLab in Debian's Chromium and checks that the extension's
// sidebar panel opens and nothing of ours logs an error.
const { chromium } = require('playwright-core');
const CHROMIUM = require('../../ui-tests/chromium');

async function main(url) {
  const browser = await chromium.launch(CHROMIUM);
  const page = await browser.newPage();
  const messages = [];
  page.on('console', msg => messages.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', err => messages.push(`pageerror: ${err.message}`));
  try {
    await page.goto(url);
    await page.waitForSelector('#jp-main-dock-panel', { timeout: 60000 });
    const tab = await page.waitForSelector(
      '[data-id="jp-SparkKerberos-panel"]',
      { timeout: 30000 }
    );
    await tab.click();
    await page.waitForSelector('#jp-SparkKerberos-panel', {
      state: 'visible',
      timeout: 30000
    });
    const errors = messages.filter(
      m => /^(error|pageerror)/.test(m) && /sparkmagic|kerberos/i.test(m)
    );
    if (errors.length) {
      throw new Error(`errors: ${errors.join('\n')}`);
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
