/**
 * Profiles: the form generated from the schema, in an editor in the main
 * area (one per profile), inline errors from the same validation the model
 * uses, and the settings editor editing the same list.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  EDITOR,
  PANEL,
  PLUGIN,
  clickAction,
  filesUnderHome,
  openPanel,
  resetHome,
  settingsWith,
  testProfile
} from './helpers';

test.beforeEach(() => resetHome());

/** A field of the profile form (each editor prefixes its ids). */
const field = (id: string) => `[id$="-profile_${id}"]`;

test.describe('no profile yet', () => {
  test.use({ mockSettings: settingsWith([]) });

  test('add a profile with the form; bad input gets inline errors and nothing is written', async ({
    page
  }) => {
    const before = filesUnderHome();
    await openPanel(page);
    await expect(page.locator(PANEL)).toContainText(
      'Add a profile for your cluster'
    );
    await clickAction(page, 'Add');
    const form = page.locator(`${EDITOR} form.jp-SparkKerberos-form`);
    await expect(form).toBeVisible();
    await expect(page.locator(`${PANEL} form`)).toHaveCount(0);
    await expect(
      page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')
    ).toContainText('New cluster profile');

    await form.locator(field('realm')).fill('ec2 internal');
    await form
      .locator(field('livyUrl'))
      .fill('https://LIVY-NLB.example.test:8998');
    await form.locator(field('principal')).fill('user1');
    await expect(form).toContainText("'ec2 internal' is not a realm name");
    await expect(form).toContainText(
      "Write the host in lowercase: 'livy-nlb.example.test'"
    );
    await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
    // Nothing reaches the settings or the disk while the form is invalid.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator(EDITOR)).toHaveCount(0);
    await expect(page.locator(PANEL)).toContainText(
      'Add a profile for your cluster'
    );
    expect(filesUnderHome()).toEqual(before);

    await clickAction(page, 'Add');
    await form.locator(field('name')).fill('loopback');
    await form.locator(field('realm')).fill('EC2.INTERNAL');
    await form.getByRole('button', { name: /Add/ }).first().click();
    await form.locator(field('kdcs_0')).fill('127.0.0.1:62488');
    await form
      .locator(field('livyUrl'))
      .fill('https://livy-nlb.example.test:8998');
    await form.locator(field('principal')).fill('user1');
    await expect(form.locator('.validationErrors li')).toHaveCount(0);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator(EDITOR)).toHaveCount(0);
    await expect(page.locator('#jp-SparkKerberos-profileSelect')).toHaveValue(
      'loopback'
    );
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-summary`)
    ).toContainText('https://livy-nlb.example.test:8998');
    expect(filesUnderHome()).toEqual(before);
  });
});

test.describe('two profiles', () => {
  test.use({
    mockSettings: settingsWith([
      testProfile(),
      testProfile({ name: 'other', principal: 'user2' })
    ])
  });

  test('switch, and edits in the settings show in the panel', async ({
    page
  }) => {
    // The keyboard way in: Accel Alt K opens the panel from anywhere.
    await page.locator('#jp-main-dock-panel').click();
    await page.keyboard.press('Control+Alt+KeyK');
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-state`)
    ).toBeVisible();
    const select = page.locator('#jp-SparkKerberos-profileSelect');
    await expect(select).toHaveValue('loopback');
    await select.selectOption('other');
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-summary`)
    ).toContainText('user2');
    // The settings editor writes through the same registry.
    await page.evaluate(async plugin => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      const settings = await registry.load(plugin);
      const profiles = JSON.parse(JSON.stringify(settings.composite.profiles));
      profiles[1].principal = 'user9';
      await settings.set('profiles', profiles);
    }, PLUGIN);
    await expect(
      page.locator(`${PANEL} .jp-SparkKerberos-summary`)
    ).toContainText('user9');
  });

  test('one editor per profile: editing again brings it forward', async ({
    page
  }) => {
    await openPanel(page);
    await clickAction(page, 'Edit');
    await expect(page.locator(EDITOR)).toHaveCount(1);
    await page.locator('#jp-SparkKerberos-profileSelect').selectOption('other');
    await clickAction(page, 'Edit');
    await expect(page.locator(EDITOR)).toHaveCount(2);
    await expect(
      page.locator(`${EDITOR}:visible ${field('principal')}`)
    ).toHaveValue('user2');
    await page
      .locator('#jp-SparkKerberos-profileSelect')
      .selectOption('loopback');
    // The open editor of the active profile holds Apply and Delete back.
    await expect(
      page.locator(PANEL).getByRole('button', { name: 'Delete', exact: true })
    ).toBeDisabled();
    await clickAction(page, 'Edit');
    await expect(page.locator(EDITOR)).toHaveCount(2);
    await expect(
      page.locator(`${EDITOR}:visible ${field('principal')}`)
    ).toHaveValue('user1');
  });
});
