/**
 * The panel's first-run path from an empty home: Apply, then Sign In, then
 * Open PySpark Notebook, each in turn the one primary button; actions that
 * cannot run are disabled and say why. The cell's run through Livy is in
 * stack.spec.ts.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import {
  PANEL,
  applyProfile,
  clickAction,
  expectState,
  openPanel,
  resetHome,
  settingsWith,
  terminalText,
  testProfile,
  typeInTerminal,
  waitForTerminal
} from './helpers';

test.beforeEach(() => resetHome());
test.use({ mockSettings: settingsWith([testProfile()]) });

/** The one primary button of the panel reads `label`. */
async function expectPrimary(page: Page, label: string): Promise<void> {
  const primary = page.locator(`${PANEL} button.jp-mod-accept`);
  await expect(primary).toHaveText(label, { timeout: 30000 });
  await expect(primary).toHaveCount(1);
}

/** A disabled panel button whose tooltip and accessible description give `reason`. */
async function expectDisabled(
  page: Page,
  name: string,
  reason: string
): Promise<void> {
  const button = page.locator(PANEL).getByRole('button', { name, exact: true });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('title', reason);
  await expect(button).toHaveAccessibleDescription(reason);
}

test('apply, sign in and open a PySpark notebook, one primary action at a time', async ({
  page
}) => {
  await openPanel(page);
  await expectPrimary(page, 'Apply Configuration…');
  await expect(page.locator(`${PANEL} .jp-SparkKerberos-guide`)).toContainText(
    /\d+ files to write/
  );
  for (const name of ['Sign Out', 'Renew Ticket', 'Switch User…']) {
    await expectDisabled(page, name, 'No ticket: sign in first.');
  }
  for (const name of ['Open PySpark Notebook', 'Open Scala Notebook']) {
    await expectDisabled(page, name, 'Apply the configuration first.');
  }

  await applyProfile(page);
  await expectPrimary(page, 'Sign In');
  await expectDisabled(
    page,
    'Open PySpark Notebook',
    'No valid ticket: sign in first.'
  );

  await clickAction(page, 'Sign In');
  await waitForTerminal(page, /Password for user1@EC2\.INTERNAL:/);
  const screen = await terminalText(page);
  expect(screen).toContain('Signing in as user1@EC2.INTERNAL');
  expect(screen).not.toMatch(/7781|skrb|echo|exec sh/);
  await typeInTerminal(page, 'user1pw');
  await expectState(page, 'Signed in');
  await expectPrimary(page, 'Open PySpark Notebook');
  for (const name of ['Sign Out', 'Renew Ticket', 'Switch User…']) {
    await expect(
      page.locator(PANEL).getByRole('button', { name, exact: true })
    ).toBeEnabled();
  }
  await expect(
    page
      .locator(PANEL)
      .getByRole('button', { name: 'Open Scala Notebook', exact: true })
  ).toBeEnabled();

  await clickAction(page, 'Open PySpark Notebook');
  const cell = page.locator('.jp-NotebookPanel:visible .jp-Cell').first();
  await expect(cell.locator('.jp-InputArea-editor')).toHaveText(
    'spark.range(3).collect()'
  );
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as any).jupyterapp.shell.currentWidget?.sessionContext
            ?.session?.kernel?.name
      )
    )
    .toBe('pysparkkernel');
});

test('an applied profile starts at Sign In', async ({ page }) => {
  await openPanel(page);
  await applyProfile(page);
  await page.reload();
  await openPanel(page);
  await expectPrimary(page, 'Sign In');
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-step.jp-mod-done`)
  ).toHaveText(/^1\. Apply the configuration \(done\)/);
});
