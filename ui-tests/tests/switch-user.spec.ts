/**
 * Switch user with a Sparkmagic kernel running: the kernel is shut down
 * before the old ticket goes (its Livy sessions end with the old
 * credentials) and started again for the notebook after the new sign-in.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  PANEL,
  applyProfile,
  clickAction,
  openPanel,
  resetHome,
  settingsWith,
  sparkNotebook,
  testProfile,
  typeInTerminal,
  waitForTerminal,
  signInWithPassword,
  passKernelRestarts
} from './helpers';

test.beforeEach(async ({ page }) => {
  resetHome();
  await passKernelRestarts(page);
});
test.use({ mockSettings: settingsWith([testProfile()]) });

async function notebookKernel(
  page: any,
  path: string
): Promise<{ id: string; name: string } | null> {
  return page.evaluate(async (p: string) => {
    const sessions = (window as any).jupyterapp.serviceManager.sessions;
    await sessions.refreshRunning();
    for (const s of sessions.running()) {
      if (s.path === p && s.kernel) {
        return { id: s.kernel.id, name: s.kernel.name };
      }
    }
    return null;
  }, path);
}

test('switch user restarts the Sparkmagic kernel around the new sign-in', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/spark.ipynb`;
  await page.contents.uploadContent(sparkNotebook(), 'text', path);
  await page.notebook.openByPath(path);
  await expect
    .poll(() => notebookKernel(page, path), { timeout: 60000 })
    .toMatchObject({ name: 'pysparkkernel' });
  const before = await notebookKernel(page, path);

  await openPanel(page);
  await applyProfile(page);
  await signInWithPassword(page);

  await clickAction(page, 'Switch User…');
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('input').fill('user2');
  await dialog.getByRole('button', { name: 'Switch' }).click();
  await waitForTerminal(page, /Password for user2@EC2\.INTERNAL:/);
  // The old kernel is gone before the new password is asked for.
  expect((await notebookKernel(page, path))?.id).not.toBe(before!.id);
  await typeInTerminal(page, 'user2pw');
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-principal`)
  ).toContainText('user2@EC2.INTERNAL', {
    timeout: 30000
  });
  await expect
    .poll(() => notebookKernel(page, path), { timeout: 60000 })
    .toMatchObject({ name: 'pysparkkernel' });
  expect((await notebookKernel(page, path))!.id).not.toBe(before!.id);
  await expect(page.locator('#jp-SparkKerberos-profileSelect')).toHaveValue(
    'loopback'
  );
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-summary`)
  ).toContainText('user2');
});
