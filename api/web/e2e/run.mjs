// run.mjs — drives the system Chromium through the newsroom page and the
// embed, as a journalist and a reader would. Started by the Go test
// api/web/e2e_test.go against the real server on loopback; runnable by hand:
//
//   BASE_URL=http://127.0.0.1:8080 AUDIO_FILE=clip.wav ARTICLE_FILE=article.txt \
//   SCREENSHOT_DIR=artifacts/screenshots node api/web/e2e/run.mjs
//
// ARTICLE_FILE's first line is the title, the rest the body. With
// EXPECT_MISSING_QUOTE=1 the article must show a quote marked as not in the
// recording. Exits non-zero with a one-line reason on the first failure.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const env = (k, d) => process.env[k] || d;
const BASE = env('BASE_URL', 'http://127.0.0.1:8080').replace(/\/$/, '');
const AUDIO = resolve(env('AUDIO_FILE', ''));
const SHOTS = resolve(env('SCREENSHOT_DIR', 'artifacts/screenshots'));
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const TIMEOUT = Number(env('JOB_TIMEOUT_MS', '120000'));
const [TITLE, ...rest] = readFileSync(env('ARTICLE_FILE', ''), 'utf8').split('\n');
const BODY = rest.join('\n').trim();

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}
const step = (s) => console.log(`e2e: ${s}`);
// noSidewaysScroll fails when the page is wider than its viewport (a layout
// bug that right-to-left pages are prone to).
async function noSidewaysScroll(page, what) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(over <= 1, `${what}: the page scrolls sideways by ${over}px`);
}

mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'newsscribe-e2e-'));
// The system Chromium with a fresh profile; the flags keep it from reaching
// for the network (updates, sync, QUIC probes) and from needing a GPU or a
// sandbox the CI container cannot give.
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required'],
  viewport: { width: 1280, height: 900 },
  locale: 'ar',
});
const pageErrors = [];
ctx.on('page', (p) => watch(p));
function watch(p) {
  p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) console.log(`e2e: browser console: ${m.text()}`);
  });
  p.on('response', (r) => { if (r.status() >= 400) console.log(`e2e: HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
}

let failed = null;
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  watch(page);
  page.setDefaultTimeout(20000);

  // 1. The newsroom page: right to left, with its own Arabic font.
  await page.goto(`${BASE}/`);
  const dir = await page.evaluate(() => [document.documentElement.dir, getComputedStyle(document.body).direction]);
  check(dir[0] === 'rtl' && dir[1] === 'rtl', `newsroom page direction is ${dir}, want rtl`);
  await noSidewaysScroll(page, 'newsroom page at 1280px');
  step('newsroom page is rtl');

  // 2. Upload the clip with its article, publish it for embedding.
  await page.setInputFiles('#file', AUDIO);
  await page.fill('#article-title', TITLE);
  await page.fill('#article-body', BODY);
  await page.selectOption('#language', 'ar');
  await page.check('#publish');
  await page.click('#submit');
  step('uploaded; waiting for the job');
  const open = page.locator('#open-result');
  await open.waitFor({ timeout: TIMEOUT }).catch(async () => {
    const err = await page.locator('#upload-error').innerText().catch(() => '');
    const st = await page.locator('#upload-status').innerText().catch(() => '');
    throw new Error(`job did not complete: status "${st}" ${err ? `error "${err}"` : ''}`.replace(/\s+/g, ' '));
  });
  const row = page.locator('#jobs-body tr.st-done').first();
  await row.waitFor();
  const rowText = (await row.innerText()).replace(/\s+/g, ' ');
  check(/\d+:\d\d/.test(rowText), `the jobs list shows no audio duration: "${rowText}"`);
  step(`job done; jobs list row: ${rowText}`);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SHOTS, 'newsroom.png'), fullPage: true });

  // 3. The aligned article.
  await open.click();
  const quote = page.locator('.quote-btn').first();
  await quote.waitFor();
  await page.evaluate(() => document.fonts.ready);
  const font = await page.evaluate(() => ({
    loaded: document.fonts.check('20px "Noto Naskh Arabic"', 'الأمن'),
    family: getComputedStyle(document.querySelector('.article-text')).fontFamily,
    dir: getComputedStyle(document.querySelector('.article-text')).direction,
  }));
  check(font.loaded && font.family.includes('Noto Naskh Arabic'), `Arabic web font not in use: ${JSON.stringify(font)}`);
  check(font.dir === 'rtl', `article text direction is ${font.dir}, want rtl`);
  step('aligned article open; Noto Naskh Arabic loaded; rtl');

  const audioReady = () => page.waitForFunction(() => document.getElementById('player').readyState >= 1);
  await audioReady();
  const start = Number(await quote.getAttribute('data-start'));
  await quote.click();
  await page.waitForFunction((s) => {
    const a = document.getElementById('player');
    return Math.abs(a.currentTime - s) < 0.75;
  }, start, { timeout: 5000 }).catch(async () => {
    const t = await page.evaluate(() => document.getElementById('player').currentTime);
    throw new Error(`clicking the quote left the audio at ${t}s, want its start ${start}s`);
  });
  const got = await page.evaluate(() => document.getElementById('player').currentTime);
  step(`clicked quote starting at ${start}s; audio currentTime ${got.toFixed(2)}s`);
  await page.waitForSelector('.quote.current', { timeout: 5000 });
  step('the quote being heard is highlighted');

  // Keyboard: a spoken sentence is focusable and Enter seeks to it.
  const sent = page.locator('.sent[role=button]').last();
  const sentStart = Number(await sent.getAttribute('data-start'));
  await sent.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => Math.abs(document.getElementById('player').currentTime - s) < 0.75, sentStart, { timeout: 5000 })
    .catch(() => { throw new Error(`Enter on a sentence did not seek to ${sentStart}s`); });
  step(`keyboard Enter on a sentence seeks to ${sentStart}s`);

  if (env('EXPECT_MISSING_QUOTE', '') === '1') {
    const missing = await page.locator('.quote.v-not_said').count();
    check(missing > 0, 'no quote is marked as not in the recording');
    const label = await page.locator('.quote.v-not_said').first().getAttribute('aria-label');
    check(label && label.includes('غير موجود في التسجيل'), `missing quote lacks a screen-reader label: ${label}`);
    step(`${missing} quote(s) marked as not in the recording`);
  }
  const unmatched = await page.locator('.unmatched-btn').count();
  step(`${unmatched} passage(s) of unreported speech listed`);
  const downloads = await page.locator('#downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(['json', 'srt', 'vtt'].every((f) => downloads.some((h) => h.endsWith(`format=${f}`))), `downloads: ${downloads}`);

  // Hold the player inside the first quote, paused, so the screenshot shows
  // the sentence and word highlights.
  await page.evaluate((s) => { const a = document.getElementById('player'); a.pause(); a.currentTime = s + 0.3; }, start);
  await page.waitForSelector('.sent.current .w.current-word', { timeout: 5000 })
    .catch(() => { throw new Error('no current sentence and word highlighted while inside a quote'); });
  step('current sentence and word highlighted');
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: join(SHOTS, 'article.png'), fullPage: true });
  await noSidewaysScroll(page, 'aligned article at 1280px');
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, 'aligned article on a 390px phone');
  await page.screenshot({ path: join(SHOTS, 'article-phone.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  // 4. The embed, found the way a CMS finds it: through oEmbed, in an iframe.
  const embedURL = await page.locator('#embed-link').getAttribute('href');
  check(embedURL && embedURL.includes('/embed/articles/'), `no embed link on a published article: ${embedURL}`);
  const oe = await page.request.get(`${BASE}/oembed?format=json&url=${encodeURIComponent(embedURL)}`);
  check(oe.status() === 200, `oEmbed answered ${oe.status()}`);
  const o = await oe.json();
  check(o.type === 'rich' && o.version === '1.0' && o.html.includes('<iframe'), `oEmbed: ${JSON.stringify(o)}`);
  step(`oEmbed: ${o.type} ${o.width}x${o.height} "${o.title}"`);

  // A draft (unpublished) article is not embeddable: 404 on the page and in oEmbed.
  const draft = await page.request.post(`${BASE}/v1/articles`, { data: { title: 'مسودة', body: 'نص لم يُنشر بعد.', published: false } });
  check(draft.ok(), `creating a draft article answered ${draft.status()}`);
  const draftURL = `${BASE}/embed/articles/${encodeURIComponent((await draft.json()).id)}`;
  const d1 = await page.request.get(draftURL);
  const d2 = await page.request.get(`${BASE}/oembed?url=${encodeURIComponent(draftURL)}`);
  check(d1.status() === 404 && d2.status() === 404, `unpublished article: embed ${d1.status()}, oEmbed ${d2.status()}; want 404 and 404`);
  step('an unpublished article is not embeddable (404)');

  const host = await ctx.newPage();
  watch(host);
  await host.setViewportSize({ width: 720, height: 520 });
  // The host page is on another origin (localhost vs 127.0.0.1), as a CMS
  // would be, so the embed's framing headers are really exercised.
  await host.goto(`${BASE.replace('//127.0.0.1', '//localhost')}/static/fonts/OFL.txt`);
  await host.setContent(`<!doctype html><html><body style="margin:16px;background:#eee">${o.html}</body></html>`);
  const frameEl = await host.waitForSelector('iframe');
  const frame = await frameEl.contentFrame();
  check(frame, 'the embed did not load in an iframe');
  const fq = frame.locator('button.seek').first();
  await fq.waitFor();
  const fdir = await frame.evaluate(() => document.documentElement.dir);
  check(fdir === 'rtl', `embed direction is ${fdir}, want rtl`);
  const fstart = Number(await fq.getAttribute('data-start'));
  await frame.waitForFunction(() => document.getElementById('player').readyState >= 1);
  await fq.click();
  await frame.waitForFunction((s) => Math.abs(document.getElementById('player').currentTime - s) < 0.75, fstart, { timeout: 5000 })
    .catch(() => { throw new Error(`clicking a quote in the embed did not seek to ${fstart}s`); });
  await frame.evaluate((s) => { const a = document.getElementById('player'); a.pause(); a.currentTime = s + 0.2; }, fstart);
  await frame.waitForSelector('button.seek.current', { timeout: 5000 });
  step(`embed loads in an iframe; quote click seeks to ${fstart}s`);
  // The embed code's listener sizes the frame to the height the embed posts.
  await host.waitForFunction(() => document.querySelector('iframe').style.height !== '', null, { timeout: 5000 })
    .catch(() => { throw new Error('the embed did not tell its parent its height'); });
  const sized = await host.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height);
  const inner = await frame.evaluate(() => Math.ceil(document.querySelector('.embed-card').getBoundingClientRect().height));
  check(Math.abs(sized - inner) <= 2, `iframe is ${sized}px tall, its content ${inner}px`);
  step(`embed tells its parent its height: iframe ${sized}px for ${inner}px of content`);
  await frame.evaluate(() => document.fonts.ready);
  await host.screenshot({ path: join(SHOTS, 'embed.png') });

  check(pageErrors.length === 0, `JavaScript errors: ${pageErrors.join(' | ')}`);
  step(`screenshots in ${SHOTS}`);
  step('PASS');
} catch (e) {
  failed = e;
} finally {
  await ctx.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
if (failed) {
  console.error(`e2e: FAIL: ${failed.message.split('\n')[0]}`);
  process.exit(1);
}
