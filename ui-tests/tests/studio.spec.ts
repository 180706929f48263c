/**
 * The panel in a SageMaker Studio JupyterLab space (playwright.studio.config.js:
 * base URL /jupyterlab/default, a shared space's variables): Apply names the
 * tools and the credential cache and says one ticket serves the space, and
 * the password sign-in works through the space's terminals.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  PANEL,
  USER_KRB5,
  clickAction,
  expectState,
  hasTicketCache,
  openPanel,
  resetHome,
  settingsWith,
  signInWithPassword,
  testProfile
} from './helpers';

test.beforeEach(() => resetHome());

test.describe('Studio space', () => {
  test.use({ mockSettings: settingsWith([testProfile()]) });

  test('apply says what the space shares, and sign-in works under /jupyterlab/default', async ({
    page
  }) => {
    expect(page.url()).toContain('/jupyterlab/default/lab');
    await openPanel(page);
    await clickAction(page, 'Apply Configuration…');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText(
      'SageMaker Studio space “analytics-team”: terminals and kernels run'
    );
    await expect(dialog).toContainText('Both use one credential cache, FILE:');
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
