/**
 * Before expiry: automatic renewal while the ticket is renewable, else the
 * warning style in the status bar and a notification offering to sign in
 * again. Short ticket lifetimes put the ticket in the warning window at once.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  PANEL,
  applyProfile,
  clickAction,
  dirs,
  expectState,
  openPanel,
  resetHome,
  settingsWith,
  ticketSection,
  testProfile
} from './helpers';

test.beforeEach(() => resetHome());

const keytabProfile = (overrides: Record<string, unknown>) =>
  testProfile({
    principal: 'user2',
    signIn: 'keytab',
    keytab: `${dirs.realm}/user2.keytab`,
    ...overrides
  });

test.describe('a ticket that cannot be renewed', () => {
  test.use({
    mockSettings: settingsWith([
      keytabProfile({ lifetime: '5m', renewLifetime: '' })
    ])
  });

  test('turns the status bar to a warning and offers to sign in again', async ({
    page
  }) => {
    await openPanel(page);
    await applyProfile(page);
    await clickAction(page, 'Sign In');
    await expectState(page, 'Expiring soon');
    const status = page.locator('.jp-SparkKerberos-statusText');
    await expect(status).toHaveClass(/jp-mod-expiring/);
    await expect(status).toContainText(/user2@EC2\.INTERNAL · [45] min/);
    const toast = page.locator('.Toastify__toast').filter({
      hasText: 'Your Kerberos ticket for user2@EC2.INTERNAL expires in'
    });
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Sign in again' }).click();
    await expectState(page, 'Expiring soon');
    // Sign-in errors show in the ticket section; the sessions section may
    // report the unreachable test Livy on its own.
    await expect(
      ticketSection(page).locator('.jp-SparkKerberos-error')
    ).toHaveCount(0);
  });
});

test.describe('a renewable ticket inside the renewal window', () => {
  test.use({
    mockSettings: settingsWith([
      keytabProfile({ lifetime: '5m', renewLifetime: '1h' })
    ])
  });

  test('is renewed automatically with kinit -R -S', async ({ page }) => {
    await openPanel(page);
    await applyProfile(page);
    await clickAction(page, 'Sign In');
    await expect(page.locator(PANEL)).toContainText('Last renewal:', {
      timeout: 30000
    });
    // Renewed tickets carry the T flag.
    await expect(
      page
        .locator(`${PANEL} .jp-SparkKerberos-ticketItem`)
        .first()
        .locator('dd')
        .nth(3)
    ).toContainText('T');
  });
});
