/**
 * Accessibility (axe, no serious or critical violations in the panel, its
 * toolbar, the profile editor and the status bar item) and the README's
 * panel screenshots, light and dark.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import {
  EDITOR,
  PANEL,
  applyProfile,
  REPO_DOCS,
  clickAction,
  expectState,
  openPanel,
  resetHome,
  settingsWith,
  testProfile,
  typeInTerminal,
  waitForTerminal
} from './helpers';
import { seriousViolations, setTheme } from './looks';

test.beforeEach(() => resetHome());
test.use({
  mockSettings: settingsWith([testProfile()]),
  viewport: { width: 1280, height: 900 }
});

test('no serious accessibility violations; screenshots light and dark', async ({
  page
}) => {
  await openPanel(page);
  await applyProfile(page);
  await clickAction(page, 'Sign In');
  await waitForTerminal(page, /Password for user1@EC2\.INTERNAL:/);
  await typeInTerminal(page, 'user1pw');
  await expectState(page, 'Signed in');
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('application:close-all')
  );

  expect(
    await seriousViolations(page, [PANEL, '.jp-SparkKerberos-status'])
  ).toEqual([]);
  await page
    .locator(PANEL)
    .screenshot({ path: path.join(REPO_DOCS, 'panel-light.png') });

  await setTheme(page, 'JupyterLab Dark');
  expect(
    await seriousViolations(page, [PANEL, '.jp-SparkKerberos-status'])
  ).toEqual([]);
  await page
    .locator(PANEL)
    .screenshot({ path: path.join(REPO_DOCS, 'panel-dark.png') });

  await clickAction(page, 'Edit');
  await expect(
    page.locator(`${EDITOR} form.jp-SparkKerberos-form`)
  ).toBeVisible();
  expect(await seriousViolations(page, [EDITOR])).toEqual([]);
});
