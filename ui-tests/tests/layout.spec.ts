/**
 * The panel fits its sidebar at 250 px and 400 px and the profile editor
 * fits the main area: no element overflows its container, host names and
 * URLs break only at `.` `/` `:` `@`, words never break; axe finds nothing
 * serious; light and dark. Writes the screenshots into docs/.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as path from 'path';
import {
  EDITOR,
  PANEL,
  REPO_DOCS,
  applyProfile,
  clickAction,
  openPanel,
  resetHome,
  settingsWith,
  testProfile,
  signInWithPassword
} from './helpers';
import { layoutProblems, seriousViolations, setTheme } from './looks';

test.beforeEach(() => resetHome());
test.use({
  mockSettings: settingsWith([testProfile()]),
  // Tall enough that the screenshots show every section, summary included.
  viewport: { width: 1400, height: 1700 }
});

const THEMES = [
  ['light', 'JupyterLab Light'],
  ['dark', 'JupyterLab Dark']
] as const;

/** Signed in from the open panel, so the ticket card and the cache are filled in. */
async function signIn(page: Page): Promise<void> {
  await applyProfile(page);
  await signInWithPassword(page);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('application:close-all')
  );
}

for (const width of [250, 400]) {
  test(`the panel fits a ${width} px sidebar, light and dark`, async ({
    page
  }) => {
    await openPanel(page);
    await page.sidebar.setWidth(width, 'left');
    await expect
      .poll(async () => (await page.locator(PANEL).boundingBox())?.width)
      .toBeLessThanOrEqual(width + 2);
    // Step 1 lists the files to write: long paths.
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-guide`)
    ).toContainText(/files to write/);
    expect(await layoutProblems(page, PANEL)).toEqual([]);
    await signIn(page);
    // Every ticket of the cache, shown.
    await page.locator(`${PANEL} .jp-SparkKerberos-tickets > summary`).click();
    for (const [name, theme] of THEMES) {
      await setTheme(page, theme);
      expect(await layoutProblems(page, PANEL)).toEqual([]);
      expect(await seriousViolations(page, [PANEL])).toEqual([]);
      await page.locator(PANEL).screenshot({
        path: path.join(REPO_DOCS, `panel-${width}px-${name}.png`)
      });
    }
  });
}

test('the profile editor opens in the main area and fits it, light and dark', async ({
  page
}) => {
  await openPanel(page);
  await page.sidebar.setWidth(250, 'left');
  await clickAction(page, 'Edit');
  const editor = page.locator(EDITOR);
  await expect(editor.locator('form.jp-SparkKerberos-form')).toBeVisible();
  await expect(page.locator(`${PANEL} form`)).toHaveCount(0);
  // A long realm error and the KDC row's Remove button stay whole.
  await editor.locator('[id$="-profile_realm"]').fill('ec2.internal');
  await expect(editor).toContainText('Realm names are case-sensitive');
  await expect(
    editor.getByRole('button', { name: /Remove/ }).first()
  ).toBeVisible();
  for (const [name, theme] of THEMES) {
    await setTheme(page, theme);
    expect(await layoutProblems(page, EDITOR)).toEqual([]);
    expect(await seriousViolations(page, [EDITOR])).toEqual([]);
    await page.locator('#jp-main-dock-panel').screenshot({
      path: path.join(REPO_DOCS, `profile-editor-${name}.png`)
    });
  }
});
