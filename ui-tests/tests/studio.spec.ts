/**
 * The panel in a SageMaker Studio JupyterLab space: the server runs under the
 * base URL /jupyterlab/default with a shared space's variables
 * (playwright.studio.config.js). Apply names the tools and the credential
 * cache and says one ticket serves the space, and the password sign-in works
 * through the space's terminals.
 */
import { expect } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import { test } from './base-url';
import {
  PANEL,
  USER_KRB5,
  WORK,
  clickAction,
  expectState,
  hasTicketCache,
  openPanel,
  resetHome,
  settingsWith,
  signInWithPassword,
  testProfile
} from './helpers';

/** What the server's PATH (the tests' own, see environment.js) finds. */
const which = (tool: string) =>
  execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();

test.beforeEach(() => resetHome());

test.describe('Studio space', () => {
  test.use({ mockSettings: settingsWith([testProfile()]) });

  test('apply says what the space shares, and sign-in works under /jupyterlab/default', async ({
    page,
    baseURL
  }) => {
    expect(baseURL).toMatch(/\/jupyterlab\/default$/);
    expect(new URL(page.url()).pathname).toMatch(
      /^\/jupyterlab\/default\/lab\//
    );
    await openPanel(page);
    await clickAction(page, 'Apply Configuration…');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText(
      `SageMaker Studio space “analytics-team”: terminals and kernels run ${which('kinit')} and ${which('klist')}`
    );
    await expect(dialog).toContainText(
      `Both use one credential cache, FILE:${WORK}/ccache.`
    );
    await expect(dialog).toContainText(
      'one sign-in’s ticket serves everyone’s kernels'
    );
    await expect(dialog).toContainText(USER_KRB5);
    await dialog.getByRole('button', { name: 'Write files' }).click();
    await expect(page.locator(PANEL)).toContainText('Applied “loopback”');

    await signInWithPassword(page);
    await expect(page.locator(PANEL)).toContainText('user1@EC2.INTERNAL');
    await clickAction(page, 'Sign Out');
    await expectState(page, 'No ticket');
    expect(hasTicketCache()).toBe(false);
  });
});
