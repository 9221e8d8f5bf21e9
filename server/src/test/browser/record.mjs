// Recording scenario: node record.mjs BASE_URL OUT_DIR
// Records about 5 s from Chromium's fake camera on the Record page. Meanwhile a second tab plays the
// recording from the Library while it is still being uploaded. After stopping, the Library shows the
// finished recording with its duration; it plays, and seeking by a click on the seek bar works.
// Prints one JSON line with what it saw.
import { idOf, runScenario, serverUpload, waitFor } from './browser.mjs';

const [base, out] = process.argv.slice(2);
await runScenario(async (context, recorder, result) => {
  await recorder.goto(new URL('/#record', base).href);
  await recorder.click('#rec-start');
  const status = recorder.locator('#rec-status');
  result.url = await waitFor('the upload to exist', () => status.getAttribute('data-url'), 15000);
  const id = idOf(result.url);
  await waitFor('stored bytes', async () => (await serverUpload(base, id)).offset > 20000, 15000);
  await recorder.screenshot({ path: `${out}/record-page.png` });
  result.recordStats = await recorder.locator('.stats').innerText();

  // A second tab plays the recording while it is still being recorded and uploaded.
  const viewer = await context.newPage();
  await viewer.goto(new URL('/#library', base).href);
  const row = viewer.locator(`ul.library li[data-id="${id}"]`);
  result.liveState = await waitFor('the live row', () => row.getAttribute('data-state').catch(() => null), 10000);
  await row.getByRole('button', { name: /^Play/ }).click();
  const video = viewer.locator('#player-video');
  await waitFor('the live recording to play', () => video.evaluate((v) => v.currentTime > 0.3 && !v.paused), 15000);
  result.livePlayback = await video.evaluate((v) => ({ currentTime: v.currentTime, duration: String(v.duration) }));
  result.liveTime = await viewer.locator('#player-time').innerText();
  await viewer.screenshot({ path: `${out}/library-live.png` });
  await viewer.close();

  await waitFor('5 s of recording', async () => (await recorder.locator('.stats dd').first().innerText()) >= '0:05', 20000, 50);
  await recorder.click('#rec-stop');
  await waitFor('the recording to complete', async () => (await status.getAttribute('data-state')) === 'complete', 30000);
  result.finalStatus = await status.innerText();
  result.server = await serverUpload(base, id);

  // The finished recording in the Library: duration known, plays, seeks.
  const library = await context.newPage();
  await library.goto(new URL('/#library', base).href);
  const done = library.locator(`ul.library li[data-id="${id}"]`);
  await waitFor('the finished row', async () => (await done.getAttribute('data-state').catch(() => null)) === 'complete', 10000);
  result.rowText = await done.innerText();
  await done.getByRole('button', { name: /^Play/ }).click();
  const player = library.locator('#player-video');
  await waitFor('playback', () => player.evaluate((v) => v.currentTime > 0.2 && !v.paused), 15000);
  result.shownDuration = Number(await library.locator('#player-time').getAttribute('data-duration'));
  const seek = library.locator('#player-seek');
  const box = await seek.boundingBox();
  await library.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  await waitFor('the seek', () => player.evaluate((v) => !v.seeking && v.currentTime > 2), 15000);
  result.afterSeek = await player.evaluate((v) => v.currentTime);
  await library.waitForTimeout(700);
  result.afterPlaying = await player.evaluate((v) => v.currentTime);
  // Dragging the knob back towards the start seeks there too.
  await library.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await library.mouse.down();
  await library.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
  await library.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 5 });
  await library.mouse.up();
  await waitFor('the drag seek', () => player.evaluate((v) => !v.seeking && v.currentTime < 2), 15000);
  result.afterDrag = await player.evaluate((v) => v.currentTime);
  result.playerTime = await library.locator('#player-time').innerText();
  await library.screenshot({ path: `${out}/library-page.png` });
});
