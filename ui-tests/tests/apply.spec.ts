/**
 * Apply: the preview names each file and its diff; writing puts krb5.conf,
 * Sparkmagic's config.json and the kernelspec environment where kernels
 * and kinit read them.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import {
  PANEL,
  REPO,
  SITE_KRB5,
  SPARKMAGIC_CONFIG,
  USER_KERNELS,
  USER_KRB5,
  WORK,
  clickAction,
  filesUnderHome,
  openPanel,
  resetHome,
  settingsWith,
  sparkNotebook,
  testProfile,
  passKernelRestarts
} from './helpers';

test.beforeEach(async ({ page }) => {
  resetHome();
  await passKernelRestarts(page);
});

test.describe('apply', () => {
  test.use({ mockSettings: settingsWith([testProfile()]) });

  test('previews and writes the files, then reports them', async ({ page }) => {
    fs.mkdirSync(SPARKMAGIC_CONFIG.replace(/config\.json$/, ''), {
      recursive: true
    });
    fs.writeFileSync(
      SPARKMAGIC_CONFIG,
      JSON.stringify({ session_configs: { driverMemory: '1000M' } })
    );
    await openPanel(page);
    await clickAction(page, 'Apply Configuration…');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText(USER_KRB5);
    await expect(dialog).toContainText(SPARKMAGIC_CONFIG);
    await expect(dialog).toContainText(
      `${USER_KERNELS}/pysparkkernel/kernel.json`
    );
    await expect(dialog).toContainText(`KRB5_CONFIG=${USER_KRB5}`);
    await expect(
      dialog
        .locator('.jp-SparkKerberos-diffAdd')
        .filter({ hasText: 'kernel_python_credentials' })
    ).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Write files' }).click();
    await expect(page.locator(PANEL)).toContainText('Applied “loopback”');
    await expect(page.locator(PANEL)).toContainText(USER_KRB5);

    const krb5 = fs.readFileSync(USER_KRB5, 'utf8');
    expect(krb5).toMatch(/default_realm = EC2\.INTERNAL/);
    expect(krb5).toMatch(/kdc = 127\.0\.0\.1:62488/);
    expect(krb5).toMatch(/rdns = false/);
    const config = JSON.parse(fs.readFileSync(SPARKMAGIC_CONFIG, 'utf8'));
    expect(config.session_configs).toEqual({ driverMemory: '1000M' });
    for (const kernel of ['python', 'scala', 'r']) {
      expect(config[`kernel_${kernel}_credentials`]).toEqual({
        url: 'https://livy-nlb.example.test:8998',
        auth: 'Kerberos'
      });
    }
    const spec = JSON.parse(
      fs.readFileSync(`${USER_KERNELS}/pysparkkernel/kernel.json`, 'utf8')
    );
    expect(spec.env.KRB5_CONFIG).toBe(`${USER_KRB5}:${SITE_KRB5}`);
    expect(spec.argv).toContain(
      'sparkmagic.kernels.pysparkkernel.pysparkkernel'
    );

    // A second apply has nothing to write.
    await clickAction(page, 'Apply Configuration…');
    await expect(dialog).toContainText('Every file is already up to date.');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});

test.describe('apply before the server check has answered', () => {
  test.use({ mockSettings: settingsWith([testProfile()]) });

  test('waits for it, says so, then previews', async ({ page }) => {
    // A Sparkmagic kernelspec on an interpreter that takes 5 s to start
    // (a conda environment on a slow disk): the probe asks it for
    // Sparkmagic's version, so the check of the server's set-up is slow.
    const python = path.join(WORK, 'slow-python');
    fs.writeFileSync(
      python,
      `#!/bin/sh\nsleep 5\nexec ${JSON.stringify(path.join(REPO, '.venv', 'bin', 'python'))} "$@"\n`,
      { mode: 0o755 }
    );
    fs.mkdirSync(`${USER_KERNELS}/slowspark`, { recursive: true });
    fs.writeFileSync(
      `${USER_KERNELS}/slowspark/kernel.json`,
      JSON.stringify({
        argv: [python, '-m', 'sparkmagic.kernels.pysparkkernel.pysparkkernel'],
        display_name: 'Slow PySpark',
        language: 'python'
      })
    );
    await openPanel(page);
    await clickAction(page, 'Apply Configuration…');
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-guideStatus`)
    ).toHaveText(
      /^The Apply preview waits for the check of the server’s set-up/
    );
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText(SPARKMAGIC_CONFIG);
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-guideStatus`)
    ).not.toHaveText(/waits/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

test.describe('apply with a bad profile from the settings', () => {
  test.use({
    mockSettings: settingsWith([
      testProfile({
        realm: 'ec2.internal',
        livyUrl: 'https://LIVY-NLB.example.test:8998'
      })
    ])
  });

  test('shows why and writes nothing', async ({ page }) => {
    const before = filesUnderHome();
    await openPanel(page);
    await clickAction(page, 'Apply Configuration…');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Nothing was written');
    await expect(dialog).toContainText("use 'EC2.INTERNAL'");
    await expect(dialog).toContainText('Write the host in lowercase');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(filesUnderHome()).toEqual(before);
  });
});

test.describe('apply with a Sparkmagic kernel running', () => {
  test.use({ mockSettings: settingsWith([testProfile()]) });

  test('names the stale kernel and restarts it on request', async ({
    page,
    tmpPath
  }) => {
    const notebook = `${tmpPath}/stale.ipynb`;
    await page.contents.uploadContent(sparkNotebook(), 'text', notebook);
    await page.notebook.openByPath(notebook);
    await expect(
      page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
    ).toHaveCount(1, {
      timeout: 60000
    });
    await openPanel(page);
    await clickAction(page, 'Apply Configuration…');
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Write files' })
      .click();
    const stale = page.locator(`${PANEL} .jp-SparkKerberos-stale`);
    await expect(stale).toContainText(
      '1 running Sparkmagic kernel still uses the old configuration'
    );
    await expect(stale).toContainText(notebook);
    await stale
      .getByRole('button', { name: 'Restart Stale Sparkmagic Kernels' })
      .click();
    await expect(stale).toHaveCount(0);
    await expect(
      page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
    ).toHaveCount(1, {
      timeout: 60000
    });
  });
});
