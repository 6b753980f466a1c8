// util.js — formatting and the journalist-facing wording of API errors.

/** clock formats seconds as m:ss (h:mm:ss past the hour); '—' when unknown. */
export function clock(sec) {
  if (sec == null || !Number.isFinite(sec)) return '—';
  const t = Math.max(0, Math.floor(sec));
  const h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** clockPrecise formats seconds as m:ss.t for places where tenths matter. */
export function clockPrecise(sec) {
  if (sec == null || !Number.isFinite(sec)) return '—';
  const tenths = Math.floor((sec % 1) * 10);
  return `${clock(sec)}.${tenths}`;
}

/** duration says a span of seconds in words: "3 د 20 ث". */
export function duration(sec) {
  if (sec == null || !Number.isFinite(sec) || sec < 0) return '—';
  const t = Math.round(sec);
  if (t < 60) return `${t} ث`;
  const m = Math.floor(t / 60), s = t % 60;
  if (m < 60) return s ? `${m} د ${s} ث` : `${m} د`;
  return `${Math.floor(m / 60)} س ${m % 60} د`;
}

export function bytes(n) {
  if (!Number.isFinite(n)) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// What each API error means for the person at the desk, by the error code
// the server writes (api/router.go abort, api/audio.go, the worker's failure
// codes) or the two local ones (network, aborted); a code not listed falls
// back on the HTTP status.
const BY_CODE = {
  unauthorized: 'auth',
  missing_file: 'missingFile',
  empty: 'empty',
  too_large: 'tooLarge',
  too_long: 'tooLong',
  not_audio: 'notAudio',
  unsupported: 'notAudio',
  corrupt: 'corrupt',
  queue_full: 'busy',
  no_recording: 'noRecording',
  no_audio: 'noRecording',
  not_done: 'notDone',
  unknown_model: 'model',
  not_found: 'notFound',
  no_article: 'notFound',
  conflict: 'conflict',
  bad_request: 'bad',
  bad_format: 'bad',
  timeout: 'timeout',
  not_finished: 'conflict',
  in_progress: 'busy',
  bad_query: 'badQuery',
  bad_edit: 'badEdit',
  bad_speaker: 'badEdit',
  base_revision_required: 'badEdit',
  bad_transcript: 'badTranscript',
  missing_transcript: 'badTranscript',
  internal: 'server',
  no_speech: 'noSpeech',
  clip_failed: 'clipFailed',
  network: 'network',
  aborted: 'aborted',
};
const BY_STATUS = { 400: 'bad', 401: 'auth', 403: 'auth', 404: 'notFound', 409: 'conflict', 413: 'tooLarge', 415: 'notAudio', 422: 'corrupt', 429: 'busy', 503: 'busy' };

const WORDS = {
  auth: ['مفتاح الوصول مفقود أو غير صحيح. أدخل مفتاح API الذي أعطاك إياه المسؤول في خانة «مفتاح API».', 'The API key is missing or wrong: enter the key your administrator gave you.'],
  missingFile: ['لم يُرفق أي تسجيل. اختر ملفًا صوتيًا أو مرئيًا أو اسحبه إلى المربع.', 'No recording was attached: pick or drop an audio or video file.'],
  tooLarge: ['الملف أكبر من الحد الذي يقبله الخادم. اقتطع التسجيل أو صدّره بجودة أقل ثم أعد المحاولة.', 'The file is larger than the server accepts: trim it or export it at a lower quality.'],
  tooLong: ['التسجيل أطول من المدة المسموح بها. قسّمه إلى أجزاء أقصر.', 'The recording is longer than allowed: split it into shorter parts.'],
  notAudio: ['هذا الملف ليس تسجيلًا صوتيًا يمكن قراءته (ربما صورة أو مستند أو صيغة غير مدعومة).', 'This file is not a recording the server can read (an image, a document or an unsupported format).'],
  corrupt: ['تعذّرت قراءة التسجيل: يبدو الملف تالفًا أو ناقصًا. أعد تصديره أو نزّله من جديد.', 'The recording could not be read: the file looks damaged or incomplete.'],
  busy: ['الخادم مشغول بتسجيلات أخرى الآن. أعد المحاولة بعد قليل.', 'The server is busy with other recordings: try again in a moment.'],
  empty: ['الملف المرفوع فارغ. تأكد من أن التسجيل حُفظ كاملًا ثم أعد رفعه.', 'The uploaded file is empty: check that the recording was saved completely.'],
  noRecording: ['لا يوجد تسجيل محفوظ لهذا المقال أو لهذه المهمة.', 'There is no stored recording for this article or job.'],
  model: ['هذا الخادم يعمل بنموذج تفريغ واحد. اترك خانة «النموذج» فارغة أو اكتب اسم نموذج الخادم.', 'This server transcribes with one model: leave "model" empty or use the server\'s model name.'],
  notDone: ['لم ينته تفريغ هذا التسجيل بعد. انتظر حتى تكتمل المهمة.', 'This recording has not finished transcribing yet: wait for the job to complete.'],
  notFound: ['لم يُعثر على هذا العنصر؛ ربما حُذف.', 'This item was not found; it may have been deleted.'],
  conflict: ['لا يمكن تنفيذ ذلك في حالته الحالية.', 'That cannot be done in its current state.'],
  bad: ['الطلب غير مكتمل: راجع الحقول المطلوبة.', 'The request is incomplete: check the required fields.'],
  network: ['تعذّر الاتصال بالخادم. تحقّق من الشبكة ثم أعد المحاولة.', 'The server could not be reached: check the network and try again.'],
  aborted: ['أُلغي الرفع.', 'The upload was canceled.'],
  timeout: ['استغرق تفريغ هذا التسجيل أطول من المدة التي يسمح بها الخادم لمهمة واحدة. قسّمه إلى أجزاء أقصر.', 'Transcribing this recording took longer than the server allows for one job: split it into shorter parts.'],
  badQuery: ['اكتب كلمة واحدة على الأقل للبحث؛ ضع العبارة بين علامتي تنصيص «…».', 'Type at least one word to search; put a phrase in quotes.'],
  badEdit: ['تعذّر حفظ هذا التصحيح كما هو. راجع النص المصحَّح ثم أعد المحاولة.', 'This correction could not be saved as it is: check the corrected text and try again.'],
  badTranscript: ['ملف التفريغ غير صالح: يجب أن يكون SRT أو WebVTT أو JSON. رسالة الخادم تذكر السطر الخاطئ.', 'The transcript file is not valid SRT, WebVTT or JSON; the server message names the wrong line.'],
  noSpeech: ['لم يُقل أي كلام في هذا المقطع من التسجيل، فلا شيء يُقطع. اختر كلمات أخرى من «ما قيل».', 'No words were said in that span of the recording, so there is nothing to cut: pick other words.'],
  clipFailed: ['تعذّر إعداد المقطع من هذا التسجيل. رسالة الخادم تذكر السبب.', 'The clip could not be made from this recording; the server message says why.'],
  server: ['حدث خطأ في الخادم. أعد المحاولة، وإن تكرر فأبلغ الدعم التقني.', 'The server had a problem: try again, and tell technical support if it persists.'],
};

/**
 * explain turns an ApiError into { ar, en, detail }: what happened in words a
 * journalist understands, in Arabic and English, and the server's own
 * message (shown as written).
 */
export function explain(err) {
  const kind = BY_CODE[err?.code] || BY_STATUS[err?.status] || (err?.status >= 500 ? 'server' : 'bad');
  const [ar, en] = WORDS[kind];
  return { kind, ar, en, detail: err?.serverMessage || '' };
}

/** showError fills el (a role="alert" box) with explain(err). */
export function showError(el, err) {
  const e = explain(err);
  el.replaceChildren();
  const p = document.createElement('p');
  p.className = 'err-ar';
  p.textContent = e.ar;
  const en = document.createElement('p');
  en.className = 'err-en';
  en.lang = 'en';
  en.dir = 'ltr';
  en.textContent = e.en;
  el.append(p, en);
  if (e.detail) {
    const d = document.createElement('p');
    d.className = 'err-detail';
    const msg = document.createElement('code');
    msg.lang = 'en';
    msg.dir = 'ltr';
    msg.textContent = err.code ? `${err.code}: ${e.detail}` : e.detail;
    d.append('رسالة الخادم: ', msg);
    el.append(d);
  }
  el.hidden = false;
}

export function clearError(el) {
  el.replaceChildren();
  el.hidden = true;
}

/** stamp formats a time as "2026-11-29 10:04" in the browser's time zone. */
export function stamp(v) {
  const d = new Date(v);
  if (!v || Number.isNaN(d.getTime())) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** el builds an element: el('span', {class: 'x', dataset: {...}}, ...children). */
export function el(tag, attrs = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') n.className = v;
    else if (k === 'dataset') Object.assign(n.dataset, v);
    else if (k === 'text') n.textContent = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) n.append(c);
  return n;
}

/** Announcer speaks to screen readers at the steps that matter only. */
export class Announcer {
  constructor(node) { this.node = node; this.last = ''; }
  say(text) {
    if (text === this.last) return;
    this.last = text;
    this.node.textContent = text;
  }
}

// A run of Latin words (with the digits and punctuation inside it): FIFA,
// AFP, "World Cup 2030", e-mail and web addresses.
const LATIN_RUN = /[A-Za-z][A-Za-z0-9._'’&@/:+-]*(?:[ \u00A0]+[A-Za-z0-9][A-Za-z0-9._'’&@/:+-]*)*/g;

/**
 * isolated returns text as nodes for an Arabic (right-to-left) element, each
 * Latin run in a <bdi dir="ltr">, so that a title or quote starting with
 * "FIFA" or "AFP –" keeps its order inside the Arabic line.
 */
export function isolated(text) {
  const out = [];
  let pos = 0;
  for (const m of String(text ?? '').matchAll(LATIN_RUN)) {
    if (m.index > pos) out.push(text.slice(pos, m.index));
    const b = document.createElement('bdi');
    b.dir = 'ltr';
    b.textContent = m[0];
    out.push(b);
    pos = m.index + m[0].length;
  }
  if (pos < String(text ?? '').length) out.push(text.slice(pos));
  return out;
}

const MODEL_SIZE = { tiny: 'صغير جدًا', base: 'أساسي', small: 'صغير', medium: 'متوسط', large: 'كبير' };

/**
 * modelWords names a Whisper model in words a newsroom reads:
 * "large-v3-turbo-q5_0" → «كبير، الإصدار 3، سريع، مضغوط». A name it does not
 * recognise is returned as written.
 */
export function modelWords(name) {
  const n = String(name || '').toLowerCase().replace(/^ggml-/, '').replace(/\.bin$/, '');
  const size = Object.keys(MODEL_SIZE).find((k) => n === k || n.startsWith(`${k}-`) || n.startsWith(`${k}.`));
  if (!size) return name || '';
  const words = [MODEL_SIZE[size]];
  const v = n.match(/-v(\d)/);
  if (v) words.push(`الإصدار ${v[1]}`);
  if (n.includes('turbo')) words.push('سريع');
  if (/\.en\b/.test(n)) words.push('للإنجليزية فقط');
  if (/-q\d/.test(n)) words.push('مضغوط');
  return words.join('، ');
}

/**
 * copyText puts text on the clipboard and resolves whether it could: the
 * Clipboard API, else (an http page, an old browser) a selected text field.
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = el('textarea', { class: 'sr-only', readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/**
 * countWord says n of a noun with Arabic number agreement; forms are the
 * noun after 1, 2, 3 to 10 and 11 or more: countWord(7, RESULT) is
 * «7 نتائج», countWord(2, RESULT) «نتيجتان», countWord(11, RESULT)
 * «11 نتيجة». Hundreds follow their last two digits (103 نتائج).
 */
export function countWord(n, [one, two, few, many]) {
  if (n === 1) return one;
  if (n === 2) return two;
  const r = n % 100;
  return r >= 3 && r <= 10 ? `${n} ${few}` : `${n} ${many}`;
}

/** RESULT and QUOTE are the forms of «نتيجة» and «اقتباس» for countWord. */
export const RESULT = ['نتيجة واحدة', 'نتيجتان', 'نتائج', 'نتيجة'];
export const QUOTE = ['اقتباس واحد', 'اقتباسان', 'اقتباسات', 'اقتباسًا'];

let toastTimer = 0, toastFrame = 0;

/**
 * toast shows text beside anchor (the control the person used), below it
 * or, without room, above it, inside the window on a phone too, for a few
 * seconds, and follows the control if the page moves under it; it is a
 * polite live region, so screen readers hear it as well.
 */
export function toast(anchor, text, { ms = 6000 } = {}) {
  const t = document.getElementById('toast');
  if (!t) return;
  t.textContent = text;
  t.hidden = false;
  t.dataset.anchor = anchor?.id || anchor?.className || '';
  const place = () => {
    const vw = document.documentElement.clientWidth, vh = window.innerHeight;
    const w = t.offsetWidth, h = t.offsetHeight, gap = 8;
    const r = anchor?.isConnected ? anchor.getBoundingClientRect() : null;
    let top, right;
    if (r && r.bottom > 0 && r.top < vh) {
      const bar = document.getElementById('player-bar');
      const floor = bar && !bar.closest('[hidden]') ? Math.min(vh, bar.getBoundingClientRect().top) : vh;
      top = r.bottom + gap + h <= floor ? r.bottom + gap : Math.max(gap, r.top - gap - h);
      right = vw - r.right; // aligned with the control's start (right, in Arabic)
    } else {
      top = vh - h - 96;
      right = (vw - w) / 2;
    }
    right = Math.min(Math.max(gap, right), Math.max(gap, vw - w - gap));
    t.style.top = `${Math.round(top)}px`;
    t.style.right = `${Math.round(right)}px`;
  };
  place();
  cancelAnimationFrame(toastFrame);
  const follow = () => { if (t.hidden) return; place(); toastFrame = requestAnimationFrame(follow); };
  toastFrame = requestAnimationFrame(follow);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; cancelAnimationFrame(toastFrame); }, ms);
}

/**
 * confirmDialog asks a yes-or-no question in the page's confirmation
 * dialog and resolves true when the person said yes.
 */
export function confirmDialog({ title, text, yes }) {
  const d = document.getElementById('confirm-dialog');
  document.getElementById('confirm-h').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-yes').textContent = yes;
  d.returnValue = '';
  d.showModal();
  document.getElementById('confirm-no').focus();
  return new Promise((resolve) => d.addEventListener('close', () => resolve(d.returnValue === 'yes'), { once: true }));
}
