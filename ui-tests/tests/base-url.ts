/**
 * galata's per-test fixtures for a server under a base URL, as SageMaker
 * Studio serves JupyterLab at /jupyterlab/default. galata's own tmpPath and
 * its clean-up of kernels, sessions and terminals request /api/… at the
 * server's root (its contents helper learns the base URL only from a loaded
 * page), which such a server answers with 404; these request it under the
 * project's baseURL. The page itself needs nothing: galata opens
 * baseURL + appPath.
 */
import { test as galataTest } from '@jupyterlab/galata';
import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import * as path from 'path';

type Runner = 'kernels' | 'sessions' | 'terminals';

interface IServer {
  baseURL: string | undefined;
  request: APIRequestContext;
}

/** Tracks what a test starts (galata's mocks fill the map) and ends it after. */
function ended(type: Runner) {
  return async (
    { baseURL, request }: IServer,
    use: (runners: Map<string, any>) => Promise<void>
  ) => {
    const runners = new Map<string, any>();
    await use(runners);
    for (const id of runners.keys()) {
      // 404 for one that ended itself meanwhile, as galata ignores too.
      await request.delete(`${baseURL}/api/${type}/${encodeURIComponent(id)}`);
    }
  };
}

export const test = galataTest.extend<{
  tmpPath: string;
  kernels: Map<string, any>;
  sessions: Map<string, any>;
  terminals: Map<string, any>;
}>({
  tmpPath: async ({ baseURL, request }, use, testInfo) => {
    // galata's name for it: the test's output folder without a retry's suffix.
    const folder = path.basename(testInfo.outputDir).replace(/-retry\d+$/i, '');
    const url = `${baseURL}/api/contents/${encodeURIComponent(folder)}`;
    await request.delete(url);
    const created = await request.put(url, {
      data: { type: 'directory', format: 'json' }
    });
    expect(created.status(), `PUT ${url}`).toBe(201);
    await use(folder);
    await request.delete(url);
  },
  kernels: ended('kernels'),
  sessions: ended('sessions'),
  terminals: ended('terminals')
});
