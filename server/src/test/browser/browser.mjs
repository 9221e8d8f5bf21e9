// Starts Debian's Chromium through playwright-core with a fresh profile and a fake camera, and offers the
// small steps the scenarios share.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CARRYON_CHROMIUM ?? '/usr/bin/chromium';

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'carryon-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** Limits how fast the page can send, so that an upload lasts long enough to be interrupted. */
export async function throttleUploads(page, bytesPerSecond) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond ?? -1,
  });
  return cdp;
}

/** The server's view of an upload, through the API. */
export async function serverUpload(base, id) {
  const response = await fetch(new URL(`/api/uploads/${id}`, base));
  return response.ok ? response.json() : { status: response.status };
}

export function idOf(url) {
  return new URL(url).pathname.split('/').pop();
}

export async function waitFor(what, check, timeoutMs = 30000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Runs `body(context, firstPage, result)` in a fresh browser, then prints `result` as one JSON line and exits 0, or 1
 * with `result.error` if the body threw. Errors thrown by pages are collected in `result.pageErrors`.
 */
export async function runScenario(body) {
  const { context, close } = await launch();
  const result = {};
  const watch = (page) => page.on('pageerror', (e) => { result.pageErrors = [...(result.pageErrors ?? []), String(e)]; });
  context.on('page', watch);
  // The persistent context opens with one tab; scenarios start in it, since a second one would be in the background.
  const first = context.pages()[0] ?? await context.newPage();
  watch(first);
  try {
    await body(context, first, result);
  } catch (e) {
    result.error = String(e?.stack ?? e);
  } finally {
    await close();
  }
  console.log(JSON.stringify(result));
  process.exit(result.error ? 1 : 0);
}
