// Upload scenarios: node upload.mjs BASE_URL SCENARIO FILE OUT_DIR
//   complete — pick FILE on the Upload page, see it complete there and in the Library
//   reload   — reload the page mid-upload, pick FILE again: the same upload continues
//   offline  — go offline mid-upload and back: the upload completes
//   parts    — the client module in the page sends a file as three parts at once, is paused, and a new
//              FileUpload for the same file (as after a reload) continues the same parts and joins them
// Prints one JSON line with what it saw.
import { idOf, runScenario, serverUpload, throttleUploads, waitFor } from './browser.mjs';

const [base, scenario, file, out] = process.argv.slice(2);
await runScenario(async (context, page, result) => {
  result.scenario = scenario;
  await page.goto(new URL('/#upload', base).href);
  const row = page.locator('ul.uploads li').first();
  const stored = async () => {
    const url = await row.getAttribute('data-url');
    return url ? (await serverUpload(base, idOf(url))).offset ?? 0 : 0;
  };

  if (scenario === 'complete') {
    await page.setInputFiles('#file-input', file);
    await waitFor('the upload to complete', async () => (await row.getAttribute('data-state')) === 'complete', 60000);
    result.url = await row.getAttribute('data-url');
    result.rowText = await row.innerText();
    await page.screenshot({ path: `${out}/upload-page.png` });
    await page.click('nav a[href="#library"]');
    const item = page.locator(`ul.library li[data-id="${idOf(result.url)}"]`);
    await waitFor('the library to list it as complete', async () => (await item.getAttribute('data-state').catch(() => null)) === 'complete');
    result.libraryText = await item.innerText();
  } else if (scenario === 'reload') {
    const cdp = await throttleUploads(page, 8 * 1024 * 1024);
    await page.setInputFiles('#file-input', file);
    await waitFor('bytes stored on the server', async () => (await stored()) > 0, 30000);
    result.firstUrl = await row.getAttribute('data-url');
    await page.reload();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    result.offsetBeforePick = (await serverUpload(base, idOf(result.firstUrl))).offset;
    await page.setInputFiles('#file-input', file);
    await waitFor('the upload to complete', async () => (await row.getAttribute('data-state')) === 'complete', 60000);
    result.url = await row.getAttribute('data-url');
    result.rowText = await row.innerText();
  } else if (scenario === 'offline') {
    const cdp = await throttleUploads(page, 8 * 1024 * 1024);
    await page.setInputFiles('#file-input', file);
    await waitFor('bytes stored on the server', async () => (await stored()) > 0, 30000);
    await context.setOffline(true);
    await page.waitForTimeout(1500);
    result.offsetWhileOffline = await stored().catch(() => null);
    result.stateWhileOffline = await row.innerText();
    result.bannerWhileOffline = await page.locator('#network').innerText();
    await page.screenshot({ path: `${out}/upload-offline.png` });
    await page.waitForTimeout(1500);
    result.offsetStillOffline = await stored();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await context.setOffline(false);
    await waitFor('the upload to complete', async () => (await row.getAttribute('data-state')) === 'complete', 60000);
    result.url = await row.getAttribute('data-url');
  } else if (scenario === 'parts') {
    await throttleUploads(page, 16 * 1024 * 1024);
    Object.assign(result, await page.evaluate(async () => {
      const MIB = 1024 * 1024;
      const { FileUpload } = await import('/js/client/file-upload.js');
      const bytes = new Uint8Array(24 * MIB);
      for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
      const file = new File([bytes], 'parts.bin', { type: 'application/octet-stream', lastModified: 1 });
      const options = { parallel: 3, minPartSize: 4 * MIB, chunkSize: MIB };
      const first = new FileUpload(file, options);
      let created = null;
      first.addEventListener('created', (e) => { created = e.detail; });
      const running = first.start();
      await new Promise((resolve) => first.addEventListener('progress', (e) => {
        if (e.detail.confirmed >= 6 * MIB) resolve();
      }));
      first.pause();
      await running;
      const pausedAt = first.confirmed;
      const second = new FileUpload(file, options);
      let resumed = null;
      second.addEventListener('resumed', (e) => { resumed = e.detail; });
      await second.start();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return { created, resumed, pausedAt, total: file.size, state: second.state, url: second.url,
        sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
    }));
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
});
