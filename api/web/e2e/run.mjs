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
import { createRequire } from 'node:module';
import { createServer } from 'node:http';

// axe-core, pinned in package-lock.json, run in the page through the
// DevTools protocol (page.evaluate), so the page's strict CSP stays on.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeResults = [];
// axe checks the page as it is now; serious or critical violations fail.
async function axe(page, what) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, target: v.nodes[0]?.target?.join(' ') }));
  });
  const bad = r.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push({ what, violations: r.length, serious: bad.length });
  step(`axe ${what}: ${r.length} violation(s), ${bad.length} serious/critical${r.length ? ` [${r.map((v) => `${v.id}:${v.impact}×${v.n}`).join(', ')}]` : ''}`);
  check(!bad.length, `axe ${what}: ${bad.map((v) => `${v.id} (${v.impact}) at ${v.target}`).join('; ')}`);
}
// shots saves the page at the desktop and phone sizes the issue names.
async function shots(page, name) {
  for (const [w, h, tag] of [[1366, 768, 'desktop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => document.fonts.ready);
    await noSidewaysScroll(page, `${name} at ${w}px`);
    await page.screenshot({ path: join(SHOTS, `${name}-${tag}.png`), fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

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
  p.on('requestfailed', (r) => console.log(`e2e: request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
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

  // On a phone, an error under the button is brought into view and focused.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#submit');
  await page.waitForSelector('#upload-error:not([hidden])', { timeout: 5000 });
  await page.waitForTimeout(300);
  const errView = await page.evaluate(() => {
    const r = document.getElementById('upload-error').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, vh: window.innerHeight, focused: document.activeElement?.id };
  });
  check(errView.top >= 0 && errView.bottom <= errView.vh && errView.focused === 'upload-error',
    `on a phone the upload error is not in view and focused: ${JSON.stringify(errView)}`);
  step(`phone: the upload error is in view (${Math.round(errView.top)}–${Math.round(errView.bottom)} of ${errView.vh}px) and focused`);
  await page.setViewportSize({ width: 1280, height: 900 });

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
  await axe(page, 'newsroom');
  await shots(page, 'newsroom');

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
  // The Latin fallback stands as tall as the Naskh: the ascent of «ل»
  // against that of "l" (both ascenders), 100 px each.
  const heights = await page.evaluate(async () => {
    await document.fonts.load('100px "Newsscribe Latin"', 'FIFA');
    const c = document.createElement('canvas').getContext('2d');
    const asc = (font, t) => { c.font = font; return c.measureText(t).actualBoundingBoxAscent; };
    return { naskh: asc('100px "Noto Naskh Arabic"', 'ل'), latin: asc('100px "Newsscribe Latin"', 'l'), system: asc('100px sans-serif', 'l') };
  });
  const ratio = heights.latin / heights.naskh;
  step(`ascender heights at 100px: Naskh «ل» ${heights.naskh.toFixed(1)}px, Latin "l" ${heights.latin.toFixed(1)}px (ratio ${ratio.toFixed(2)}), system sans "l" ${heights.system.toFixed(1)}px`);
  check(ratio > 0.85 && ratio < 1.15, `the Latin fallback's ascender is ${ratio.toFixed(2)}× the Naskh's`);
  // A title that starts with Latin keeps the field right to left.
  const fieldDir = await page.evaluate(() => getComputedStyle(document.getElementById('article-title')).direction);
  check(fieldDir === 'rtl', `the article title field is ${fieldDir}`);

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

  await axe(page, 'aligned article');
  await shots(page, 'article');

  // «مقطع»: a 9:16 captioned video of the first quote, made on the server's
  // queue, must play to its end in the dialog's preview; then an MP3 of
  // words selected in the transcript.
  await page.locator('.quote-clip').first().click();
  await page.waitForSelector('#clip-dialog[open]', { timeout: 3000 }).catch(() => { throw new Error('«مقطع» did not open the clip dialog'); });
  await page.selectOption('#clip-format', 'mp4');
  await page.selectOption('#clip-aspect', '9:16');
  await page.selectOption('#clip-captions', 'burn');
  await page.check('#clip-highlight');
  await page.click('#clip-make');
  await page.locator('#clip-preview video').waitFor({ timeout: 120000 }).catch(async () => {
    throw new Error(`no clip preview: ${await page.locator('#clip-dialog').innerText()}`);
  });
  const played = await page.evaluate(() => new Promise((resolve, reject) => {
    const v = document.querySelector('#clip-preview video');
    v.muted = true;
    const t = setTimeout(() => reject(new Error(`the clip did not reach ended: currentTime ${v.currentTime}, readyState ${v.readyState}, error ${v.error?.code}`)), 60000);
    v.addEventListener('ended', () => { clearTimeout(t); resolve({ duration: v.duration, w: v.videoWidth, h: v.videoHeight }); }, { once: true });
    v.play().catch(reject);
  }));
  check(played.w === 720 && played.h === 1280, `the clip is ${played.w}×${played.h}, want 720×1280`);
  const clipStatus = await page.locator('#clip-status').innerText();
  step(`clip of quote 1 played to ended in headless Chromium: ${played.duration.toFixed(2)} s, ${played.w}×${played.h}; status «${clipStatus}»`);
  await page.evaluate(() => new Promise((resolve) => {
    const v = document.querySelector('#clip-preview video');
    v.addEventListener('seeked', resolve, { once: true });
    v.currentTime = v.duration / 2;
  }));
  await axe(page, 'clip dialog');
  await page.screenshot({ path: join(SHOTS, 'clip-dialog.png') });
  await page.click('#clip-close');
  await page.evaluate(() => {
    const words = document.querySelectorAll('#transcript .tw');
    const r = document.createRange();
    r.setStartBefore(words[1]);
    r.setEndAfter(words[Math.min(5, words.length - 1)]);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  });
  await page.click('#clip-sel-btn');
  await page.waitForSelector('#clip-dialog[open]', { timeout: 3000 }).catch(() => { throw new Error('«مقطع من الكلمات المحددة» did not open the clip dialog'); });
  await page.selectOption('#clip-format', 'mp3');
  check(await page.locator('#clip-aspect-field').isHidden(), 'an MP3 clip still offers an aspect');
  await page.click('#clip-make');
  await page.locator('#clip-preview audio').waitFor({ timeout: 60000 }).catch(async () => {
    throw new Error(`no MP3 preview: ${await page.locator('#clip-dialog').innerText()}`);
  });
  const mp3 = await page.evaluate(() => new Promise((resolve) => {
    const a = document.querySelector('#clip-preview audio');
    if (a.readyState >= 1) resolve(a.duration);
    else a.addEventListener('loadedmetadata', () => resolve(a.duration), { once: true });
  }));
  check(mp3 > 0.3, `the MP3 clip of the selection lasts ${mp3}s`);
  step(`MP3 clip of the selected words: ${mp3.toFixed(2)} s`);
  await page.click('#clip-close');

  // Transcriber's keys: L jumps 5 s forward, ? opens the help, Esc closes it.
  await page.evaluate(() => { const a = document.getElementById('player'); a.pause(); a.currentTime = 2; document.activeElement?.blur(); });
  await page.keyboard.press('KeyL');
  const afterL = await page.evaluate(() => document.getElementById('player').currentTime);
  check(Math.abs(afterL - 7) < 0.3, `L left the audio at ${afterL}s, want 7s`);
  await page.keyboard.press('BracketRight');
  const rate = await page.evaluate(() => document.getElementById('player').playbackRate);
  check(rate === 1.25, `] set the speed to ${rate}, want 1.25`);
  await page.keyboard.press('Shift+Slash');
  await page.waitForSelector('#keys-help[open]', { timeout: 3000 }).catch(() => { throw new Error('? did not open the keys help'); });
  await axe(page, 'keys help');
  await page.screenshot({ path: join(SHOTS, 'keys-help-desktop.png') });
  await page.keyboard.press('Escape');
  await page.evaluate(() => { document.getElementById('player').playbackRate = 1; });
  step(`keys: L → ${afterL.toFixed(2)}s, ] → ${rate}×, ? opens the help`);

  // 3b. Correct a word of the transcript; it survives a reload with its time.
  const target = page.locator('#transcript .tw', { hasText: /^المعلومة$/ }).first();
  await target.waitFor();
  const wordStart = Number(await target.getAttribute('data-start'));
  await target.dblclick();
  const input = page.locator('#transcript input.word-edit');
  await input.waitFor();
  // Typing in a field never fires the transcriber's keys.
  const before = await page.evaluate(() => { const a = document.getElementById('player'); a.pause(); return a.currentTime; });
  await page.keyboard.press('KeyL');
  const after = await page.evaluate(() => document.getElementById('player').currentTime);
  check(Math.abs(after - before) < 0.01, `typing L in the correction moved the audio from ${before}s to ${after}s`);
  await input.fill('المعلومات');
  await input.press('Enter');
  await page.waitForFunction(() => /حُفظ التصحيح/.test(document.getElementById('view-status').textContent), null, { timeout: 10000 })
    .catch(async () => { throw new Error(`the correction was not saved: ${await page.locator('#transcript-error').innerText().catch(() => '')}`); });
  const status = await page.locator('#view-status').innerText();
  step(`corrected «المعلومة» → «المعلومات» at ${wordStart}s: ${status}`);
  await page.reload();
  const fixed = page.locator('#transcript .tw', { hasText: /^المعلومات$/ }).first();
  await fixed.waitFor({ timeout: 10000 }).catch(() => { throw new Error('after a reload the correction is gone'); });
  const fixedStart = Number(await fixed.getAttribute('data-start'));
  check(Math.abs(fixedStart - wordStart) < 0.001, `the corrected word starts at ${fixedStart}s, was ${wordStart}s`);
  step(`after reload the correction is there at ${fixedStart}s`);
  await page.click('#history-btn');
  await page.waitForSelector('#history-list li', { timeout: 5000 });
  const revs = await page.locator('#history-list li').count();
  check(revs >= 2, `history lists ${revs} revision(s), want the original and the correction`);
  step(`history lists ${revs} revisions`);

  // 3c. Search finds the corrected word; its deep link, pasted, plays from there.
  await page.goto(`${BASE}/#`);
  await page.fill('#search-q', 'المعلومات');
  await page.click('#search-form button[type=submit]');
  const hit = page.locator('#search-results .hit-link').first();
  await hit.waitFor({ timeout: 10000 }).catch(async () => { throw new Error(`search found nothing: ${await page.locator('#search-status').innerText()}`); });
  const link = await hit.getAttribute('href');
  check(/^#job\/[^?]+\?t=\d+(\.\d)?$/.test(link), `search result link is ${link}`);
  const t = Number(link.split('?t=')[1]);
  await page.evaluate(() => document.fonts.ready);
  await axe(page, 'search results');
  await shots(page, 'search');
  step(`search «المعلومات» → ${link}`);
  const deep = await ctx.newPage();
  watch(deep);
  await deep.goto(`${BASE}/${link}`);
  await deep.waitForFunction((want) => {
    const a = document.getElementById('player');
    return a.readyState >= 1 && !a.paused && Math.abs(a.currentTime - want) < 0.5;
  }, t, { timeout: 10000 }).catch(async () => {
    const got = await deep.evaluate(() => { const a = document.getElementById('player'); return `${a.currentTime}s paused=${a.paused}`; });
    throw new Error(`the pasted deep link ${link} left the audio at ${got}, want playing at ${t}s`);
  });
  const deepAt = await deep.evaluate(() => document.getElementById('player').currentTime);
  check(Math.abs(t - wordStart) < 1, `the link's time ${t}s is not the corrected word's ${wordStart}s`);
  step(`deep link plays from ${deepAt.toFixed(2)}s (link t=${t}s, |Δ| ${Math.abs(deepAt - t).toFixed(2)}s < 0.5 s)`);
  await deep.close();
  await page.goto(`${BASE}/${link.split('?')[0]}`);
  await page.locator('.quote').first().waitFor();

  // English: the machine translation, asked for from the page, in a column
  // beside the transcript and in the subtitle downloads, labelled.
  await page.locator('#translate-btn').click();
  await page.locator('.para-en').first().waitFor({ timeout: 30000 })
    .catch(() => { throw new Error('the English column did not appear after asking for the translation'); });
  const en = await page.evaluate(() => ({
    label: document.querySelector('.en-label')?.textContent || '',
    cols: getComputedStyle(document.querySelector('.para-body')).gridTemplateColumns.split(' ').length,
    text: document.querySelector('.para-en').textContent,
    downloads: [...document.querySelectorAll('#downloads a')].map((a) => a.getAttribute('href')),
  }));
  check(en.label.includes('machine translation') && en.label.includes('ترجمة آلية'), `English column label: ${en.label}`);
  check(en.cols === 2 && /English/.test(en.text), `English column: ${JSON.stringify(en)}`);
  const enSRT = en.downloads.find((h) => h.includes('lang=en') && h.includes('format=srt'));
  check(enSRT, `no English SRT download: ${en.downloads}`);
  const srt = await (await page.request.get(enSRT.startsWith('http') ? enSRT : `${BASE}${enSRT}`)).text();
  check(srt.includes('machine translation') && srt.includes('ترجمة آلية'), `English SRT is not labelled: ${srt.slice(0, 200)}`);
  await page.locator('#transcript').screenshot({ path: join(SHOTS, 'transcript-english.png') });
  step(`English machine translation: a second column (${en.text.slice(0, 40)}…) and a labelled SRT`);

  // «نسخ رابط هذه اللحظة» on a quote: the published embed at that quote.
  const copyQuote = page.locator('.quote .copy-moment').first();
  await copyQuote.click();
  await page.waitForFunction(() => document.querySelector('.quote .copy-moment')?.dataset.copied);
  const qlink = await copyQuote.getAttribute('data-copied');
  check(/\/embed\/articles\/[^?]+\?quote=\d+$/.test(qlink), `quote moment link: ${qlink}`);
  step(`copy moment on a quote: ${qlink}`);
  const copyPara = page.locator('.para .copy-moment').nth(1);
  await copyPara.click();
  await page.waitForFunction(() => document.querySelectorAll('.para .copy-moment')[1]?.dataset.copied);
  const plink = await copyPara.getAttribute('data-copied');
  check(/\/embed\/articles\/[^?]+\?t=\d+(\.\d)?$/.test(plink), `transcript moment link: ${plink}`);
  step(`copy moment on a transcript paragraph: ${plink}`);
  // An unpublished job: a signed link, refused when forged.
  const jobId = decodeURIComponent((await page.evaluate(() => location.hash)).replace(/^#job\//, '').split('?')[0]);
  const sh = await (await page.request.post(`${BASE}/v1/transcriptions/${encodeURIComponent(jobId)}/share`)).json();
  check(sh.url && sh.url.includes('/share/') && !sh.url.endsWith(jobId), `share link: ${JSON.stringify(sh)}`);
  const shared = await ctx.newPage();
  watch(shared);
  await shared.goto(`${sh.url}?t=2.5`);
  await shared.waitForFunction(() => { const a = document.getElementById('player'); return a.readyState >= 1 && Math.abs(a.currentTime - 2.5) < 0.75; }, null, { timeout: 8000 })
    .catch(() => { throw new Error('the signed share link did not start at 2.5 s'); });
  const forged = await shared.goto(`${sh.url.slice(0, -3)}abc`);
  check(forged.status() === 403, `forged share link: ${forged.status()}, want 403`);
  await shared.close();
  step('signed share link starts at ?t=2.5; a forged one is refused (403)');

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
  // The host page is served from another origin (its own loopback port), as
  // a CMS would be, so the embed's framing headers are really exercised.
  const hostSrv = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>CMS</title></head><body style="margin:16px;background:#eee">${o.html}</body></html>`);
  });
  await new Promise((r) => hostSrv.listen(0, '127.0.0.1', r));
  await host.goto(`http://127.0.0.1:${hostSrv.address().port}/`);
  const frameEl = await host.waitForSelector('iframe');
  const frame = await frameEl.contentFrame();
  check(frame, 'the embed did not load in an iframe');
  const fq = frame.locator('button.seek').first();
  await fq.waitFor().catch(async () => {
    throw new Error(`the embed lists nothing to play: ${frame.url()} ${(await frame.content()).slice(0, 1500).replace(/\s+/g, ' ')}`);
  });
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
  const embedPage = await ctx.newPage();
  watch(embedPage);
  await embedPage.goto(embedURL);
  await axe(embedPage, 'embed');
  await shots(embedPage, 'embed');
  // A phone-sized fixed frame without the listener: the note says more follows.
  await embedPage.setViewportSize({ width: 390, height: 260 });
  await embedPage.evaluate(() => window.dispatchEvent(new Event('resize')));
  const more = await embedPage.evaluate(() => {
    const r = document.documentElement;
    return { hidden: document.getElementById('more')?.hidden, over: r.scrollHeight > window.innerHeight };
  });
  check(!more.over || more.hidden === false, `a short embed frame does not say more quotes follow: ${JSON.stringify(more)}`);
  await embedPage.screenshot({ path: join(SHOTS, 'embed-short-phone.png') });
  step(`short embed frame: overflows=${more.over}, «more follows» shown=${more.hidden === false}`);
  // A shared moment: ?t= starts playback there, ?quote=N at the quote.
  const dur = await embedPage.evaluate(() => document.getElementById('player').duration);
  const at = Math.round(Math.min(fstart + 1.5, dur - 1) * 10) / 10;
  for (const [q, want] of [[`t=${at}`, at], ['quote=1', null]]) {
    await embedPage.goto(`${embedURL}?${q}`);
    const w = want ?? Number(await embedPage.locator('button.seek[data-quote="1"]').getAttribute('data-start'));
    await embedPage.waitForFunction((s) => { const a = document.getElementById('player'); return a.readyState >= 1 && Math.abs(a.currentTime - s) < 0.75; }, w, { timeout: 8000 })
      .catch(async () => { throw new Error(`?${q} did not start at ${w}s (at ${await embedPage.evaluate(() => document.getElementById('player').currentTime)}s)`); });
    const played = await embedPage.evaluate(() => !document.getElementById('player').paused);
    step(`embed ?${q} starts playback near ${w}s (playing: ${played})`);
  }
  await embedPage.goto(`${embedURL}?t=${encodeURIComponent('"><b id=x>')}`);
  check(await embedPage.locator('#x').count() === 0 && await embedPage.evaluate(() => document.getElementById('player').currentTime) === 0,
    'a bad ?t= was reflected or moved the player');
  step('embed ignores a bad ?t=');
  await embedPage.close();
  hostSrv.close();

  check(pageErrors.length === 0, `JavaScript errors: ${pageErrors.join(' | ')}`);
  step(`axe summary: ${axeResults.map((r) => `${r.what} ${r.violations}/${r.serious}`).join('; ')} (violations/serious+critical)`);
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
