/**
 * The whole user path on the real stack (test/stack/stack.sh: MIT KDC,
 * Apache Livy with SPNEGO and TLS, HAProxy as the NLB), from an empty home:
 * Apply → Sign in → type the password → run a cell in a pysparkkernel
 * notebook, later the first cell of the panel's R notebook. The stack here is
 * a second one beside the end-to-end suite's, with its own NLB name, address
 * and ports, and Spark on Kerberized YARN as on EMR (the session is a YARN
 * application of the signed-in user).
 */
import { expect, type IJupyterLabPageFixture, test } from '@jupyterlab/galata';
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
  SPARKMAGIC_CONFIG,
  sparkNotebook,
  typeInTerminal,
  USER_KRB5,
  waitForTerminal,
  signInWithPassword,
  passKernelRestarts
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
  kind: string;
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

/** The start-up timeout in the Sparkmagic config the panel wrote (null: none yet). */
function startupTimeout(): number | null {
  return fs.existsSync(SPARKMAGIC_CONFIG)
    ? JSON.parse(fs.readFileSync(SPARKMAGIC_CONFIG, 'utf8'))
        .livy_session_startup_timeout_seconds
    : null;
}

/** The profile the panel uses, set as the settings editor would. */
async function useProfile(page: IJupyterLabPageFixture, profile: unknown) {
  await page.evaluate(
    async ({ plugin, profile }) => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await registry.set(plugin, 'profiles', [profile]);
      await registry.set(plugin, 'activeProfile', (profile as any).name);
    },
    { plugin: PLUGIN, profile }
  );
}

/** A pysparkkernel notebook of these code cells, opened and active. */
async function openNotebook(
  page: IJupyterLabPageFixture,
  notebook: string,
  sources: string[]
) {
  await page.contents.uploadContent(
    sparkNotebook(
      sources.map(source => ({
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
  await page.notebook.activate(path.basename(notebook));
}

test.describe.configure({ mode: 'serial', timeout: 1_200_000 });
test.beforeEach(({ page }) => passKernelRestarts(page));
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
  await useProfile(page, profile);

  await openPanel(page);
  await applyProfile(page);
  await signInWithPassword(page);
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-ticketItem`).first()
  ).toContainText(`HTTP/${STACK_ENV.STACK_NLB_HOST}@EC2.INTERNAL`);

  await openNotebook(page, `${tmpPath}/spark.ipynb`, [CELL, 'sc.sparkUser()']);
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

  // The R kernel from the panel: its first cell is ready and returns three
  // rows from a SparkR session of the signed-in user.
  await clickAction(page, 'Open R Notebook');
  const rCell = page.locator('.jp-NotebookPanel:visible .jp-Cell').first();
  await expect(rCell.locator('.jp-InputArea-editor')).toHaveText(
    'collect(createDataFrame(data.frame(x = 0:2)))'
  );
  await expect(
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
  ).toHaveCount(1, { timeout: 120_000 });
  await page.notebook.runCell(0);
  await expect(rCell.locator('.jp-OutputArea')).toContainText(
    /x\s+1 0\s+2 1\s+3 2/,
    { timeout: 900_000 }
  );
  const [rSession] = liveOf('user2');
  expect(rSession.kind).toBe('sparkr');
  const rApp = JSON.parse(stack('yarn-app', String(rSession.appId))).app;
  expect([rApp.user, rApp.state]).toEqual(['user2', 'RUNNING']);
});

test('a start-up timeout too short: the panel explains it and one click makes the next cell work', async ({
  page,
  tmpPath
}) => {
  resetHome();
  const values = stackValues();
  const base = JSON.parse(fs.readFileSync(values.STACK_PROFILE, 'utf8'));
  // Shorter than any session start, on YARN or local Spark.
  const profile = { ...base, session: { startupTimeoutSeconds: 10 } };
  await useProfile(page, profile);
  await openPanel(page);
  await applyProfile(page);
  await expect.poll(startupTimeout).toBe(10);
  await signInWithPassword(page);

  await openNotebook(page, `${tmpPath}/timeout.ipynb`, [CELL, CELL]);
  await page.notebook.runCell(0);
  const first = page.locator('.jp-Cell').first().locator('.jp-OutputArea');
  await expect(first).toContainText('did not start up in 10 seconds', {
    timeout: 300_000
  });

  // The panel read the cell's output: the cause, and the one action.
  await openPanel(page);
  const failure = page.locator(`${PANEL} .jp-SparkKerberos-failure`);
  await expect(failure).toContainText('SESSION_START_TIMEOUT', {
    timeout: 30_000
  });
  await failure
    .getByRole('button', {
      name: 'Raise the start-up timeout to 300 s, apply and restart the kernel'
    })
    .click();
  await expect(failure).toBeHidden({ timeout: 120_000 });
  await expect.poll(startupTimeout).toBe(300);

  // The same notebook, its next cell: a session that had the time to start.
  await page.notebook.activate('timeout.ipynb');
  await expect(
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
  ).toHaveCount(1, { timeout: 120_000 });
  await page.notebook.runCell(1);
  const second = page.locator('.jp-Cell').nth(1).locator('.jp-OutputArea');
  await expect(second).toContainText('[0, 1, 2]', { timeout: 900_000 });
  await expect(failure).toBeHidden();
});
