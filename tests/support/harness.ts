/**
 * One built server and one Chromium for a browser test file: started before its tests, stopped after.
 * Returns a getter, since the values exist only once `beforeAll` has run.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startServer, type StartOptions, type TestServer } from './server.ts';

export function useServerAndBrowser(options: StartOptions = {}): () => { server: TestServer; browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return () => ({ server: server!, browser: browser! });
}
