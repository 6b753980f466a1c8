// live.mjs — the live page through Debian's Chromium, as a journalist and a
// colleague use it. Chromium's fake microphone speaks AUDIO_FILE (a WAV,
// once) into the page's microphone path (getUserMedia → AudioContext at
// 16 kHz → audio worklet → frames over the WebSocket). Started by the Go
// test api/web/live_e2e_test.go against the real server, reached through a
// TCP proxy whose DROP_URL cuts every connection (a network failure) while
// the speech goes on. Exits non-zero with a one-line reason on the first
// failure; prints `live: result {json}` at the end.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const env = (k, d) => process.env[k] || d;
const BASE = env('BASE_URL', 'http://127.0.0.1:8080').replace(/\/$/, '');
const AUDIO = resolve(env('AUDIO_FILE', ''));
const DROP = env('DROP_URL', '');
const SHOTS = resolve(env('SCREENSHOT_DIR', 'artifacts/screenshots'));
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const DRAFT = readFileSync(env('DRAFT_FILE', ''), 'utf8').trim();
const WORDS = Number(env('WORDS', '0'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const step = (s) => console.log(`live: ${s}`);
function check(cond, msg) { if (!cond) throw new Error(msg); }

async function axe(page, what) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const r = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target?.join(' ') })));
  const bad = r.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  step(`axe ${what}: ${r.length} violation(s), ${bad.length} serious/critical ${JSON.stringify(r)}`);
  check(!bad.length, `axe ${what}: ${bad.map((v) => `${v.id} at ${v.target}`).join('; ')}`);
}

async function shots(page, name) {
  for (const [w, h, tag] of [[1366, 768, 'desktop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => document.fonts.ready);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(over <= 1, `${name} at ${w}px scrolls sideways by ${over}px`);
    await page.screenshot({ path: join(SHOTS, `${name}-${tag}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const finals = (page) => page.locator('#captions .final').count();

mkdirSync(SHOTS, { recursive: true });
const launch = (fake) => chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'newsscribe-live-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    ...(fake ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${AUDIO}%noloop`] : [])],
  viewport: { width: 1280, height: 900 },
  locale: 'ar',
  permissions: fake ? ['microphone'] : [],
});
const journalist = await launch(true);
const colleague = await launch(false);
const errors = [];
for (const ctx of [journalist, colleague]) {
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
}
let failed = null;
try {
  const page = journalist.pages()[0] || await journalist.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') step(`console: ${m.text()}`); });
  page.setDefaultTimeout(30000);
  await page.goto(`${BASE}/live`);
  const dir = await page.evaluate(() => getComputedStyle(document.body).direction);
  check(dir === 'rtl', `the live page is ${dir}, want rtl`);
  await axe(page, 'live start');
  await shots(page, 'live-start');

  // The journalist starts a session from the microphone with a draft.
  await page.fill('#live-title', 'مؤتمر صحفي لوزير الصحة');
  await page.fill('#live-draft', DRAFT);
  await page.click('#start');
  await page.waitForFunction(() => location.hash.startsWith('#ls_'));
  const id = (await page.evaluate(() => location.hash)).slice(1);
  step(`session ${id} started from the microphone`);

  // A colleague opens the same session and watches.
  const watcher = colleague.pages()[0] || await colleague.newPage();
  watcher.setDefaultTimeout(30000);
  await watcher.goto(`${BASE}/live#${id}`);

  // The draft is beside the captions, as typed.
  await page.waitForFunction((d) => document.getElementById('draft').value === d, DRAFT, { timeout: 10000 })
    .catch(() => { throw new Error('the journalist\'s draft is not shown beside the captions'); });
  // Tentative words show ahead of the final ones while the speech goes on.
  await page.waitForSelector('#captions .tentative', { timeout: 60000 });
  step(`tentative: ${await page.locator('#captions .tentative').first().innerText()}`);
  await page.waitForFunction(() => document.querySelectorAll('#captions .final').length >= 4, null, { timeout: 60000 });
  const before = await finals(page);
  step(`${before} final words; cutting every connection`);
  if (DROP) {
    await fetch(DROP);
    await page.waitForFunction(() => /يُعاد الاتصال/.test(document.getElementById('live-state').textContent), null, { timeout: 10000 })
      .then(() => step('the page shows it is reconnecting'), () => step('the reconnection was too quick to show'));
    await page.waitForFunction(() => /الإرسال متصل/.test(document.getElementById('live-state').textContent), null, { timeout: 20000 });
    step('reconnected');
  }
  // Every word, the quotation said verbatim, the other not said yet — on
  // both pages.
  for (const [p, who] of [[page, 'journalist'], [watcher, 'colleague']]) {
    await p.waitForFunction((n) => document.querySelectorAll('#captions .final').length >= n, WORDS, { timeout: 60000 });
    await p.waitForFunction(() => {
      const b = [...document.querySelectorAll('#live-quotes .badge .label')].map((x) => x.textContent);
      return b.length === 2 && b[0] === 'مطابق' && b[1] === 'لم يُقل بعد';
    }, null, { timeout: 30000 });
    step(`${who}: ${await finals(p)} final words (${WORDS} said); verdicts: said verbatim / not said yet`);
  }
  const said = await page.locator('#captions .final').allInnerTexts();
  step(`captions: ${said.map((s) => s.trim()).join(' ')}`);
  const watched = await watcher.locator('#captions .final').allInnerTexts();
  check(watched.join(' ') === said.join(' '), 'the colleague sees other captions than the journalist');
  const state = await page.locator('#live-state').innerText();
  step(`state: ${state}`);

  // Hear a caption again from the buffer.
  await page.locator('#captions .caption').first().click();
  // paused turns false as soon as play() is called; the duration is known
  // once the metadata has loaded (readyState 1).
  await page.waitForFunction(() => { const a = document.getElementById('caption-audio'); return a.currentSrc && a.readyState >= 1 && (!a.paused || a.ended); }, null, { timeout: 10000 });
  const heard = await page.evaluate(() => document.getElementById('caption-audio').duration);
  check(heard > 0.3, `the caption's audio lasts ${heard} s`);
  step(`a caption plays from the buffer (${heard.toFixed(2)} s)`);

  await axe(page, 'live session');
  await shots(page, 'live-session');
  await shots(watcher, 'live-watcher');

  // The journalist's page is reloaded: it offers to take the microphone up
  // again, and goes on where the server stands (the fake microphone's file
  // starts with 1.5 s of silence, so what it sends now is silence).
  await page.reload();
  await page.waitForSelector('#resume:not([hidden])', { timeout: 15000 });
  await page.click('#resume');
  await page.waitForFunction(() => /الإرسال متصل/.test(document.getElementById('live-state').textContent), null, { timeout: 15000 });
  check(await page.isHidden('#resume'), 'the resume button is still shown after resuming');
  step('reloaded page took the microphone up again');

  // Stop: the session becomes an ordinary job.
  await page.click('#stop');
  await page.waitForSelector('#job-link:not([hidden])', { timeout: 60000 });
  const job = (await page.getAttribute('#job-link', 'href')).split('#job/')[1];
  // The colleague's page learns of the job from the event stream; on a busy
  // machine (the race detector, every package's tests at once) that may come
  // as late as the journalist's own answer, so it gets as long.
  await watcher.waitForSelector('#job-link:not([hidden])', { timeout: 60000 });
  step(`stopped: transcription ${job}`);
  check(!errors.length, `page errors: ${errors.join('; ')}`);
  console.log(`live: result ${JSON.stringify({ session: id, job, words: said.length, state })}`);
} catch (e) {
  failed = e;
} finally {
  await journalist.close();
  await colleague.close();
}
if (failed) {
  console.log(`live: FAILED: ${failed.message.split('\n')[0]}`);
  process.exit(1);
}
