/**
 * The panel's first-run path from an empty home: Apply, then Sign In, then
 * Open PySpark Notebook, each in turn the one primary button; actions that
 * cannot run are disabled and say why. The cell's run through Livy is in
 * stack.spec.ts. Writes the README's screenshots of the three steps and of
 * the sign-in terminal.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as path from 'path';
import {
  PANEL,
  REPO_DOCS,
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
test.use({
  mockSettings: settingsWith([testProfile()]),
  viewport: { width: 1400, height: 900 }
});

const shot = (name: string) => ({ path: path.join(REPO_DOCS, name) });

/** The one primary button of the panel reads `label`. */
async function expectPrimary(page: Page, label: string): Promise<void> {
  const primary = page.locator(`${PANEL} button.jp-mod-accept`);
  await expect(primary).toHaveText(label, { timeout: 30000 });
  await expect(primary).toHaveCount(1);
}

/** `text` as a regular expression matching itself. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A disabled panel button whose tooltip and accessible description give
 * `reason` (a toolbar button's tooltip starts with its label).
 */
async function expectDisabled(
  page: Page,
  name: string,
  reason: string
): Promise<void> {
  const buttons = page
    .locator(PANEL)
    .getByRole('button', { name, exact: true });
  await expect(buttons.first()).toBeVisible();
  for (const button of await buttons.all()) {
    await expect(button).toBeDisabled();
    // A toolbar button's tooltip: its label (and key binding), then the reason.
    await expect(button).toHaveAttribute(
      'title',
      new RegExp(`^(${literal(name)}( \\(.+\\))?\n)?${literal(reason)}$`)
    );
    await expect(button).toHaveAccessibleDescription(reason);
  }
}

test('apply, sign in and open a PySpark notebook, one primary action at a time', async ({
  page
}) => {
  await openPanel(page);
  await expectPrimary(page, 'Apply Configuration…');
  await expect(page.locator(`${PANEL} .jp-SparkKerberos-guide`)).toContainText(
    /\d+ files to write/
  );
  await page.locator(PANEL).screenshot(shot('step-1-apply.png'));
  for (const name of ['Sign Out', 'Renew Ticket', 'Switch User…']) {
    await expectDisabled(page, name, 'No ticket: sign in first.');
  }
  for (const name of [
    'Open PySpark Notebook',
    'Open Scala Notebook',
    'Open R Notebook'
  ]) {
    await expectDisabled(page, name, 'Apply the configuration first.');
  }

  await applyProfile(page);
  await expectPrimary(page, 'Sign In');
  await expectDisabled(
    page,
    'Open PySpark Notebook',
    'No valid ticket: sign in first.'
  );
  await page.locator(PANEL).screenshot(shot('step-2-sign-in.png'));

  await clickAction(page, 'Sign In');
  await waitForTerminal(page, /Password for user1@EC2\.INTERNAL:/);
  const screen = await terminalText(page);
  expect(screen).toContain('Signing in as user1@EC2.INTERNAL');
  expect(screen).not.toMatch(/7781|skrb|echo|exec sh/);
  await page
    .locator('#jp-main-dock-panel')
    .screenshot(shot('sign-in-terminal.png'));
  await typeInTerminal(page, 'user1pw');
  await expectState(page, 'Signed in');
  await expectPrimary(page, 'Open PySpark Notebook');
  await page.locator(PANEL).screenshot(shot('step-3-notebook.png'));
  for (const name of ['Sign Out', 'Renew Ticket', 'Switch User…']) {
    const button = page
      .locator(PANEL)
      .getByRole('button', { name, exact: true });
    await expect(button).toBeEnabled();
    await expect(button).toHaveAttribute(
      'title',
      new RegExp(`^${name}( \\(Alt\\+\\w\\))?\n`)
    );
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
