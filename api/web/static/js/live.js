// live.js — the live page (/live): start a session from the microphone, a
// tab's sound or a stream, follow its captions (final words, and tentative
// ones that may still change), edit the draft beside them and watch its
// quotations' verdicts change as the speech goes on; any colleague can open
// a running session (#ls_…) and watch. It talks only to /v1/live (api/live.go).
import { client } from './api.js';
import { el, showError, clearError, clock, Announcer, isolated } from './util.js';
import { verdict, speakerLine } from './words.js';
import { sseParser } from './events.js';
import { AudioLink, capture } from './live-audio.js';

// The live endpoints' error codes (api/live.go), in words for the desk; the
// rest go to util.js's table.
const LIVE_WORDS = {
  source_not_allowed: ['هذا البث ليس من المصادر التي يسمح بها الخادم. اطلب من المسؤول إضافة مضيفه إلى القائمة (--live-allow).', 'This stream is not from a source the server allows: ask its operator to add the host (--live-allow).'],
  source_unreachable: ['تعذّر الوصول إلى البث. تحقق من العنوان وأن البث جارٍ الآن.', 'The stream could not be reached: check the address and that it is on air.'],
  source_unusable: ['العنوان لا يقدّم بثًا صوتيًا يمكن قراءته (ربما صفحة ويب أو بث مشفّر). استعمل عنوان البث نفسه.', 'The address does not serve a stream the server reads (a web page, an encrypted stream): use the stream\'s own address.'],
  live_full: ['الخادم يشغّل أقصى عدد من الجلسات المباشرة الآن. أعد المحاولة عندما تنتهي إحداها.', 'The server runs its maximum of live sessions: try again when one ends.'],
  live_off: ['الجلسات المباشرة غير مفعّلة على هذا الخادم.', 'Live sessions are turned off on this server.'],
  not_ready: ['نموذج التفريغ لم يُحمَّل بعد. أعد المحاولة بعد لحظات.', 'The speech model is still loading: try again in a moment.'],
  live_failed: ['انتهت الجلسة دون تسجيل يُفرَّغ.', 'The session ended without a recording to transcribe.'],
  not_live: ['انتهت الجلسة؛ التعديل الآن في المقال نفسه.', 'The session has ended: edit the article itself.'],
};

// Words the page shows while the speech goes on.
const NOT_YET = 'لم يُقل بعد'; // the not_said verdict before the speech has ended
const STATUS = {
  waiting: 'بانتظار الصوت',
  live: 'مباشر',
  stopping: 'يُنهى…',
  ended: 'انتهت — التفريغ الكامل جارٍ',
  failed: 'انتهت دون تفريغ',
};
const ACTIVE = new Set(['waiting', 'live', 'stopping']);

// A caption line ends at a pause this long, or after this many words.
const LINE_PAUSE = 1.0;
const LINE_WORDS = 14;

function liveError(node, err) {
  const w = LIVE_WORDS[err?.code];
  if (!w) { showError(node, err); return; }
  node.replaceChildren(
    el('p', { class: 'err-ar' }, w[0]),
    el('p', { class: 'err-en', lang: 'en', dir: 'ltr' }, w[1]),
    err.serverMessage ? el('p', { class: 'err-detail' }, 'رسالة الخادم: ', el('code', { lang: 'en', dir: 'ltr' }, `${err.code}: ${err.serverMessage}`)) : null,
  );
  node.hidden = false;
}

const secs = (s) => `${s.toFixed(1)} ث`;

/** LivePage is the whole page: the start form, the list, one session view. */
class LivePage {
  constructor(doc) {
    this.doc = doc;
    this.base = doc.documentElement.dataset.base || '';
    this.api = client(this.base);
    this.say = new Announcer(doc.getElementById('announce'));
    this.home = doc.getElementById('live-home');
    this.view = null; // the open SessionView
    this.links = new Map(); // session id → { link, stop } of audio this page sends
    this.form = doc.getElementById('start-form');
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.start(); });
    for (const r of this.form.querySelectorAll('input[name=source]')) {
      r.addEventListener('change', () => { doc.getElementById('url-field').hidden = this.sourceKind() !== 'url'; });
    }
    addEventListener('hashchange', () => this.route());
    this.route();
  }

  sourceKind() { return this.form.querySelector('input[name=source]:checked').value; }

  route() {
    const id = decodeURIComponent(location.hash.slice(1));
    this.view?.close();
    this.view = null;
    if (/^ls_[0-9a-f]+$/.test(id)) {
      this.home.hidden = true;
      this.view = new SessionView(this, id);
      return;
    }
    this.home.hidden = false;
    this.doc.getElementById('live-view').hidden = true;
    this.listSessions();
  }

  async listSessions() {
    const list = this.doc.getElementById('sessions');
    const errNode = this.doc.getElementById('sessions-error');
    try {
      const r = await this.api.request('GET', '/live');
      clearError(errNode);
      list.replaceChildren(...(r.data.length ? r.data.map((s) => el('li', {},
        el('a', { href: `#${s.id}` }, STATUS[s.status] || s.status),
        ' — ', s.source === 'browser' ? 'ميكروفون أو تبويب' : el('bdi', { dir: 'ltr' }, s.source),
        ` · ${clock(s.audio_seconds)} من الصوت · ${s.final_words} كلمة`)) : [el('li', { class: 'empty' }, 'لا توجد جلسات الآن.')]));
    } catch (e) {
      showError(errNode, e);
    }
  }

  async start() {
    const d = this.doc;
    const errNode = d.getElementById('start-error');
    clearError(errNode);
    const btn = d.getElementById('start');
    btn.disabled = true;
    const kind = this.sourceKind();
    const draft = d.getElementById('live-draft').value;
    const title = d.getElementById('live-title').value.trim();
    let cap = null;
    const early = [];
    let link = null;
    try {
      if (kind !== 'url') {
        // Ask for the microphone (or the tab) first: a refusal leaves no session.
        cap = await capture(kind, this.base, (f) => (link ? link.push(f) : early.push(f)));
      }
      const body = { language: d.getElementById('live-language').value, article: draft };
      if (kind === 'url') body.source_url = d.getElementById('source-url').value.trim();
      else body.source = 'browser';
      if (title && draft.trim()) {
        const a = await this.api.request('POST', '/articles', { title, body: draft });
        body.article_id = a.id;
      }
      const s = await this.api.request('POST', '/live', body);
      if (cap) {
        link = this.connect(s.id, s.audio_token, cap);
        for (const f of early.splice(0)) link.push(f);
      }
      this.owned(s.id, { token: s.audio_token || '', kind });
      location.hash = `#${s.id}`;
    } catch (e) {
      cap?.stop();
      if (e instanceof DOMException || e.message === 'no-tab-audio') {
        errNode.replaceChildren(el('p', { class: 'err-ar' }, e.message === 'no-tab-audio'
          ? 'لم يُشارَك صوت التبويب: اختر تبويبًا وفعّل «مشاركة الصوت».'
          : 'لم يُسمح باستعمال الميكروفون. اسمح به في المتصفح ثم أعد المحاولة.'));
        errNode.hidden = false;
      } else {
        liveError(errNode, e);
      }
      errNode.focus();
    } finally {
      btn.disabled = false;
    }
  }

  /** connect sends capture cap's frames to session id's audio socket. */
  connect(id, token, cap) {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const link = new AudioLink(`${proto}://${location.host}${this.base}/v1/live/${encodeURIComponent(id)}/audio?token=${encodeURIComponent(token)}`, {
      onState: (st) => this.view?.linkState(st),
      onEnd: () => this.stopCapture(id),
    });
    link.start();
    this.links.set(id, { link, stop: () => cap.stop() });
    return link;
  }

  /**
   * resume takes up session id's microphone (or tab) again after this tab
   * was reloaded: the server's hello says from which frame to go on.
   */
  async resume(id) {
    const rec = this.owned(id);
    let link = null;
    const early = [];
    const cap = await capture(rec.kind, this.base, (f) => (link ? link.push(f) : early.push(f)));
    link = this.connect(id, rec.token, cap);
    for (const f of early.splice(0)) link.push(f);
  }

  /**
   * owned returns what this tab keeps of a session it started ({token,
   * kind}), or null; with rec, it keeps rec.
   */
  owned(id, rec) {
    const k = `newsscribe.live.${id}`;
    try {
      if (rec) sessionStorage.setItem(k, JSON.stringify(rec));
      return JSON.parse(sessionStorage.getItem(k) || 'null');
    } catch { return rec || null; }
  }

  stopCapture(id) {
    const l = this.links.get(id);
    if (!l) return;
    l.stop();
    l.link.close();
    this.links.delete(id);
  }
}

/** SessionView is one session, followed through its events. */
class SessionView {
  constructor(page, id) {
    this.page = page;
    this.id = id;
    this.api = page.api;
    const d = page.doc;
    this.d = d;
    this.root = d.getElementById('live-view');
    this.root.hidden = false;
    this.captions = d.getElementById('captions');
    this.captions.replaceChildren();
    this.quotes = d.getElementById('live-quotes');
    this.quotes.replaceChildren();
    this.stateNode = d.getElementById('live-state');
    this.errNode = d.getElementById('live-error');
    clearError(this.errNode);
    this.finals = [];
    this.lines = []; // { node, words, start, end }
    this.tentNode = null;
    this.info = null;
    this.link = null;
    this.draftVersion = null; // the version the textarea holds, from the events
    this.draftText = '';
    this.dirty = false;
    this.mine = page.owned(id); // {token, kind} when this tab started it
    this.owner = !!this.mine;
    this.ctl = new AbortController();
    this.audio = d.getElementById('caption-audio');
    this.draft = d.getElementById('draft');
    this.draftView = d.getElementById('draft-view');
    this.draft.hidden = !this.owner;
    this.draftView.hidden = this.owner;
    this.draft.value = '';
    this.onInput = () => this.draftChanged();
    this.draft.addEventListener('input', this.onInput);
    this.stopBtn = d.getElementById('stop');
    this.stopBtn.hidden = !this.owner;
    this.onStop = () => this.stop();
    this.stopBtn.addEventListener('click', this.onStop);
    this.resumeBtn = d.getElementById('resume');
    this.resumeBtn.hidden = true;
    this.onResume = () => this.resume();
    this.resumeBtn.addEventListener('click', this.onResume);
    d.getElementById('job-link').hidden = true;
    d.getElementById('live-h').textContent = this.owner ? 'جلستك المباشرة' : 'متابعة جلسة مباشرة';
    this.follow();
  }

  close() {
    this.ctl.abort();
    this.draft.removeEventListener('input', this.onInput);
    this.stopBtn.removeEventListener('click', this.onStop);
    this.resumeBtn.removeEventListener('click', this.onResume);
    clearTimeout(this.saveTimer);
  }

  linkState(st) {
    this.link = st;
    this.showState();
  }

  /** follow reads the events, reconnecting with the finals it has. */
  async follow() {
    while (!this.ctl.signal.aborted) {
      try {
        const res = await this.api.stream(`/live/${this.api.id(this.id)}/events?from=${this.finals.length}`, this.ctl.signal);
        if (!res) throw new Error('no events');
        const feed = sseParser();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const ev of feed(value)) {
            let data;
            try { data = JSON.parse(ev.data); } catch { continue; }
            this.event(ev.event, data);
          }
        }
        if (this.info && !ACTIVE.has(this.info.status)) return;
      } catch (e) {
        if (this.ctl.signal.aborted) return;
        if (e.status === 404) { showError(this.errNode, e); return; }
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  event(name, data) {
    switch (name) {
      case 'state':
      case 'ended':
        this.info = data;
        this.showState();
        if (name === 'ended') this.ended();
        break;
      case 'captions':
        this.addCaptions(data);
        break;
      case 'draft':
        this.draftArrived(data);
        break;
      case 'quotes':
        this.showQuotes(data.quotes || []);
        break;
    }
  }

  showState() {
    const s = this.info;
    if (!s) return;
    const parts = [STATUS[s.status] || s.status, `${clock(s.audio_seconds)} من الصوت`, `${s.final_words} كلمة نهائية`];
    if (s.lag_p50 != null) parts.push(`تأخر الكلمة النهائية ${secs(s.lag_p50)} (95٪: ${secs(s.lag_p95)})`);
    if (this.link && ACTIVE.has(s.status)) {
      parts.push(this.link.connected ? 'الإرسال متصل' : 'يُعاد الاتصال…');
      if (this.link.pending > 5) parts.push(`${this.link.pending} إطارًا بانتظار التأكيد`);
    }
    this.stateNode.textContent = parts.join(' · ');
    // This tab started the session from its microphone (or a tab) but no
    // longer sends (it was reloaded): offer to take it up again.
    this.resumeBtn.hidden = !(this.mine && this.mine.kind !== 'url' && ACTIVE.has(s.status) && s.status !== 'stopping' && !this.page.links.has(this.id));
    this.stateNode.dataset.status = s.status;
    if (s.error && !ACTIVE.has(s.status)) this.stateNode.textContent += ` — ${s.error}`;
  }

  addCaptions(c) {
    if (c.from !== this.finals.length) return; // a stale replay; the next event resyncs
    for (const w of c.final) this.addFinal(w);
    this.tentNode?.remove();
    this.tentNode = null;
    if (c.tentative?.length) {
      this.tentNode = el('span', { class: 'tentative', title: 'مؤقت: قد يتغير' }, ` ${c.tentative.map((w) => w.word.trim()).join(' ')}`);
      const last = this.lines[this.lines.length - 1];
      (last ? last.node : this.captions).append(this.tentNode);
    }
    const box = this.captions;
    if (box.scrollHeight - box.scrollTop - box.clientHeight < 80) box.scrollTop = box.scrollHeight;
  }

  addFinal(w) {
    const prev = this.finals[this.finals.length - 1];
    this.finals.push(w);
    let line = this.lines[this.lines.length - 1];
    if (!line || (prev && w.start - prev.end >= LINE_PAUSE) || line.words >= LINE_WORDS) {
      const node = el('p', { class: 'caption', tabindex: '0', role: 'button' });
      line = { node, words: 0, start: w.start, end: w.end };
      node.append(el('span', { class: 'at', dir: 'ltr' }, clock(w.start)));
      const play = () => this.play(line.start, line.end);
      node.addEventListener('click', play);
      node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); play(); } });
      this.lines.push(line);
      this.captions.append(node);
    }
    line.words++;
    line.end = w.end;
    line.node.setAttribute('aria-label', `من ${clock(line.start)}: استمع`);
    line.node.append(el('span', { class: 'final' }, ` ${w.word.trim()}`));
  }

  async play(from, to) {
    try {
      const url = await this.api.mediaURL(`/live/${this.api.id(this.id)}/recording?from=${Math.max(0, from - 0.2).toFixed(2)}&to=${(Math.min(to + 0.3, from + 59)).toFixed(2)}`);
      this.audio.src = url;
      await this.audio.play();
    } catch (e) {
      liveError(this.errNode, e);
    }
  }

  draftArrived(d) {
    this.draftText = d.text;
    if (this.owner) {
      // What the person is typing is never replaced; an echo of their own
      // save leaves the text (and the cursor) alone.
      if (!this.dirty) {
        if (this.draft.value !== d.text) this.draft.value = d.text;
        this.draftVersion = d.version;
      }
    } else {
      this.draftView.replaceChildren(...isolated(d.text));
    }
  }

  draftChanged() {
    this.dirty = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveDraft(), 700);
    this.d.getElementById('draft-status').textContent = 'تُحفظ المسودة…';
  }

  async saveDraft() {
    const status = this.d.getElementById('draft-status');
    try {
      const body = { text: this.draft.value };
      if (this.draftVersion != null) body.base_version = this.draftVersion;
      const r = await this.api.request('PUT', `/live/${this.api.id(this.id)}/draft`, body);
      this.draftVersion = r.version;
      this.dirty = false;
      status.textContent = 'حُفظت المسودة؛ تُفحص الاقتباسات من جديد.';
    } catch (e) {
      if (e.status === 409 && e.body?.version != null) {
        this.draftVersion = e.body.version;
        this.dirty = false;
        this.draft.value = this.draftText;
        status.textContent = 'غيّر زميل المسودة قبلك: عُرضت نسخته، فأعد تعديلك عليها.';
        this.page.say.say(status.textContent);
      } else {
        liveError(this.errNode, e);
        status.textContent = '';
      }
    }
  }

  showQuotes(quotes) {
    const live = this.info ? ACTIVE.has(this.info.status) : true;
    if (!quotes.length) {
      this.quotes.replaceChildren(el('li', { class: 'empty' }, 'لا اقتباسات بين «…» في المسودة بعد.'));
      return;
    }
    this.quotes.replaceChildren(...quotes.map((q, i) => {
      const v = q.check?.verdict || 'unclear';
      const w = verdict(v);
      const label = v === 'not_said' && live ? NOT_YET : w.ar;
      const parts = q.check?.parts || [];
      const li = el('li', { class: `live-quote ${w.class}`, 'aria-label': `الاقتباس ${i + 1}: ${label}` },
        el('span', { class: `badge ${w.class}` }, el('span', { class: 'mark', 'aria-hidden': 'true' }, w.mark), ' ', el('span', { class: 'label' }, label)), ' ',
        el('q', { class: 'quote-text' }, ...isolated(q.text)),
        q.check?.speaker ? el('span', { class: 'speaker' }, ...isolated(speakerLine(q.check))) : null);
      if (parts.length) {
        li.append(' ', el('button', { type: 'button', class: 'btn small', onclick: () => this.play(parts[0].start, parts[parts.length - 1].end) }, `استمع (${clock(parts[0].start)})`));
      }
      return li;
    }));
  }

  async resume() {
    this.resumeBtn.disabled = true;
    try {
      await this.page.resume(this.id);
      this.resumeBtn.hidden = true;
    } catch (e) {
      this.errNode.replaceChildren(el('p', { class: 'err-ar' }, 'لم يُسمح باستعمال الميكروفون. اسمح به في المتصفح ثم أعد المحاولة.'));
      this.errNode.hidden = false;
    } finally {
      this.resumeBtn.disabled = false;
    }
  }

  async stop() {
    this.stopBtn.disabled = true;
    this.page.stopCapture(this.id);
    try {
      const job = await this.api.request('POST', `/live/${this.api.id(this.id)}/stop`);
      this.showJob(job.id);
    } catch (e) {
      liveError(this.errNode, e);
    } finally {
      this.stopBtn.disabled = false;
    }
  }

  ended() {
    this.page.stopCapture(this.id);
    this.stopBtn.hidden = true;
    this.draft.readOnly = true;
    if (this.info?.transcription_id) this.showJob(this.info.transcription_id);
    this.page.say.say(this.info?.transcription_id ? 'انتهت الجلسة وبدأ التفريغ الكامل.' : 'انتهت الجلسة.');
  }

  showJob(id) {
    const a = this.d.getElementById('job-link');
    a.href = `${this.page.base}/#job/${encodeURIComponent(id)}`;
    a.hidden = false;
  }
}

new LivePage(document);
