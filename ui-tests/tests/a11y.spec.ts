/**
 * Accessibility (axe, no serious or critical violations in the panel, the
 * form and the status bar item) and the README screenshots, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import {
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

test.beforeEach(() => resetHome());
test.use({
  mockSettings: settingsWith([testProfile()]),
  viewport: { width: 1280, height: 900 }
});

async function seriousViolations(page: any, selectors: string[]) {
  let builder = new AxeBuilder({ page });
  for (const s of selectors) {
    builder = builder.include(s);
  }
  const result = await builder.analyze();
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`
    );
}

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

  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    })
  );
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-name',
    'JupyterLab Dark',
    { timeout: 30000 }
  );
  expect(
    await seriousViolations(page, [PANEL, '.jp-SparkKerberos-status'])
  ).toEqual([]);
  await page
    .locator(PANEL)
    .screenshot({ path: path.join(REPO_DOCS, 'panel-dark.png') });

  await clickAction(page, 'Edit');
  await expect(
    page.locator(`${PANEL} form.jp-SparkKerberos-form`)
  ).toBeVisible();
  expect(await seriousViolations(page, [PANEL])).toEqual([]);
});
