// jobs.js — the jobs table: every transcription job, newest first, polled
// while any of them is active.
import { jobError } from './api.js';
import { clock, duration, stamp, showError, clearError, el, modelWords, isolated } from './util.js';
import { verdict, verdictOrder, verdictCount } from './words.js';

const $ = (id) => document.getElementById(id);

/** ACTIVE are the job states that still change. */
export const ACTIVE = new Set(['queued', 'running']);

/** STATUS names each job state for the newsroom. */
export const STATUS = {
  queued: 'في الانتظار',
  running: 'قيد التفريغ',
  done: 'اكتمل',
  failed: 'فشل',
  canceled: 'أُلغي',
};

/**
 * jobName is what a job is called: its article's title, its file name, else
 * its id; an English machine translation says so.
 */
export const jobName = (j) => (j.title || j.filename || j.id) + (j.task === 'translate' ? ' — ترجمة إنجليزية آلية' : '');

/**
 * verdictCounts draws a job's quote_verdicts ({verbatim: 2, altered: 1}) as
 * one chip per verdict, in the summary's order: mark, then count and label
 * as the summary line says them.
 */
export function verdictCounts(counts) {
  if (!counts) return null;
  const ids = [...verdictOrder(), ''].filter((v) => counts[v]);
  if (!ids.length) return null;
  return el('ul', { class: 'verdict-counts', 'aria-label': 'أحكام الاقتباسات' }, ...ids.map((v) => {
    const w = verdict(v);
    return el('li', { class: `vcount ${w.class}` }, el('span', { class: 'mark', 'aria-hidden': 'true' }, w.mark), ' ',
      verdictCount(v, counts[v]));
  }));
}

/**
 * folded takes the English machine translations out of the rows: one whose
 * recording (audio_sha256) is on the page is shown on that recording's row
 * (its page has the English column), not as a recording of its own.
 */
export function folded(rows) {
  const sources = new Map(rows.filter((j) => j.task !== 'translate').map((j) => [j.audio_sha256, j]));
  const english = new Map();
  const out = [];
  for (const j of rows) {
    const src = j.task === 'translate' && sources.get(j.audio_sha256);
    if (src) english.set(src.id, j);
    else out.push(j);
  }
  return { rows: out, english };
}

const ts = (v) => (v ? Date.parse(v) : NaN);

/** PAGE is how many jobs one page of the table lists. */
const PAGE = 25;

/**
 * Progress estimates the time left of running jobs from the progress
 * samples this page has seen: the rate is measured on the page's clock, so
 * server clock skew does not matter.
 */
export class Progress {
  constructor() { this.samples = new Map(); }

  /** eta returns the seconds left for j, or null when unknown. */
  eta(j) {
    if (j.status !== 'running') return null;
    const now = Date.now(), p = j.progress;
    let s = this.samples.get(j.id);
    if (!s || p < s.p) { s = { t: now, p }; this.samples.set(j.id, s); }
    if (p > s.p && now - s.t > 500) return ((now - s.t) / 1000) * (100 - p) / (p - s.p);
    const started = ts(j.started_at);
    if (p > 0 && Number.isFinite(started) && now > started) return ((now - started) / 1000) * (100 - p) / p;
    return null;
  }
}

/** JobsList keeps the jobs table current. api is the client from api.js. */
export class JobsList {
  constructor({ api }) {
    this.api = api;
    this.jobs = new Map(); // the page of jobs shown, by id
    this.timer = 0;
    this.progress = new Progress();
    this.offset = 0;
    this.total = 0;
    $('jobs-filter').addEventListener('change', () => { this.offset = 0; this.refresh(); });
    let typing = 0;
    $('jobs-q').addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => { this.offset = 0; this.refresh(); }, 300);
    });
    $('jobs-prev').addEventListener('click', () => { this.offset = Math.max(0, this.offset - PAGE); this.refresh(); });
    $('jobs-next').addEventListener('click', () => { this.offset += PAGE; this.refresh(); });
  }

  // upsert shows job j (just uploaded or polled): on the first page of an
  // unfiltered list a new job comes in at the top.
  upsert(j) {
    const shown = this.jobs.has(j.id) || (this.offset === 0 && !$('jobs-filter').value && !$('jobs-q').value.trim());
    if (!shown) return;
    if (!this.jobs.has(j.id)) this.total++;
    this.jobs.set(j.id, { ...(this.jobs.get(j.id) || {}), ...j });
    this.draw();
  }

  async refresh() {
    clearTimeout(this.timer);
    try {
      const q = new URLSearchParams({ limit: PAGE, offset: this.offset });
      if ($('jobs-filter').value) q.set('status', $('jobs-filter').value);
      if ($('jobs-q').value.trim()) q.set('q', $('jobs-q').value.trim());
      const list = await this.api.request('GET', `/transcriptions?${q}`);
      this.jobs = new Map(list.data.map((j) => [j.id, j]));
      this.total = list.total;
      clearError($('jobs-error'));
    } catch (err) {
      showError($('jobs-error'), err);
      if (err.status === 401) $('key-details').open = true; // the server wants a key: show where it goes
    }
    this.draw();
    this.showServerModel();
    const busy = [...this.jobs.values()].some((j) => ACTIVE.has(j.status));
    this.timer = setTimeout(() => this.refresh(), busy ? 2000 : 15000);
  }

  // showServerModel names, in words, the model the server's jobs ran with
  // (a server transcribes with one model only) in the model choice.
  showServerModel() {
    const model = [...this.jobs.values()].map((j) => j.model).find(Boolean);
    if (!model) return;
    $('model').options[0].textContent = `نموذج الخادم: ${modelWords(model)}`;
  }

  // cancel stops an active job (POST …/cancel; it stays, canceled); on a
  // finished one DELETE removes it with its recording (unless another job
  // shares the upload), its revisions and its search entries. Both ask
  // first, and both are safe to send twice.
  async cancel(j, button) {
    const ask = ACTIVE.has(j.status)
      ? `إلغاء تفريغ «${jobName(j)}»؟ لا يمكن استئنافه بعد الإلغاء.`
      : `حذف «${jobName(j)}» مع تسجيله وتصحيحاته من المكتبة؟ لا يمكن التراجع عن ذلك.`;
    if (!window.confirm(ask)) return;
    button.disabled = true;
    try {
      const path = `/transcriptions/${this.api.id(j.id)}`;
      if (ACTIVE.has(j.status)) await this.api.request('POST', `${path}/cancel`);
      else await this.api.request('DELETE', path);
    } catch (err) { showError($('jobs-error'), err); }
    this.refresh();
  }

  draw() {
    const tbody = $('jobs-body');
    // The control that has the focus is found again after the redraw by its
    // job and its action, so keyboard users keep their place.
    const focused = tbody.contains(document.activeElement) ? document.activeElement : null;
    const keep = focused && { id: focused.closest('tr')?.dataset.id, action: focused.dataset.action };
    const { rows, english } = folded([...this.jobs.values()].sort((a, b) => (ts(b.created_at) || 0) - (ts(a.created_at) || 0)));
    tbody.replaceChildren();
    const last = Math.min(this.total, this.offset + rows.length);
    $('jobs-range').textContent = this.total ? `${this.offset + 1}–${last} من ${this.total}` : '';
    $('jobs-prev').disabled = this.offset === 0;
    $('jobs-next').disabled = last >= this.total;
    if (!rows.length) {
      tbody.append(el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'لا توجد تسجيلات بعد. ارفع أول تسجيل مع مقاله في «تسجيل جديد» أعلاه.')));
      return;
    }
    for (const j of rows) tbody.append(this.row(j, english.get(j.id)));
    if (keep?.id) {
      const again = [...tbody.querySelectorAll('tr')].find((tr) => tr.dataset.id === keep.id)
        ?.querySelector(keep.action ? `[data-action="${keep.action}"]` : 'a, button');
      again?.focus();
    }
  }

  // row draws job j; en is its English machine translation, when listed.
  row(j, en = null) {
    const left = this.progress.eta(j);
    const prog = el('progress', { max: 100, value: j.progress, 'aria-label': `تقدم ${jobName(j)}` });
    const actions = el('td', { class: 'actions' });
    if (j.status === 'done') {
      actions.append(el('a', { class: 'btn', href: `#job/${encodeURIComponent(j.id)}`, dataset: { action: 'open' }, 'aria-label': `فتح ${jobName(j)}` }, 'فتح'));
    }
    const active = ACTIVE.has(j.status);
    actions.append(el('button', {
      type: 'button', class: 'btn danger', dataset: { action: active ? 'cancel' : 'delete' },
      'aria-label': `${active ? 'إلغاء' : 'حذف'} ${jobName(j)}`,
      onclick: (e) => this.cancel(j, e.currentTarget),
    }, active ? 'إلغاء' : 'حذف'));
    const err = j.status === 'failed' ? jobError(j) : null;
    const details = j.status === 'done' ? el('details', { class: 'job-details' }, el('summary', {}, 'تفاصيل'),
      el('p', {}, `النموذج: ${modelWords(j.model)}`),
      j.rtf ? el('p', {}, 'سرعة التفريغ: ', el('span', { dir: 'ltr' }, `${j.rtf.toFixed(2)}×`), ' من مدة التسجيل (زمن المعالجة ÷ مدة التسجيل)') : null) : null;
    return el('tr', { class: `job st-${j.status}`, dataset: { id: j.id } },
      el('td', { class: 'name' }, j.title ? el('span', { dir: 'rtl' }, ...isolated(j.title)) : el('span', { dir: 'auto' }, jobName(j)),
        j.title && j.filename ? el('div', { class: 'muted', dir: 'auto' }, j.filename) : null,
        en ? el('div', { class: 'muted' }, 'مع ترجمة إنجليزية آلية') : null,
        err ? el('div', { class: 'job-err', dir: 'auto' }, err.message) : null, details),
      el('td', { 'data-label': 'الاقتباسات' }, verdictCounts(j.quote_verdicts) || el('span', { class: 'muted' }, j.status === 'done' && j.has_article ? 'لا اقتباسات' : '—')),
      el('td', { 'data-label': 'الحالة' }, el('span', { class: `pill st-${j.status}` }, STATUS[j.status] || j.status)),
      el('td', { 'data-label': 'التقدم' }, prog, ` ${j.progress}%`, left != null ? el('div', { class: 'muted' }, `بقي نحو ${duration(left)}`) : null),
      el('td', { class: 'num', 'data-label': 'مدة التسجيل' }, el('span', { dir: 'ltr' }, clock(j.audio_duration || null))),
      el('td', { class: 'num muted', 'data-label': 'أُنشئت' }, el('span', { dir: 'ltr' }, stamp(j.created_at))),
      actions);
  }
}
