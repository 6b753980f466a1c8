// upload.js — the «تسجيل جديد» form: a recording (picked or dropped), the
// article text (typed, pasted or read from a file), then the job followed
// until it ends.
import { ApiError, jobError, newKey } from './api.js';
import { bytes, duration, showError, clearError, el } from './util.js';
import { STATUS, ACTIVE } from './jobs.js';
import { follow } from './events.js';
import { confirmPublish } from './jobview.js';

const $ = (id) => document.getElementById(id);

/**
 * UploadForm drives the upload form. api is the client from api.js, jobs the
 * JobsList to keep current, announce an Announcer.
 */
export class UploadForm {
  constructor({ api, jobs, announce }) {
    this.api = api;
    this.jobs = jobs;
    this.announce = announce;
    this.file = null;
    this.following = null; // the job this form follows: {done, stop}
    const drop = $('drop');
    $('file').addEventListener('change', (e) => this.choose(e.target.files[0]));
    $('transcript-file').addEventListener('change', () => clearError($('upload-error')));
    // Publishing is asked for, never done by a stray tick.
    $('publish').addEventListener('change', async (e) => {
      if (e.target.checked && !(await confirmPublish())) e.target.checked = false;
    });
    for (const ev of ['dragenter', 'dragover']) {
      drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
    }
    for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      const f = e.dataTransfer?.files?.[0];
      if (f) this.choose(f);
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
    $('upload-form').addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    // One Idempotency-Key per thing submitted: a retry after a network
    // failure (or a second click) reuses it, so the server stores the article
    // and the job once. A change to the form starts a new submission.
    this.keys = null;
    $('upload-form').addEventListener('input', () => { this.keys = null; });
    $('upload-form').addEventListener('change', () => { this.keys = null; });
  }

  // choose takes recording f; an error about the previous file goes.
  choose(f) {
    this.file = f || null;
    if (f) clearError($('upload-error'));
    $('file-name').textContent = f ? `${f.name} — ${bytes(f.size)}` : 'لم يُختر ملف بعد';
  }

  // fail shows err under the button and brings it into view with the focus
  // on it: on a phone the button is often the last thing on screen.
  fail(err) {
    const box = $('upload-error');
    showError(box, err);
    box.scrollIntoView({ block: 'center' });
    box.focus({ preventScroll: true });
  }

  async submit() {
    const status = $('upload-status'), bar = $('upload-progress');
    clearError($('upload-error'));
    const imported = $('transcript-file').files[0];
    if (!this.file && !imported) {
      this.fail(new ApiError(400, 'missing_file', ''));
      return;
    }
    const submit = $('submit');
    if (submit.disabled) return;
    submit.disabled = true;
    this.keys ||= { article: newKey(), job: newKey() };
    try {
      if (imported) {
        await this.importTranscript(imported);
        return;
      }
      const body = $('article-body').value.trim();
      let articleId = '';
      if (body) {
        status.textContent = 'حفظ المقال…';
        const title = $('article-title').value.trim() || body.split('\n')[0].slice(0, 120);
        const a = await this.api.request('POST', '/articles', { title, body, published: $('publish').checked },
          { 'Idempotency-Key': this.keys.article });
        articleId = a.id;
      }
      const form = new FormData();
      form.append('file', this.file, this.file.name);
      form.append('language', $('language').value);
      if ($('model').value) form.append('model', $('model').value);
      if (articleId) form.append('article_id', articleId);
      bar.hidden = false;
      bar.value = 0;
      status.textContent = 'رفع التسجيل… 0%';
      this.announce.say('بدأ رفع التسجيل.');
      const started = Date.now();
      const up = this.api.upload('/transcriptions', form, (loaded, total) => {
        const p = Math.round((100 * loaded) / total);
        bar.value = p;
        const secs = (Date.now() - started) / 1000;
        const left = loaded > 0 && p < 100 ? secs * (total - loaded) / loaded : null;
        status.textContent = `رفع التسجيل… ${p}% (${bytes(loaded)} من ${bytes(total)})` + (left != null ? ` — بقي نحو ${duration(left)}` : '');
      }, { 'Idempotency-Key': this.keys.job });
      $('upload-abort').hidden = false;
      $('upload-abort').onclick = () => up.abort();
      const job = await up.promise;
      this.reset();
      bar.value = 100;
      status.textContent = 'رُفع التسجيل. ينتظر دوره في التفريغ…';
      this.announce.say('رُفع التسجيل وينتظر دوره في التفريغ.');
      this.watch(job);
    } catch (err) {
      bar.hidden = true;
      status.textContent = '';
      this.announce.say('');
      this.fail(err);
    } finally {
      submit.disabled = false;
      $('upload-abort').hidden = true;
    }
  }

  // reset readies the form for the next recording once one is stored.
  reset() {
    $('upload-form').reset();
    this.choose(null);
    this.keys = null;
  }

  // importTranscript posts a transcript made elsewhere (with the recording
  // when one is chosen, and the article text): the job is done at once.
  async importTranscript(f) {
    const status = $('upload-status');
    status.textContent = 'استيراد التفريغ…';
    const form = new FormData();
    form.append('transcript', await f.text());
    form.append('language', $('language').value === 'auto' ? '' : $('language').value);
    if (this.file) form.append('file', this.file, this.file.name);
    const body = $('article-body').value.trim();
    if (body) {
      form.append('article', body);
      form.append('title', $('article-title').value.trim() || body.split('\n')[0].slice(0, 120));
    }
    const job = await this.api.upload('/imports', form, null, { 'Idempotency-Key': this.keys.job }).promise;
    this.reset();
    this.announce.say('اكتمل استيراد التفريغ.');
    this.watch(job);
  }

  // watch follows the job just uploaded until it ends.
  async watch(job) {
    this.following?.stop();
    const status = $('upload-status'), bar = $('upload-progress');
    const show = (j) => {
      this.jobs.upsert(j);
      if (!ACTIVE.has(j.status)) return;
      const left = this.jobs.progress.eta(j);
      bar.value = j.progress;
      status.textContent = `${STATUS[j.status] || j.status}… ${j.progress}%` + (left != null ? ` — الوقت المتبقي نحو ${duration(left)}` : '');
      // Screen readers hear the state and each quarter, not every tick.
      this.announce.say(`${STATUS[j.status] || j.status}${j.status === 'running' ? ` ${Math.floor(j.progress / 25) * 25}%` : ''}`);
    };
    const chunk = (c) => this.announce.say(`اكتمل ${c.done} من ${c.total} أجزاء التسجيل.`);
    this.following = follow(this.api, job, show, chunk);
    let j;
    try {
      j = await this.following.done;
    } catch (err) {
      this.fail(err);
      return;
    }
    if (j.status === 'done') {
      bar.value = 100;
      status.replaceChildren('اكتمل التفريغ. ', el('a', { href: `#job/${encodeURIComponent(j.id)}`, id: 'open-result' }, 'افتح المقال مع التسجيل'));
      this.announce.say('اكتمل التفريغ.');
    } else if (j.status === 'failed') {
      status.textContent = 'فشل التفريغ.';
      this.announce.say('فشل التفريغ.');
      this.fail(jobError(j) || new ApiError(500, '', ''));
    } else {
      status.textContent = STATUS[j.status] || j.status;
      this.announce.say(status.textContent);
    }
  }
}
