/**
 * Sign-in flows against a real loopback MIT KDC: the password is typed into
 * the visible terminal, as the user does; keytab sign-in runs hidden.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  PANEL,
  applyProfile,
  clickAction,
  dirs,
  expectState,
  hasTicketCache,
  openPanel,
  resetHome,
  settingsWith,
  terminalText,
  testProfile,
  typeInTerminal,
  waitForTerminal,
  signInWithPassword
} from './helpers';

const SERVICE = 'HTTP/livy-nlb.example.test@EC2.INTERNAL';

test.beforeEach(() => resetHome());

test.describe('password sign-in, service mode', () => {
  test.use({ mockSettings: settingsWith([testProfile()]) });

  test('types kinit in a terminal, the user types the password, panel and status bar show the ticket', async ({
    page
  }) => {
    await openPanel(page);
    await applyProfile(page);
    await expectState(page, 'No ticket');
    await clickAction(page, 'Sign In');
    await waitForTerminal(page, /Password for user1@EC2\.INTERNAL:/);
    // The tab names the sign-in, also once the terminal has connected.
    await expect(
      page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current')
    ).toHaveText('Kerberos sign-in — user1@EC2.INTERNAL');
    await typeInTerminal(page, 'user1pw');
    await expectState(page, 'Signed in');
    const panel = page.locator(PANEL);
    await expect(panel.locator('.jp-SparkKerberos-principal')).toContainText(
      'user1@EC2.INTERNAL'
    );
    // Service mode: only Livy's ticket, renewable, initial.
    const rows = panel.locator('.jp-SparkKerberos-ticketItem');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(SERVICE);
    await expect(rows.first().locator('dd').nth(3)).toContainText('R');
    await expect(
      panel.locator('.jp-SparkKerberos-countdown').first()
    ).toContainText(/9 h 5\d min|10 h 0 min/);
    // The terminal closed itself once kinit succeeded.
    await expect(page.locator('.jp-Terminal:visible')).toHaveCount(0);
    const status = page.locator('.jp-SparkKerberos-status');
    await expect(status).toContainText('user1@EC2.INTERNAL');
    await expect(status).toContainText(/\d+ h \d+ min/);
    await expect(status.locator('.jp-SparkKerberos-statusText')).toHaveClass(
      /jp-mod-signed-in/
    );

    await clickAction(page, 'Sign Out');
    await expectState(page, 'No ticket');
    expect(hasTicketCache()).toBe(false);
  });

  test('a wrong password is explained and the terminal stays open', async ({
    page
  }) => {
    await openPanel(page);
    await applyProfile(page);
    await clickAction(page, 'Sign In');
    await waitForTerminal(page, /Password for user1@EC2\.INTERNAL:/);
    await typeInTerminal(page, 'not-the-password');
    const error = page.locator(`${PANEL} .jp-SparkKerberos-error`);
    await expect(error).toContainText('WRONG_PASSWORD');
    await expect(page.locator('.jp-Terminal:visible')).toHaveCount(1);
    // The terminal shows what happens and kinit's words, no internals.
    await waitForTerminal(page, /Sign-in failed/);
    const screen = await terminalText(page);
    expect(screen).toContain(
      'Signing in as user1@EC2.INTERNAL for Livy at livy-nlb.example.test'
    );
    expect(screen).not.toMatch(/7781|skrb|echo|exec sh/);
    await expectState(page, 'No ticket');
  });
});

test.describe('first sign-in that must change the password', () => {
  test.use({
    mockSettings: settingsWith([testProfile({ principal: 'user3' })])
  });

  test('kinit asks for a new password twice in the same terminal', async ({
    page
  }) => {
    // The site's krb5.conf names the password-change service (kpasswd on a
    // test port; 464 on a real KDC), read after the profile's file.
    await openPanel(page);
    await applyProfile(page);
    await clickAction(page, 'Sign In');
    await waitForTerminal(page, /Password for user3@EC2\.INTERNAL:/);
    await typeInTerminal(page, 'user3pw');
    await waitForTerminal(page, /Enter new password:/);
    await typeInTerminal(page, 'user3-New-pw-1');
    await waitForTerminal(page, /Enter it again:/);
    await typeInTerminal(page, 'user3-New-pw-1');
    await expectState(page, 'Signed in');
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-principal`)
    ).toContainText('user3@EC2.INTERNAL');
  });
});

test.describe('keytab sign-in', () => {
  test.use({
    mockSettings: settingsWith([
      testProfile({
        principal: 'user2',
        signIn: 'keytab',
        keytab: `${dirs.realm}/user2.keytab`
      })
    ])
  });

  test('runs without a terminal', async ({ page }) => {
    await openPanel(page);
    await applyProfile(page);
    await clickAction(page, 'Sign In');
    await expectState(page, 'Signed in');
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-principal`)
    ).toContainText('user2@EC2.INTERNAL');
    await expect(page.locator('.jp-Terminal')).toHaveCount(0);
    await clickAction(page, 'Renew Ticket');
    await expect(page.locator(PANEL)).toContainText('Last renewal:');
    await expect(
      page
        .locator(`${PANEL} .jp-SparkKerberos-ticketItem`)
        .first()
        .locator('dd')
        .nth(3)
    ).toContainText('T');
  });
});

test.describe('TGT mode', () => {
  test.use({
    mockSettings: settingsWith([testProfile({ ticketMode: 'tgt' })])
  });

  test('plain kinit gives a TGT', async ({ page }) => {
    await openPanel(page);
    await applyProfile(page);
    await signInWithPassword(page);
    const rows = page.locator(`${PANEL} .jp-SparkKerberos-ticketItem`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(
      'krbtgt/EC2.INTERNAL@EC2.INTERNAL'
    );
  });
});
