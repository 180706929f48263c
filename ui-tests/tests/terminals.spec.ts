/**
 * The hidden channel leaves nothing behind: pages that end without
 * unloading (a crashed tab, a closed laptop) leave their hidden terminal,
 * and a live page reclaims it once its lease has passed.
 */
import { expect, test } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';
import { resetHome } from './helpers';

const HIDDEN = /^sparkmagic_kerberos_/;
const SIGN_IN = /^kerberos_sign_in_/;

async function terminals(
  request: APIRequestContext,
  kind: RegExp
): Promise<string[]> {
  const response = await request.get('/api/terminals');
  expect(response.ok()).toBe(true);
  const list = (await response.json()) as { name: string }[];
  return list.map(t => t.name).filter(name => kind.test(name));
}

test.beforeEach(() => resetHome());

test('pages ended without unloading leave at most one hidden terminal beside a live page', async ({
  browser,
  baseURL,
  request
}) => {
  // Ten cold loads of JupyterLab, then the lease: minutes on a loaded machine.
  test.setTimeout(900000);
  // Sign-in terminals earlier tests left on this server are not this test's.
  const signIns = await terminals(request, SIGN_IN);
  const crashed: string[] = [];
  for (let i = 0; i < 10; i++) {
    const before = await terminals(request, HIDDEN);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseURL}/lab`);
    // The page's model reads the ticket through its hidden terminal. On a
    // slow machine the terminals of earlier pages may be reclaimed meanwhile.
    let own: string | undefined;
    await expect
      .poll(
        async () => {
          own = (await terminals(request, HIDDEN)).find(
            name => !before.includes(name)
          );
          return own;
        },
        { timeout: 60000 }
      )
      .toBeDefined();
    crashed.push(own!);
    // The renderer dies: no pagehide, no unload, the socket just drops.
    const gone = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await gone;
    await context.close();
  }
  // The last crashed page left its terminal behind.
  expect(await terminals(request, HIDDEN)).toContain(crashed[9]);

  const context = await browser.newContext();
  try {
    const live = await context.newPage();
    await live.goto(`${baseURL}/lab`);
    // Reclaimed within the lease (45 s) and the reaping after it.
    await expect
      .poll(async () => (await terminals(request, HIDDEN)).length, {
        timeout: 120000,
        intervals: [2000]
      })
      .toBeLessThanOrEqual(1);
    expect(await terminals(request, SIGN_IN)).toEqual(signIns);
    // The one left is the live page's: it still answers.
    const [own] = await terminals(request, HIDDEN);
    expect(own).toBeDefined();
    expect(crashed).not.toContain(own);
    await live.waitForTimeout(50000);
    expect(await terminals(request, HIDDEN)).toEqual([own]);
  } finally {
    await context.close();
  }
});
