/**
 * Shared steps of the UI tests: settings for a profile, a clean server
 * HOME and ticket cache, opening the panel, and reading and typing into
 * the visible sign-in terminal.
 */
import { expect, galata, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const environment = require('./environment');

export const { REPO, WORK, dirs, testProfile, REALM, KDC_PORT, SITE_KRB5 } =
  environment as {
    REPO: string;
    WORK: string;
    SITE_KRB5: string;
    REALM: string;
    KDC_PORT: number;
    dirs: { home: string; realm: string };
    testProfile: (overrides?: Record<string, unknown>) => Record<string, any>;
  };

export const PLUGIN = 'jupyterlab-sparkmagic-kerberos:plugin';
export const PANEL = '#jp-SparkKerberos-panel';

/** galata's mocked settings plus ours. */
export function settingsWith(
  profiles: Record<string, unknown>[],
  extra: Record<string, unknown> = {}
) {
  return {
    ...galata.DEFAULT_SETTINGS,
    [PLUGIN]: { profiles, activeProfile: profiles[0]?.name ?? '', ...extra }
  };
}

export const home = (...parts: string[]) => path.join(dirs.home, ...parts);

/**
 * Kernel restarts go to the server untouched. galata tracks the kernels a
 * test starts by proxying `/api/kernels…`, and it answers every POST there
 * with 201, a restart's too; JupyterLab wants 200 for a restart, so it
 * would give up on reconnecting and leave the notebook "restarting".
 */
export async function passKernelRestarts(page: Page): Promise<void> {
  await page.route(/\/api\/kernels\/[^/?]+\/restart(?:\?|$)/, route =>
    route.continue()
  );
}

export const USER_KRB5 = home('.config', 'sparkmagic-kerberos', 'krb5.conf');
export const SPARKMAGIC_CONFIG = home('.sparkmagic', 'config.json');
export const USER_KERNELS = home('.local', 'share', 'jupyter', 'kernels');
const CCACHE = path.join(WORK, 'ccache');

/** Removes everything the extension writes and the ticket cache. */
export function resetHome(): void {
  for (const p of [
    home('.config', 'sparkmagic-kerberos'),
    home('.sparkmagic'),
    USER_KERNELS,
    CCACHE
  ]) {
    fs.rmSync(p, { recursive: true, force: true });
  }
}

export function hasTicketCache(): boolean {
  return fs.existsSync(CCACHE);
}

/** Files under the server HOME, relative, sorted (to show nothing was written). */
export function filesUnderHome(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        out.push(path.relative(dirs.home, full));
      }
    }
  };
  walk(dirs.home);
  return out
    .filter(
      f =>
        !f.startsWith('.jupyter/') &&
        !f.startsWith('.local/share/jupyter/runtime')
    )
    .sort();
}

export async function openPanel(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab('jp-SparkKerberos-panel');
  await expect(page.locator(`${PANEL} .jp-SparkKerberos-state`)).toBeVisible();
}

/** The panel's Kerberos ticket section (an accordion region). */
export function ticketSection(page: Page): Locator {
  return page
    .locator(PANEL)
    .getByRole('region', { name: 'Kerberos ticket Section' });
}

/**
 * Clicks a panel button by its label. Sign In is both a toolbar button and
 * the guide's step; both run the same command, so the first one will do.
 */
export async function clickAction(
  page: Page,
  label: string | RegExp
): Promise<void> {
  await page
    .locator(PANEL)
    .getByRole('button', { name: label, exact: typeof label === 'string' })
    .first()
    .click();
}

/** The profile editor in the main area. */
export const EDITOR = '#jp-main-dock-panel .jp-SparkKerberos-editor';

/** Apply configuration through the panel: preview, then write. */
export async function applyProfile(page: Page): Promise<void> {
  await clickAction(page, 'Apply Configuration…');
  const dialog = page.locator('.jp-Dialog');
  await dialog.getByRole('button', { name: /Write files|Close/ }).click();
  await expect(dialog).toHaveCount(0);
}

/** Text of the sign-in terminal's screen (xterm draws on a canvas, so read its buffer). */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const app = (window as any).jupyterapp;
    if (!app) {
      // Notebook 7's terminal page: xterm's screen-reader rows (screenReaderMode).
      return (
        (
          document.querySelector(
            '.xterm-accessibility-tree'
          ) as HTMLElement | null
        )?.innerText ?? ''
      );
    }
    for (const widget of app.shell.widgets('main')) {
      const term = widget?.content?._term;
      if (term && widget.isVisible) {
        const buffer = term.buffer.active;
        const lines: string[] = [];
        for (let i = 0; i < buffer.length; i++) {
          lines.push(buffer.getLine(i).translateToString(true));
        }
        return lines.join('\n');
      }
    }
    return '';
  });
}

export async function waitForTerminal(
  page: Page,
  pattern: RegExp
): Promise<void> {
  await expect
    .poll(() => terminalText(page), { timeout: 30000 })
    .toMatch(pattern);
}

/** Types into the visible terminal, as the user does (the password never goes through our code). */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('.jp-Terminal:visible .xterm-screen').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The state line of the panel once it reads `label`. */
export async function expectState(
  page: Page,
  label: string | RegExp
): Promise<void> {
  await expect(
    page.locator(`${PANEL} .jp-SparkKerberos-stateLabel`)
  ).toHaveText(label, { timeout: 30000 });
}

/** Where the screenshots for the README go. */
export const REPO_DOCS = path.resolve(__dirname, '..', '..', 'docs');

/** A notebook on the real Sparkmagic PySpark kernel, as uploaded by the tests. */
export function sparkNotebook(cells: unknown[] = []): string {
  return JSON.stringify({
    cells,
    metadata: {
      kernelspec: {
        name: 'pysparkkernel',
        display_name: 'PySpark',
        language: 'python'
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

/** Password sign-in as the user does it: Sign In, the password typed into the terminal, signed in. */
export async function signInWithPassword(
  page: IJupyterLabPageFixture,
  user = 'user1',
  password = `${user}pw`
): Promise<void> {
  await clickAction(page, 'Sign In');
  await waitForTerminal(
    page,
    new RegExp(`Password for ${user}@EC2\\.INTERNAL:`)
  );
  await typeInTerminal(page, password);
  await expectState(page, 'Signed in');
}
