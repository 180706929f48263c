/**
 * Accessibility (axe, no serious or critical violations in the panel, its
 * toolbar, the profile editor and the status bar item), light and dark.
 * The README's screenshots come from layout.spec.ts and guide.spec.ts.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  EDITOR,
  PANEL,
  applyProfile,
  clickAction,
  openPanel,
  resetHome,
  settingsWith,
  testProfile,
  signInWithPassword
} from './helpers';
import { seriousViolations, setTheme } from './looks';

test.beforeEach(() => resetHome());
test.use({
  mockSettings: settingsWith([testProfile()]),
  viewport: { width: 1280, height: 900 }
});

test('no serious accessibility violations, light and dark', async ({
  page
}) => {
  await openPanel(page);
  await applyProfile(page);
  await signInWithPassword(page);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('application:close-all')
  );

  expect(
    await seriousViolations(page, [PANEL, '.jp-SparkKerberos-status'])
  ).toEqual([]);

  await setTheme(page, 'JupyterLab Dark');
  expect(
    await seriousViolations(page, [PANEL, '.jp-SparkKerberos-status'])
  ).toEqual([]);

  await clickAction(page, 'Edit');
  await expect(
    page.locator(`${EDITOR} form.jp-SparkKerberos-form`)
  ).toBeVisible();
  expect(await seriousViolations(page, [EDITOR])).toEqual([]);
});
