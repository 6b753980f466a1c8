// app.js — the newsroom page: upload a recording with its article, follow
// the job, and read the article against its recording.
import { request, upload, mediaURL, getKey, setKey, listOf, ApiError } from './api.js';
import { clock, duration, bytes, showError, clearError, el } from './util.js';
import { renderArticle, fromTranscript } from './article.js';

const $ = (id) => document.getElementById(id);
const BASE = document.documentElement.dataset.base || '';
const V1 = `${BASE}/v1`;
const ACTIVE = new Set(['queued', 'running']);

const STATUS = {
  queued: 'في الانتظار',
  running: 'قيد التفريغ',
  done: 'اكتمل',
  failed: 'فشل',
  canceled: 'أُلغي',
};

// ---- job fields, read tolerantly --------------------------------------------

const jobDuration = (j) => j.audio_duration ?? j.duration ?? j.audio?.duration ?? null;
const jobName = (j) => j.filename || j.file_name || j.article_title || j.id;
const jobArticle = (j) => j.article_id || j.article?.id || '';
const ts = (v) => (v ? Date.parse(v) : NaN);
function jobRTF(j) {
  const r = j.rtf ?? j.real_time_factor;
  if (r != null && r > 0) return r;
  const d = jobDuration(j), s = ts(j.started_at), f = ts(j.finished_at);
  if (d > 0 && Number.isFinite(s) && Number.isFinite(f)) return (f - s) / 1000 / d;
  return null;
}
function jobError(j) {
  if (!j.error) return null;
  if (typeof j.error === 'string') return new ApiError(422, j.error_code || '', j.error);
  return new ApiError(422, j.error.code || '', j.error.message || '');
}

// Progress samples per job, for the estimate of time left: the rate is
// measured on this page's clock, so server clock skew does not matter.
const samples = new Map();
function eta(j) {
  if (j.status !== 'running') return null;
  const now = Date.now(), p = j.progress ?? 0;
  let s = samples.get(j.id);
  if (!s || p < s.p) { s = { t: now, p }; samples.set(j.id, s); }
  if (p > s.p && now - s.t > 500) return ((now - s.t) / 1000) * (100 - p) / (p - s.p);
  const started = ts(j.started_at);
  if (p > 0 && Number.isFinite(started) && now > started) return ((now - started) / 1000) * (100 - p) / p;
  return null;
}

// ---- API key -----------------------------------------------------------------

function initKey() {
  const input = $('api-key');
  input.value = getKey();
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    setKey(input.value.trim());
    $('key-status').textContent = input.value.trim() ? 'حُفظ المفتاح في هذا المتصفح.' : 'أزيل المفتاح.';
    refreshJobs();
  });
}

// ---- upload ------------------------------------------------------------------

let chosenFile = null;

function chooseFile(f) {
  chosenFile = f || null;
  $('file-name').textContent = f ? `${f.name} — ${bytes(f.size)}` : 'لم يُختر ملف بعد';
}

function initUpload() {
  const drop = $('drop');
  $('file').addEventListener('change', (e) => chooseFile(e.target.files[0]));
  for (const ev of ['dragenter', 'dragover']) {
    drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
  }
  for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) chooseFile(f);
  });
  $('article-file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    const text = await f.text();
    $('article-body').value = text;
    if (!$('article-title').value) {
      const first = text.split('\n').map((l) => l.trim()).find(Boolean) || '';
      $('article-title').value = first.slice(0, 200);
    }
  });
  $('upload-form').addEventListener('submit', onSubmit);
}

async function onSubmit(e) {
  e.preventDefault();
  const errBox = $('upload-error'), status = $('upload-status'), bar = $('upload-progress');
  clearError(errBox);
  if (!chosenFile) {
    showError(errBox, new ApiError(400, 'missing_file', ''));
    $('file').focus();
    return;
  }
  const submit = $('submit');
  submit.disabled = true;
  try {
    const body = $('article-body').value.trim();
    let articleId = '';
    if (body) {
      status.textContent = 'حفظ المقال…';
      const title = $('article-title').value.trim() || body.split('\n')[0].slice(0, 120);
      const a = await request('POST', `${V1}/articles`, { title, body, published: $('publish').checked });
      articleId = a.id;
    }
    const form = new FormData();
    form.append('file', chosenFile, chosenFile.name);
    form.append('language', $('language').value);
    if ($('model').value.trim()) form.append('model', $('model').value.trim());
    if (articleId) form.append('article_id', articleId);
    bar.hidden = false;
    bar.value = 0;
    status.textContent = 'رفع التسجيل… 0%';
    const started = Date.now();
    const up = upload(`${V1}/transcriptions`, form, (loaded, total) => {
      const p = Math.round((100 * loaded) / total);
      bar.value = p;
      const secs = (Date.now() - started) / 1000;
      const left = loaded > 0 && p < 100 ? secs * (total - loaded) / loaded : null;
      status.textContent = `رفع التسجيل… ${p}% (${bytes(loaded)} من ${bytes(total)})` + (left != null ? ` — بقي نحو ${duration(left)}` : '');
    });
    $('upload-abort').hidden = false;
    $('upload-abort').onclick = () => up.abort();
    const job = await up.promise;
    bar.value = 100;
    status.textContent = 'رُفع التسجيل. ينتظر دوره في التفريغ…';
    watchJob(job);
  } catch (err) {
    bar.hidden = true;
    status.textContent = '';
    showError(errBox, err);
  } finally {
    submit.disabled = false;
    $('upload-abort').hidden = true;
  }
}

// The job just uploaded: polled every second until it ends.
let watched = null;
async function watchJob(job) {
  watched = job.id;
  const status = $('upload-status'), bar = $('upload-progress');
  let j = job;
  for (;;) {
    upsertJob(j);
    if (watched !== j.id) return;
    if (!ACTIVE.has(j.status)) break;
    const left = eta(j);
    bar.value = j.progress ?? 0;
    status.textContent = `${STATUS[j.status] || j.status}… ${j.progress ?? 0}%` + (left != null ? ` — الوقت المتبقي نحو ${duration(left)}` : '');
    await new Promise((r) => setTimeout(r, 1000));
    try {
      j = await request('GET', `${V1}/transcriptions/${encodeURIComponent(j.id)}`);
    } catch (err) {
      showError($('upload-error'), err);
      return;
    }
  }
  bar.value = j.status === 'done' ? 100 : bar.value;
  if (j.status === 'done') {
    status.replaceChildren('اكتمل التفريغ. ', el('a', { href: `#job/${encodeURIComponent(j.id)}`, id: 'open-result' }, 'افتح المقال مع التسجيل'));
  } else if (j.status === 'failed') {
    status.textContent = 'فشل التفريغ.';
    showError($('upload-error'), jobError(j) || new ApiError(500, '', ''));
  } else {
    status.textContent = STATUS[j.status] || j.status;
  }
}

// stamp formats a time as "2026-11-29 10:04" in the browser's time zone.
function stamp(v) {
  const d = new Date(v);
  if (!v || Number.isNaN(d.getTime())) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// ---- jobs list -----------------------------------------------------------------

const jobs = new Map();
let pollTimer = 0;

function upsertJob(j) {
  jobs.set(j.id, { ...(jobs.get(j.id) || {}), ...j });
  drawJobs();
}

async function refreshJobs() {
  clearTimeout(pollTimer);
  try {
    const list = listOf(await request('GET', `${V1}/transcriptions?limit=25`));
    for (const j of list) jobs.set(j.id, j);
    clearError($('jobs-error'));
  } catch (err) {
    showError($('jobs-error'), err);
    if (err.status === 401) $('key-details').open = true; // the server wants a key: show where it goes
  }
  drawJobs();
  showServerModel();
  const busy = [...jobs.values()].some((j) => ACTIVE.has(j.status));
  pollTimer = setTimeout(refreshJobs, busy ? 2000 : 15000);
}

// showServerModel offers the model the server's jobs ran with (a server
// transcribes with one model only) in the model field.
function showServerModel() {
  const models = [...new Set([...jobs.values()].map((j) => j.model).filter(Boolean))];
  if (!models.length) return;
  $('model').placeholder = models[0];
  $('models').replaceChildren(...models.map((m) => el('option', { value: m })));
}

function drawJobs() {
  const tbody = $('jobs-body');
  const rows = [...jobs.values()].sort((a, b) => (ts(b.created_at) || 0) - (ts(a.created_at) || 0));
  tbody.replaceChildren();
  if (!rows.length) {
    tbody.append(el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'لا توجد مهام بعد.')));
    return;
  }
  for (const j of rows) {
    const p = j.progress ?? 0, left = eta(j), rtf = jobRTF(j);
    const prog = el('progress', { max: 100, value: p, 'aria-label': `تقدم ${jobName(j)}` });
    const actions = el('td', { class: 'actions' });
    if (j.status === 'done') {
      actions.append(el('a', { class: 'btn', href: `#job/${encodeURIComponent(j.id)}`, 'aria-label': `افتح ${jobName(j)}` }, 'فتح'));
    }
    if (ACTIVE.has(j.status)) {
      actions.append(el('button', {
        type: 'button', class: 'btn danger', 'aria-label': `ألغِ ${jobName(j)}`,
        onclick: async (e) => {
          e.target.disabled = true;
          try {
            await request('DELETE', `${V1}/transcriptions/${encodeURIComponent(j.id)}`);
          } catch (err) { showError($('jobs-error'), err); }
          refreshJobs();
        },
      }, 'إلغاء'));
    }
    const err = j.status === 'failed' ? jobError(j) : null;
    tbody.append(el('tr', { class: `job st-${j.status}`, dataset: { id: j.id } },
      el('td', { class: 'name' }, el('span', { dir: 'auto' }, jobName(j)), err ? el('div', { class: 'job-err', dir: 'auto' }, err.message) : null),
      el('td', { 'data-label': 'الحالة' }, el('span', { class: `pill st-${j.status}` }, STATUS[j.status] || j.status)),
      el('td', { 'data-label': 'التقدم' }, prog, ` ${p}%`, left != null ? el('div', { class: 'muted' }, `بقي نحو ${duration(left)}`) : null),
      el('td', { class: 'num', 'data-label': 'مدة التسجيل' }, el('span', { dir: 'ltr' }, clock(jobDuration(j)))),
      el('td', { class: 'num', 'data-label': 'عامل الزمن الحقيقي', title: 'زمن المعالجة ÷ مدة التسجيل' }, el('span', { dir: 'ltr' }, rtf != null ? `${rtf.toFixed(2)}×` : '—')),
      el('td', { class: 'num muted', 'data-label': 'أُنشئت' }, el('span', { dir: 'ltr' }, stamp(j.created_at))),
      actions));
  }
}

// ---- the aligned article -------------------------------------------------------

let view = null; // { job, article, handle, audioURL }

async function openJob(id) {
  const sec = $('article-view'), errBox = $('view-error');
  clearError(errBox);
  closeView();
  sec.hidden = false;
  $('newsroom').hidden = true;
  $('view-title').textContent = 'جارٍ التحميل…';
  try {
    const job = await request('GET', `${V1}/transcriptions/${encodeURIComponent(id)}`);
    const aid = jobArticle(job);
    let article = null, alignment, body;
    if (aid) {
      article = await request('GET', `${V1}/articles/${encodeURIComponent(aid)}`);
      alignment = await request('GET', `${V1}/articles/${encodeURIComponent(aid)}/transcript?format=json`);
      body = article.body;
    } else {
      try {
        alignment = await request('GET', `${V1}/transcriptions/${encodeURIComponent(id)}/alignment?format=json`);
      } catch (err) {
        if (err.status !== 404) throw err;
        ({ alignment, body } = fromTranscript(await request('GET', `${V1}/transcriptions/${encodeURIComponent(id)}/transcript?format=json`)));
      }
    }
    view = { job, article };
    $('view-title').textContent = article?.title || jobName(job);
    $('view-meta').textContent = [
      `المدة ${clock(jobDuration(job))}`,
      job.model ? `النموذج ${job.model}` : '',
      job.language ? `اللغة ${job.language}` : '',
    ].filter(Boolean).join(' · ');
    const audio = $('player');
    const audioURL = await mediaURL(`${V1}/transcriptions/${encodeURIComponent(id)}/audio`);
    audio.src = audioURL;
    view.audioURL = audioURL;
    drawDownloads(job, aid);
    drawPublish(article);
    $('edit-btn').hidden = !aid;
    view.handle = renderArticle({
      body, alignment, audio, follow: $('follow'),
      textEl: $('article-text'), quotesEl: $('quotes-list'), unmatchedEl: $('unmatched-list'),
    });
    $('view-title').focus();
  } catch (err) {
    $('view-title').textContent = 'تعذّر فتح المقال';
    showError(errBox, err);
  }
}

function closeView() {
  view?.handle?.destroy();
  if (view?.audioURL?.startsWith('blob:')) URL.revokeObjectURL(view.audioURL);
  view = null;
  const audio = $('player');
  audio.pause();
  audio.removeAttribute('src');
  $('article-text').replaceChildren();
  $('edit-form').hidden = true;
}

function drawDownloads(job, aid) {
  const ul = $('downloads');
  ul.replaceChildren();
  const base = aid
    ? `${V1}/articles/${encodeURIComponent(aid)}/transcript`
    : `${V1}/transcriptions/${encodeURIComponent(job.id)}/transcript`;
  for (const [fmt, label] of [['json', 'JSON'], ['srt', 'SRT ترجمة'], ['vtt', 'WebVTT ترجمة']]) {
    const href = `${base}?format=${fmt}`;
    const a = el('a', { class: 'btn', href, download: `newsscribe-${aid || job.id}.${fmt}` }, `تنزيل ${label}`);
    a.addEventListener('click', async (e) => {
      if (!getKey()) return; // a plain link works without a key
      e.preventDefault();
      try {
        const url = await mediaURL(href);
        const tmp = el('a', { href: url, download: a.getAttribute('download') });
        document.body.append(tmp);
        tmp.click();
        tmp.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      } catch (err) { showError($('view-error'), err); }
    });
    ul.append(el('li', {}, a));
  }
}

function embedURL(a) {
  return `${location.origin}${BASE}/embed/articles/${encodeURIComponent(a.id)}`;
}

function drawPublish(article) {
  const box = $('publish-box');
  box.hidden = !article;
  if (!article) return;
  const cb = $('view-published');
  cb.checked = !!article.published;
  const link = $('embed-link');
  link.hidden = !article.published;
  link.href = embedURL(article);
  $('embed-details').hidden = !article.published;
  $('embed-code').value = `<iframe src="${embedURL(article)}" width="640" height="420" style="border:0;max-width:100%" title="${article.title.replace(/"/g, '&quot;')}"></iframe>`;
  cb.onchange = async () => {
    cb.disabled = true;
    try {
      const a = await request('PUT', `${V1}/articles/${encodeURIComponent(article.id)}`, { ...editable(article), published: cb.checked });
      view.article = { ...article, ...(a || {}), published: cb.checked };
      drawPublish(view.article);
    } catch (err) {
      cb.checked = !cb.checked;
      showError($('view-error'), err);
    } finally { cb.disabled = false; }
  };
}

// The fields an article PUT carries, so that saving one never clears another.
function editable(a) {
  const out = {};
  for (const k of ['title', 'body', 'url', 'published_at', 'external_id', 'published']) if (a[k] !== undefined && a[k] !== null) out[k] = a[k];
  return out;
}

function initEdit() {
  $('edit-btn').addEventListener('click', () => {
    if (!view?.article) return;
    $('edit-title').value = view.article.title || '';
    $('edit-body').value = view.article.body || '';
    $('edit-form').hidden = false;
    $('edit-body').focus();
  });
  $('edit-cancel').addEventListener('click', () => { $('edit-form').hidden = true; $('edit-btn').focus(); });
  $('edit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const a = view?.article;
    if (!a) return;
    const save = $('edit-save');
    save.disabled = true;
    $('edit-status').textContent = 'حفظ وإعادة المحاذاة (دون إعادة التفريغ)…';
    try {
      await request('PUT', `${V1}/articles/${encodeURIComponent(a.id)}`, { ...editable(a), title: $('edit-title').value, body: $('edit-body').value });
      $('edit-status').textContent = '';
      await openJob(view.job.id);
    } catch (err) {
      $('edit-status').textContent = '';
      showError($('view-error'), err);
    } finally { save.disabled = false; }
  });
}

// ---- routing -------------------------------------------------------------------

function route() {
  const m = location.hash.match(/^#job\/(.+)$/);
  if (m) {
    openJob(decodeURIComponent(m[1]));
  } else {
    closeView();
    $('article-view').hidden = true;
    $('newsroom').hidden = false;
  }
}

initKey();
initUpload();
initEdit();
window.addEventListener('hashchange', route);
route();
refreshJobs();
