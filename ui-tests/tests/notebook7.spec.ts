/**
 * Jupyter Notebook 7 on the same server: the panel sits in the left area of
 * the notebook page, and password sign-in works with the terminal Notebook
 * opens in a new browser tab.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import {
  PANEL,
  home,
  resetHome,
  testProfile,
  typeInTerminal,
  waitForTerminal
} from './helpers';

test.use({ autoGoto: false });

const USER_SETTINGS = home('.jupyter', 'lab', 'user-settings');
const SETTINGS = {
  'jupyterlab-sparkmagic-kerberos/plugin.jupyterlab-settings': {
    profiles: [testProfile()],
    activeProfile: 'loopback'
  },
  // The terminal page has no app handle: read the screen through xterm's screen-reader rows.
  '@jupyterlab/terminal-extension/plugin.jupyterlab-settings': {
    screenReaderMode: true
  }
};

test.beforeEach(() => {
  resetHome();
  for (const [file, value] of Object.entries(SETTINGS)) {
    fs.mkdirSync(path.dirname(path.join(USER_SETTINGS, file)), {
      recursive: true
    });
    fs.writeFileSync(path.join(USER_SETTINGS, file), JSON.stringify(value));
  }
});
test.afterEach(() => {
  for (const file of Object.keys(SETTINGS)) {
    fs.rmSync(path.join(USER_SETTINGS, file), { force: true });
  }
});

async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window as any).jupyterapp?.commands?.hasCommand(
        'sparkmagic-kerberos:open'
      ),
    null,
    {
      timeout: 60000
    }
  );
}

test('panel and password sign-in in Notebook 7', async ({
  page,
  context,
  baseURL,
  tmpPath
}) => {
  const notebook = `${tmpPath}/nb7.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify({
      cells: [],
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      nbformat: 4,
      nbformat_minor: 5
    }),
    'text',
    notebook
  );
  const nb = await context.newPage();
  await nb.goto(`${baseURL}/notebooks/${notebook}`);
  await waitForApp(nb);
  await nb.evaluate(() =>
    (window as any).jupyterapp.commands.execute('sparkmagic-kerberos:open')
  );
  const panel = nb.locator(PANEL);
  await expect(panel).toBeVisible();
  await expect(panel.locator('.jp-SparkKerberos-stateLabel')).toHaveText(
    'No ticket',
    { timeout: 30000 }
  );
  await panel.getByRole('button', { name: 'Apply Configuration…' }).click();
  await nb
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Write files' })
    .click();
  await expect(panel).toContainText('Applied “loopback”');

  const popup = context.waitForEvent('page');
  // The toolbar's Sign In runs the same command as the guide's.
  await panel
    .getByRole('button', { name: 'Sign In', exact: true })
    .first()
    .click();
  const terminal = await popup;
  await waitForTerminal(terminal, /Password for user1@EC2\.INTERNAL:/);
  await typeInTerminal(terminal, 'user1pw');
  await expect(panel.locator('.jp-SparkKerberos-stateLabel')).toHaveText(
    'Signed in',
    { timeout: 30000 }
  );
  await expect(panel.locator('.jp-SparkKerberos-principal')).toContainText(
    'user1@EC2.INTERNAL'
  );
  await terminal.close();
  await nb.close();
});
