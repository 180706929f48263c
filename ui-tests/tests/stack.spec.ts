/**
 * The whole user path on the real stack (test/stack/stack.sh: MIT KDC,
 * Apache Livy with SPNEGO and TLS, HAProxy as the NLB), from an empty home:
 * Apply → Sign in → type the password → run a cell in a pysparkkernel
 * notebook. The stack here is a second one beside the end-to-end suite's,
 * with its own NLB name, address and ports, and Spark on Kerberized YARN as
 * on EMR (the session is a YARN application of the signed-in user).
 */
import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  PANEL,
  PLUGIN,
  REPO,
  REPO_DOCS,
  WORK,
  applyProfile,
  clickAction,
  openPanel,
  resetHome,
  settingsWith,
  sparkNotebook,
  typeInTerminal,
  USER_KRB5,
  waitForTerminal,
  signInWithPassword
} from './helpers';

const STACK_ENV = {
  STACK_DIR: path.join(WORK, 'stack'),
  STACK_NLB_HOST: 'ui-nlb.example.test',
  STACK_NLB_ADDR: '127.0.0.6',
  STACK_NLB_PTR: 'ip-10-0-0-6.ec2.internal',
  STACK_KDC_PORT: '62588',
  STACK_LIVY_PORT: '62586',
  STACK_SPARK: 'yarn',
  STACK_HADOOP_PORT_BASE: '62200'
};
const STACK = path.join(REPO, 'test', 'stack', 'stack.sh');
const CELL = 'sc.parallelize(range(100), 2).take(3)';
const LIVE = new Set(['not_started', 'starting', 'idle', 'busy', 'running']);

interface ILivySession {
  id: number;
  owner: string;
  proxyUser: string;
  state: string;
  appId: string | null;
}

/**
 * Livy's own list of sessions, asked as Livy's service principal (from its
 * keytab, into a cache of its own) through the NLB: every user's sessions,
 * whoever the browser is signed in as.
 */
function livySessions(): ILivySession[] {
  const values = stackValues();
  const env = {
    ...process.env,
    KRB5_CONFIG: USER_KRB5,
    KRB5CCNAME: `FILE:${path.join(WORK, 'livy-admin.cc')}`
  };
  execFileSync(
    'kinit',
    [
      '-k',
      '-t',
      values.STACK_LIVY_KEYTAB,
      `HTTP/${STACK_ENV.STACK_NLB_HOST}@EC2.INTERNAL`
    ],
    { env }
  );
  const body = execFileSync(
    'curl',
    [
      '-sS',
      '--fail',
      '--negotiate',
      '-u',
      ':',
      '--cacert',
      values.STACK_CA_BUNDLE,
      `${values.STACK_LIVY_URL}/sessions`
    ],
    { env, encoding: 'utf8' }
  );
  return JSON.parse(body).sessions;
}

const liveOf = (user: string) =>
  livySessions().filter(s => s.proxyUser === user && LIVE.has(s.state));

function stack(...args: string[]): string {
  return execFileSync('bash', [STACK, ...args], {
    env: { ...process.env, ...STACK_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  });
}

/** `export NAME='value'` lines of stack.env. */
function stackValues(): Record<string, string> {
  const text = fs.readFileSync(
    path.join(STACK_ENV.STACK_DIR, 'stack.env'),
    'utf8'
  );
  return Object.fromEntries(
    [...text.matchAll(/^export (\w+)='(.*)'$/gm)].map(m => [m[1], m[2]])
  );
}

test.describe.configure({ mode: 'serial', timeout: 1_200_000 });
test.use({ mockSettings: settingsWith([]) });

test.beforeAll(async () => {
  test.setTimeout(900_000);
  stack('start');
});

test.afterAll(() => {
  stack('stop');
});

test('empty home → apply → sign in → password → Spark on YARN through the NLB', async ({
  page,
  tmpPath
}) => {
  resetHome();
  const values = stackValues();
  expect(values.STACK_LIVY_VERSION).toBe('0.9.0-incubating');
  const profile = JSON.parse(fs.readFileSync(values.STACK_PROFILE, 'utf8'));
  await page.evaluate(
    async ({ plugin, profile }) => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await registry.set(plugin, 'profiles', [profile]);
      await registry.set(plugin, 'activeProfile', profile.name);
    },
    { plugin: PLUGIN, profile }
  );

  await openPanel(page);
  await applyProfile(page);
  await signInWithPassword(page);
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-ticketItem`).first()
  ).toContainText(`HTTP/${STACK_ENV.STACK_NLB_HOST}@EC2.INTERNAL`);

  const notebook = `${tmpPath}/spark.ipynb`;
  await page.contents.uploadContent(
    sparkNotebook(
      [CELL, 'sc.sparkUser()'].map(source => ({
        cell_type: 'code',
        source,
        metadata: {},
        outputs: [],
        execution_count: null
      }))
    ),
    'text',
    notebook
  );
  await page.evaluate(async path => {
    await (window as any).jupyterapp.commands.execute('docmanager:open', {
      path
    });
  }, notebook);
  await page.notebook.activate('spark.ipynb');
  await page.notebook.runCell(0);
  const output = page.locator('.jp-Cell').first().locator('.jp-OutputArea');
  await expect(output).toContainText('[0, 1, 2]', { timeout: 900_000 });
  await expect(output).not.toContainText("Invalid status code '401'");
  const mine = liveOf('user1');
  expect(mine).toHaveLength(1);
  const session = mine[0];
  const app = JSON.parse(stack('yarn-app', String(session.appId))).app;
  expect([app.user, app.state]).toEqual(['user1', 'RUNNING']);

  // The panel lists the session once the cell is done, unasked, as the
  // signed-in user sees it (the kernel manager polls every 10 s).
  await page.setViewportSize({ width: 1400, height: 900 });
  await openPanel(page);
  await page.notebook.activate('spark.ipynb');
  const sessions = page.locator(`${PANEL} .jp-SparkKerberos-sparkSessions`);
  const row = sessions.locator('.jp-SparkKerberos-sparkSession');
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await expect(row).toContainText('pyspark');
  await expect(row).toContainText('user1');
  await expect(row.locator('.jp-SparkKerberos-sessionState')).toHaveText(
    'idle'
  );
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-guideStatus`)
  ).toContainText('All set: Livy runs 1 Spark session of yours');
  // The steps fold away, one click from view.
  const steps = page.locator(`${PANEL} .jp-SparkKerberos-guideSteps`);
  await expect(steps).not.toHaveAttribute('open');
  await expect(
    steps.getByRole('button', { name: 'Open PySpark Notebook' })
  ).toBeHidden();
  // The README's picture of the path's end: the cell's result beside the panel.
  await page.screenshot({ path: path.join(REPO_DOCS, 'notebook-cell.png') });

  // Persona switch from the panel, with the session live.
  await clickAction(page, 'Switch User…');
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('input').fill('user2');
  await dialog.getByRole('button', { name: 'Switch' }).click();
  await waitForTerminal(page, /Password for user2@EC2\.INTERNAL:/);
  await typeInTerminal(page, 'user2pw');
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-principal`)
  ).toContainText('user2@EC2.INTERNAL', { timeout: 60_000 });
  // The kernel was shut down with user1's ticket: its session is gone.
  await expect.poll(() => liveOf('user1'), { timeout: 120_000 }).toEqual([]);

  await page.notebook.activate('spark.ipynb');
  await expect(
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
  ).toHaveCount(1, { timeout: 120_000 });
  await page.notebook.runCell(1);
  const second = page.locator('.jp-Cell').nth(1).locator('.jp-OutputArea');
  await expect(second).toContainText("'user2'", { timeout: 900_000 });
  const live = livySessions().filter(x => LIVE.has(x.state));
  expect(live.map(x => [x.owner, x.proxyUser])).toEqual([['user2', 'user2']]);

  // Listed unasked after the cell; Refresh reads the same.
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await expect(row).toContainText('user2');
  await sessions
    .getByRole('button', { name: 'Refresh Spark Sessions' })
    .click();
  await expect(sessions.getByRole('status')).toContainText('1 session on Livy');
  await expect(row).toContainText('user2');

  // Delete from the panel: Livy no longer has it.
  await row
    .getByRole('button', { name: `Delete session ${live[0].id}` })
    .click();
  await expect(row).toHaveCount(0, { timeout: 60_000 });
  expect(livySessions().filter(x => x.id === live[0].id)).toEqual([]);
});
