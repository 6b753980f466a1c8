// jobview.js — one finished job: its recording, the quotations' evidence,
// the aligned article (or the bare transcript when it has no article),
// downloads, publishing and the article editor.
import { clock, confirmDialog, copyText, showError, clearError, el, isolated, modelWords, toast, QUOTE, countWord } from './util.js';
import { renderArticle, fromTranscript } from './article.js';
import { jobName } from './jobs.js';
import { TranscriptView, selectedSpan } from './transcript.js';
import { seek } from './player.js';
import { summaryText, verdictOf } from './quotes.js';
import { verdict } from './words.js';
import { ClipMaker, spanLabel } from './clips.js';
import { showLanguageNote } from './language.js';

const $ = (id) => document.getElementById(id);

const verdicts = (al) => (al?.quotes || []).map(verdictOf);

const LANGUAGES = { ar: 'العربية', fr: 'الفرنسية', en: 'الإنجليزية' };

/** JobView draws the job view. api is the client from api.js, base the mount prefix. */
export class JobView {
  constructor({ api, base, announce }) {
    this.api = api;
    this.announce = announce;
    this.base = base;
    this.cur = null; // { job, article, alignment, tr, handle, transcript, audioURL }
    this.editor = null; // set by app.js: the transcript editor
    this.clips = new ClipMaker({ api, announce: (t) => announce.say(t) });
    // «مقطع» on the words selected in the transcript.
    $('clip-sel-btn').addEventListener('click', () => {
      const sp = selectedSpan($('transcript'));
      if (!this.cur) return;
      if (!sp) {
        toast($('clip-sel-btn'), 'حدّد كلمات من «ما قيل» أولًا ثم اضغط «مقطع من الكلمات المحددة».');
        return;
      }
      this.clips.open(this.cur.job, { from: sp.start, to: sp.end }, `الكلمات المحددة، ${spanLabel(sp.start, sp.end)}`);
    });
    this.initEdit();
    this.initAttach();
  }

  // load fetches the job and what it has to show: the article and this
  // recording's own alignment (never the article's latest recording's: one
  // article may be attached to several), the alignment of inline article
  // text, or the transcript.
  async load(id) {
    const { api } = this;
    const job = await api.request('GET', `/transcriptions/${api.id(id)}`);
    const transcript = api.exchange('GET', `/transcriptions/${api.id(id)}/transcript?format=json`)
      .then(({ data, headers }) => ({ ...data, revision: Number(headers.get('X-Transcript-Revision') || 0) }));
    if (job.article_id) {
      const [article, alignment, tr] = await Promise.all([
        api.request('GET', `/articles/${api.id(job.article_id)}`),
        api.request('GET', `/transcriptions/${api.id(id)}/alignment?format=json`),
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

  // open shows job id, and plays from t seconds when t is given (a deep
  // link from search: #job/{id}?t=83.2).
  async open(id, t = null) {
    if (this.cur?.job.id === id) {
      if (t != null) seek($('player'), t);
      return;
    }
    const errBox = $('view-error');
    clearError(errBox);
    this.close();
    $('article-view').hidden = false;
    $('newsroom').hidden = true;
    $('view-title').textContent = 'جارٍ التحميل…';
    try {
      const data = await this.load(id);
      const cur = { job: data.job, article: data.article };
      this.cur = cur;
      const audio = $('player');
      cur.audioURL = await this.api.mediaURL(`/transcriptions/${this.api.id(id)}/audio`);
      audio.src = cur.audioURL;
      this.draw(data);
      $('view-title').focus();
      if (t != null) seek(audio, t);
    } catch (err) {
      $('view-title').textContent = 'تعذّر فتح المقال';
      showError(errBox, err);
    }
  }

  // draw renders what load returned; the audio element is left alone.
  draw({ job, article, alignment, body, tr, bare }) {
    const cur = this.cur;
    cur.job = job;
    cur.article = article;
    cur.alignment = alignment;
    cur.tr = tr;
    cur.handle?.destroy();
    cur.transcript?.destroy();
    const audio = $('player');
    $('view-title').replaceChildren(...isolated(article?.title || jobName(job)));
    // A machine translation is English, whatever the recording's language.
    const lang = job.task === 'translate' ? 'الإنجليزية (ترجمة آلية)' : (LANGUAGES[job.language] || job.language);
    $('view-meta').textContent = [
      `المدة ${clock(job.audio_duration || null)}`,
      job.model ? `النموذج: ${modelWords(job.model)}` : '',
      lang ? `اللغة ${lang}` : '',
      tr.revision ? `التفريغ مصحَّح (المراجعة ${tr.revision})` : '',
    ].filter(Boolean).join(' · ');
    showLanguageNote($('view-meta'), job);
    this.drawAlso(job, article);
    this.drawDownloads(job, article);
    this.drawPublish(article);
    this.drawAttach(job, article);
    $('edit-btn').hidden = !article;
    $('text-col').hidden = !!bare;
    $('quotes-col').hidden = !!bare;
    const share = (anchor, moment, marker) => this.copyMoment(anchor, moment, marker);
    cur.transcript = new TranscriptView({ box: $('transcript'), audio, tr, editor: this.editor, share });
    cur.handle = renderArticle({
      body, alignment, tr, audio, follow: $('follow'), share,
      textEl: $('article-text'), quotesEl: $('quotes-list'), summaryEl: $('quote-summary'), unmatchedEl: $('unmatched-list'),
      announce: (t, anchor) => (anchor ? toast(anchor, t) : this.announce.say(t)),
      onClip: (i, q) => this.clips.open(job, { quote: i + 1 }, `الاقتباس ${i + 1}، ${spanLabel(q.start, q.end)}`),
    });
    this.loadEnglish(job);
  }

  // drawAlso says when the article is attached to other recordings too,
  // with a link to each: this page shows this recording's verdicts only.
  drawAlso(job, article) {
    const box = $('view-also');
    const others = (article?.recordings || []).filter((r) => r.id !== job.id);
    box.hidden = !others.length;
    if (!others.length) { box.replaceChildren(); return; }
    box.replaceChildren(`هذا المقال مرفق بتسجيل آخر أيضًا؛ الأحكام هنا لهذا التسجيل وحده (${job.filename || job.id}). `,
      ...others.flatMap((r, i) => [i ? '، ' : '', el('a', { href: `#job/${encodeURIComponent(r.id)}` }, `افتح ${r.filename || r.id}`)]));
  }

  /**
   * momentURL is a link that opens this job at a moment ({t} seconds, or
   * {quote} N of the article with its verdict) and whether it is public:
   * the public embed of a published article for a moment or a quotation it
   * lists (said as printed), else a signed share link, which shows every
   * quotation with its verdict and evidence (it expires; the server says
   * when).
   */
  async momentURL({ t, quote, verdict: v }) {
    const cur = this.cur;
    const q = quote ? `quote=${quote}` : `t=${Math.max(0, Math.floor(t * 10) / 10)}`;
    // The embed shows the article's latest recording: this one's moments
    // are public only when it is that recording.
    const embedded = cur.article?.published && cur.article.transcription_id === cur.job.id;
    if (embedded && (!quote || verdict(v).said)) return { url: `${this.embedURL(cur.article)}?${q}`, public: true };
    if (!cur.share || Date.parse(cur.share.expires_at) - Date.now() < 3600e3) {
      cur.share = await this.api.request('POST', `/transcriptions/${this.api.id(cur.job.id)}/share`);
    }
    return { url: `${cur.share.url}?${q}`, public: false };
  }

  // copyMoment copies the link of a moment and says so beside anchor (the
  // control used); marker (the button) keeps the link it copied.
  async copyMoment(anchor, moment, marker = anchor) {
    try {
      const { url, public: pub } = await this.momentURL(moment);
      const ok = await copyText(url);
      marker.dataset.copied = url;
      const what = moment.quote
        ? (pub ? `نُسخ رابط الصفحة العامة، يفتح على الاقتباس ${moment.quote}.` : `نُسخ رابط خاص يفتح على الاقتباس ${moment.quote} مع حكمه ودليله`)
        : (pub ? 'نُسخ رابط هذه اللحظة في الصفحة العامة.' : 'نُسخ رابط خاص لهذه اللحظة');
      const until = pub ? '' : ` (ينتهي ${new Date(this.cur.share.expires_at).toLocaleDateString('ar')}).`;
      toast(anchor, ok ? `${what}${until}` : `تعذّر النسخ؛ الرابط: ${url}`);
    } catch (err) { showError($('view-error'), err); }
  }

  /**
   * loadEnglish shows the English machine translation beside the
   * transcript when there is one, else a button that asks for it (a job on
   * the queue) and shows it when done.
   */
  async loadEnglish(job) {
    const cur = this.cur;
    if (!cur) return; // the job was closed while a translation was asked for or awaited
    const btn = $('translate-btn');
    btn.onclick = async () => {
      btn.disabled = true;
      btn.textContent = 'جارٍ الترجمة الآلية…';
      try {
        await this.api.request('POST', `/transcriptions/${this.api.id(job.id)}/translation`);
        this.loadEnglish(job);
      } catch (err) { btn.disabled = false; showError($('transcript-error'), err); }
    };
    try {
      const en = await this.api.request('GET', `/transcriptions/${this.api.id(job.id)}/transcript?lang=en&format=json`);
      if (this.cur !== cur) return;
      btn.hidden = true;
      cur.transcript.setEnglish(en);
      this.drawDownloads(job, cur.article, true);
    } catch (err) {
      if (this.cur !== cur) return;
      if (err.status === 409) { // being translated: look again shortly
        btn.hidden = false;
        btn.disabled = true;
        btn.textContent = 'جارٍ الترجمة الآلية…';
        cur.enTimer = setTimeout(() => this.loadEnglish(job), 1500);
      } else if (err.status === 404) {
        btn.hidden = false;
        btn.disabled = false;
        btn.textContent = 'ترجمة إنجليزية آلية';
      }
    }
  }

  /**
   * refresh reloads the open job after a change on the server (a
   * correction, an article edit, an attach) and redraws it in place: the
   * recording keeps playing where it was, the page keeps its scroll, and the
   * announcement says what the re-alignment changed. It returns that text.
   */
  async refresh(what) {
    const cur = this.cur;
    if (!cur) return '';
    const before = verdicts(cur.alignment);
    const y = window.scrollY;
    const data = await this.load(cur.job.id);
    this.draw(data);
    window.scrollTo({ top: y });
    const after = verdicts(data.alignment);
    const changed = after.filter((v, i) => v !== before[i]).length + Math.abs(after.length - before.length);
    const said = `${what} ${after.length ? (changed
      ? `أعيدت المحاذاة دون إعادة التفريغ: تغيّر حكم ${changed} من ${countWord(after.length, QUOTE)}. ${summaryText(data.alignment.quotes)}.`
      : `أعيدت المحاذاة دون إعادة التفريغ: لم يتغير حكم أي اقتباس.`) : ''}`.trim();
    // Said beside the control used (toast), not at the top of the page,
    // where a longer line would push what the person looks at away.
    return said;
  }

  // drawAttach offers to attach an article to a job without one, or to
  // replace or detach it (PUT/DELETE /v1/transcriptions/{id}/article): the
  // recording is re-aligned without speech recognition.
  drawAttach(job, article) {
    $('attach-open').textContent = job.has_article ? 'استبدال المقال' : 'إرفاق مقال';
    $('detach-btn').hidden = !job.has_article;
  }

  close() {
    const cur = this.cur;
    clearTimeout(cur?.enTimer);
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

  // drawDownloads lists the job's files, named after the article (or the
  // recording) and what they hold; english adds the English captions once
  // the machine translation exists. Captions are «تسميات توضيحية», never
  // «ترجمة», which is the translation.
  drawDownloads(job, article, english = false) {
    const { api } = this;
    const ul = $('downloads');
    ul.replaceChildren();
    const bare = `/transcriptions/${api.id(job.id)}/transcript`;
    const path = job.has_article ? `/transcriptions/${api.id(job.id)}/alignment` : bare;
    const title = (article?.title || job.title || job.filename || job.id).replace(/[/\\:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
    const items = [['json', 'JSON', 'بيانات', path], ['srt', 'تسميات توضيحية SRT', 'تسميات توضيحية', path], ['vtt', 'تسميات توضيحية WebVTT', 'تسميات توضيحية', path]];
    // Word: the quotation check of an article, and the transcript itself.
    if (job.has_article) items.push(['docx', 'Word: فحص الاقتباسات', 'فحص الاقتباسات', path]);
    items.push(['docx', 'Word: التفريغ', 'التفريغ', bare]);
    // English captions: Whisper's translate task, labelled in the files.
    if (english) {
      items.push(['srt', 'تسميات إنجليزية SRT (ترجمة آلية)', 'تسميات إنجليزية (ترجمة آلية)', bare, 'en'],
        ['vtt', 'تسميات إنجليزية WebVTT (ترجمة آلية)', 'تسميات إنجليزية (ترجمة آلية)', bare, 'en']);
    }
    for (const [fmt, label, kind, base, lang] of items) {
      const q = `${base}?format=${fmt}${lang ? `&lang=${lang}` : ''}`;
      const a = el('a', { class: 'btn', href: api.v1 + q, download: `${title} — ${kind}.${fmt}` }, `تنزيل ${label}`);
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
      // Publishing shows the article, its recording and the quotations said
      // as printed to anyone: it is asked first, never done by a stray tick.
      if (cb.checked && !(await confirmPublish())) { cb.checked = false; return; }
      cb.disabled = true;
      try {
        const was = this.cur.article;
        this.cur.article = { ...await this.api.request('PUT', `/articles/${this.api.id(article.id)}`, { published: cb.checked }), recordings: was?.recordings };
        this.drawPublish(this.cur.article);
        toast(cb.closest('label') || cb, cb.checked ? 'نُشر المقال: صفحته العامة تعرض الاقتباسات التي قيلت كما نُشرت.' : 'أُلغي النشر: لم يعد المقال متاحًا للعامة.');
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

  initAttach() {
    $('attach-open').addEventListener('click', () => {
      $('attach-form').hidden = false;
      $('attach-body').value = '';
      $('attach-body').focus();
    });
    $('attach-cancel').addEventListener('click', () => { $('attach-form').hidden = true; $('attach-open').focus(); });
    $('attach-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = $('attach-body').value.trim();
      if (!text) return;
      await this.attach('PUT', { article: text }, 'أُرفق المقال.');
      $('attach-form').hidden = true;
    });
    $('detach-btn').addEventListener('click', async () => {
      if (await confirmDialog({ title: 'فصل المقال عن هذا التسجيل؟', text: 'يبقى المقال محفوظًا، ولا يبقى لهذا التسجيل فحص اقتباسات.', yes: 'افصل المقال' })) {
        this.attach('DELETE', undefined, 'فُصل المقال.');
      }
    });
  }

  async attach(method, body, what) {
    try {
      await this.api.request(method, `/transcriptions/${this.api.id(this.cur.job.id)}/article`, body);
      toast($('attach-open'), await this.refresh(what), { ms: 9000 });
    } catch (err) { showError($('view-error'), err); }
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
        $('edit-form').hidden = true;
        toast($('edit-btn'), await this.refresh('حُفظ المقال.'), { ms: 9000 });
        $('edit-btn').focus();
      } catch (err) {
        $('edit-status').textContent = '';
        showError($('view-error'), err);
      } finally { save.disabled = false; }
    });
  }
}

/** confirmPublish asks before an article is made public. */
export function confirmPublish() {
  return confirmDialog({
    title: 'نشر المقال للعامة؟',
    text: 'سيتمكن أي شخص لديه الرابط من قراءة المقال وسماع التسجيل، وتعرض الصفحة العامة الاقتباسات التي قيلت كما نُشرت فقط. يمكنك إلغاء النشر متى شئت.',
    yes: 'انشر',
  });
}
