// jobview.js — one finished job: its recording, the aligned article (or the
// bare transcript when it has no article), downloads, publishing and the
// article editor.
import { clock, showError, clearError, el, isolated, modelWords } from './util.js';
import { renderArticle, fromTranscript } from './article.js';
import { jobName } from './jobs.js';
import { TranscriptView } from './transcript.js';

const $ = (id) => document.getElementById(id);

const LANGUAGES = { ar: 'العربية', fr: 'الفرنسية', en: 'الإنجليزية' };

/** JobView draws the job view. api is the client from api.js, base the mount prefix. */
export class JobView {
  constructor({ api, base, announce }) {
    this.api = api;
    this.announce = announce;
    this.base = base;
    this.cur = null; // { job, article, handle, audioURL }
    this.initEdit();
  }

  // load fetches the job and what it has to show: the article and its
  // alignment, the alignment of inline article text, or the transcript.
  async load(id) {
    const { api } = this;
    const job = await api.request('GET', `/transcriptions/${api.id(id)}`);
    const transcript = api.request('GET', `/transcriptions/${api.id(id)}/transcript?format=json`);
    if (job.article_id) {
      const [article, alignment, tr] = await Promise.all([
        api.request('GET', `/articles/${api.id(job.article_id)}`),
        api.request('GET', `/articles/${api.id(job.article_id)}/transcript?format=json`),
        transcript,
      ]);
      return { job, article, alignment, body: article.body, tr };
    }
    if (job.has_article) {
      const [alignment, tr] = await Promise.all([
        api.request('GET', `/transcriptions/${api.id(id)}/alignment?format=json`), transcript]);
      return { job, article: null, alignment, body: '', tr };
    }
    // No article: what was said is all there is; the article column is hidden.
    const tr = await transcript;
    return { job, article: null, ...fromTranscript(tr), tr, bare: true };
  }

  async open(id) {
    const errBox = $('view-error');
    clearError(errBox);
    this.close();
    $('article-view').hidden = false;
    $('newsroom').hidden = true;
    $('view-title').textContent = 'جارٍ التحميل…';
    try {
      const { job, article, alignment, body, tr, bare } = await this.load(id);
      const cur = { job, article };
      this.cur = cur;
      $('view-title').replaceChildren(...isolated(article?.title || jobName(job)));
      $('view-meta').textContent = [
        `المدة ${clock(job.audio_duration || null)}`,
        job.model ? `النموذج: ${modelWords(job.model)}` : '',
        job.language ? `اللغة ${LANGUAGES[job.language] || job.language}` : '',
      ].filter(Boolean).join(' · ');
      const audio = $('player');
      cur.audioURL = await this.api.mediaURL(`/transcriptions/${this.api.id(id)}/audio`);
      audio.src = cur.audioURL;
      this.drawDownloads(job);
      this.drawPublish(article);
      $('edit-btn').hidden = !article;
      $('text-col').hidden = !!bare;
      cur.transcript = new TranscriptView({ box: $('transcript'), audio, tr });
      cur.handle = renderArticle({
        body, alignment, audio, follow: $('follow'),
        textEl: $('article-text'), quotesEl: $('quotes-list'), summaryEl: $('quote-summary'), unmatchedEl: $('unmatched-list'),
        announce: (t) => this.announce.say(t),
      });
      $('view-title').focus();
    } catch (err) {
      $('view-title').textContent = 'تعذّر فتح المقال';
      showError(errBox, err);
    }
  }

  close() {
    const cur = this.cur;
    cur?.handle?.destroy();
    cur?.transcript?.destroy();
    if (cur?.audioURL?.startsWith('blob:')) URL.revokeObjectURL(cur.audioURL);
    this.cur = null;
    const audio = $('player');
    audio.pause();
    audio.removeAttribute('src');
    $('article-text').replaceChildren();
    $('edit-form').hidden = true;
  }

  drawDownloads(job) {
    const { api } = this;
    const ul = $('downloads');
    ul.replaceChildren();
    const path = job.article_id
      ? `/articles/${api.id(job.article_id)}/transcript`
      : `/transcriptions/${api.id(job.id)}/transcript`;
    for (const [fmt, label] of [['json', 'JSON'], ['srt', 'SRT ترجمة'], ['vtt', 'WebVTT ترجمة']]) {
      const q = `${path}?format=${fmt}`;
      const a = el('a', { class: 'btn', href: api.v1 + q, download: `newsscribe-${job.article_id || job.id}.${fmt}` }, `تنزيل ${label}`);
      a.addEventListener('click', async (e) => {
        if (!api.key) return; // a plain link works without a key
        e.preventDefault();
        try {
          const url = await api.mediaURL(q);
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

  embedURL(a) {
    return `${location.origin}${this.base}/embed/articles/${encodeURIComponent(a.id)}`;
  }

  drawPublish(article) {
    const box = $('publish-box');
    box.hidden = !article;
    if (!article) return;
    const cb = $('view-published');
    cb.checked = article.published;
    const link = $('embed-link');
    link.hidden = !article.published;
    link.href = this.embedURL(article);
    $('embed-details').hidden = !article.published;
    if (article.published) this.drawEmbedCode(article);
    cb.onchange = async () => {
      cb.disabled = true;
      try {
        this.cur.article = await this.api.request('PUT', `/articles/${this.api.id(article.id)}`, { published: cb.checked });
        this.drawPublish(this.cur.article);
      } catch (err) {
        cb.checked = !cb.checked;
        showError($('view-error'), err);
      } finally { cb.disabled = false; }
    };
  }

  // drawEmbedCode fills the embed code from the server's oEmbed answer, the
  // one place that writes it: the iframe and the lines that let it tell the
  // host page its height.
  async drawEmbedCode(article) {
    const code = $('embed-code');
    code.value = '';
    try {
      const res = await fetch(`${this.base}/oembed?format=json&url=${encodeURIComponent(this.embedURL(article))}`);
      if (res.ok) code.value = (await res.json()).html;
    } catch { /* the preview link still works; the code stays empty */ }
  }

  initEdit() {
    $('edit-btn').addEventListener('click', () => {
      const a = this.cur?.article;
      if (!a) return;
      $('edit-title').value = a.title;
      $('edit-body').value = a.body;
      $('edit-form').hidden = false;
      $('edit-body').focus();
    });
    $('edit-cancel').addEventListener('click', () => { $('edit-form').hidden = true; $('edit-btn').focus(); });
    $('edit-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const a = this.cur?.article;
      if (!a) return;
      const save = $('edit-save');
      save.disabled = true;
      $('edit-status').textContent = 'حفظ وإعادة المحاذاة (دون إعادة التفريغ)…';
      try {
        await this.api.request('PUT', `/articles/${this.api.id(a.id)}`, { title: $('edit-title').value, body: $('edit-body').value });
        $('edit-status').textContent = '';
        await this.open(this.cur.job.id);
      } catch (err) {
        $('edit-status').textContent = '';
        showError($('view-error'), err);
      } finally { save.disabled = false; }
    });
  }
}
