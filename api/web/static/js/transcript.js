// transcript.js — what was said, beside the article: the transcript's
// segments as readable paragraphs with their times and speakers, the word
// being said highlighted while the recording plays, a click on any word to
// hear it.
import { Follower, seek } from './player.js';
import { clock, el, isolated } from './util.js';

// A new paragraph starts where the speaker changes, after a pause this long
// (seconds), or once a paragraph has this many words.
const PARAGRAPH_PAUSE = 1.5;
const PARAGRAPH_WORDS = 80;

/**
 * paragraphs groups the segments of transcript tr into paragraphs:
 * [{start, end, speaker, segments: [index…]}]. Segments keep their indexes
 * in tr.segments, which edits address.
 */
export function paragraphs(tr) {
  const out = [];
  let cur = null, words = 0;
  (tr.segments || []).forEach((s, i) => {
    const n = (s.words || []).length || String(s.text || '').split(/\s+/).filter(Boolean).length;
    const speaker = s.speaker || '';
    if (!cur || speaker !== cur.speaker || s.start - cur.end > PARAGRAPH_PAUSE || words + n > PARAGRAPH_WORDS) {
      cur = { start: s.start, end: s.end, speaker, segments: [] };
      out.push(cur);
      words = 0;
    }
    cur.segments.push(i);
    cur.end = s.end;
    words += n;
  });
  return out;
}

/** segmentWords returns the words of segment s: its timed words, or its text split. */
export function segmentWords(s) {
  if ((s.words || []).length) return s.words.map((w) => ({ text: String(w.word).trim(), start: w.start, end: w.end, probability: w.probability }));
  return String(s.text || '').split(/\s+/).filter(Boolean).map((text) => ({ text, start: s.start, end: s.end }));
}

/**
 * selectedSpan is the time of the words of box (.tw) the page's selection
 * touches, { start, end } in seconds, or null when none is selected.
 */
export function selectedSpan(box) {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed) return null;
  const words = [...box.querySelectorAll('.tw')].filter((w) => sel.containsNode(w, true));
  if (!words.length) return null;
  return { start: Number(words[0].dataset.start), end: Number(words[words.length - 1].dataset.end) };
}

/**
 * TranscriptView draws transcript tr into box and follows audio. Every word
 * is a <span class="tw"> with data-seg and data-i (its segment and index
 * there) and its times, so that editing can address it.
 */
export class TranscriptView {
  constructor({ box, audio, tr, editor = null, share = null }) {
    this.box = box;
    this.share = share; // share(button, {t}) copies a link to that moment
    this.audio = audio;
    this.editor = editor;
    // A click on a word plays from it; a selection being made is not a click.
    this.onclick = (e) => {
      const w = e.target.closest?.('.tw');
      if (!w || !box.contains(w) || String(window.getSelection?.() || '').trim()) return;
      seek(audio, parseFloat(w.dataset.start));
    };
    box.addEventListener('click', this.onclick);
    // A double click corrects the word, or the words selected in one segment.
    this.ondblclick = (e) => {
      const w = e.target.closest?.('.tw');
      if (!w || !this.editor) return;
      e.preventDefault();
      const sel = window.getSelection();
      const picked = [...box.querySelectorAll(`.tw[data-seg="${w.dataset.seg}"]`)].filter((x) => sel && !sel.isCollapsed && sel.containsNode(x, true));
      sel?.removeAllRanges();
      this.editor.editWords(picked[0] || w, picked[picked.length - 1] || w);
    };
    box.addEventListener('dblclick', this.ondblclick);
    this.draw(tr);
  }

  draw(tr) {
    this.follower?.destroy();
    this.tr = tr;
    const frag = document.createDocumentFragment();
    const items = [], words = [];
    this.paras = paragraphs(tr);
    for (const p of this.paras) {
      const at = el('button', {
        type: 'button', class: 'stamp para-time', 'aria-label': `استمع من ${clock(p.start)}`, dataset: { media: '' },
        onclick: () => seek(this.audio, p.start),
      }, el('span', { 'aria-hidden': 'true' }, '▶ '), el('time', { dir: 'ltr' }, clock(p.start)));
      const head = el('div', { class: 'para-head' }, at, p.speaker ? el('span', { class: 'speaker' }, ...isolated(p.speaker)) : null);
      const text = el('p', { class: 'para-text', dir: 'rtl' });
      // The paragraph's other actions sit behind one menu, so the words
      // keep the room.
      const menu = el('details', { class: 'para-menu' });
      const close = () => { menu.open = false; };
      const items = [];
      if (this.share) {
        items.push(el('button', {
          type: 'button', class: 'btn copy-moment',
          onclick: (e) => { this.share(e.currentTarget.closest('.para-menu').querySelector('summary'), { t: p.start }, e.currentTarget); close(); },
        }, 'نسخ رابط هذه اللحظة'));
      }
      if (this.editor) {
        items.push(
          el('button', { type: 'button', class: 'btn', onclick: () => { close(); this.editor.editParagraph(p, text); } }, 'تصحيح الفقرة'),
          el('button', { type: 'button', class: 'btn para-speaker', onclick: () => { close(); this.editor.nameParagraph(p, at); } }, 'تسمية المتحدث'));
      }
      if (items.length) {
        menu.append(el('summary', { class: 'btn' }, el('span', { 'aria-hidden': 'true' }, '⋯ '), 'خيارات',
          el('span', { class: 'sr-only' }, ` الفقرة من ${clock(p.start)}`)), el('div', { class: 'menu' }, ...items));
        menu.addEventListener('keydown', (e) => { if (e.key === 'Escape' && menu.open) { e.preventDefault(); close(); menu.querySelector('summary').focus(); } });
        head.append(menu);
      }
      for (const si of p.segments) {
        segmentWords(tr.segments[si]).forEach((w, wi) => {
          const span = el('span', {
            class: `tw${w.probability != null && w.probability < 0.5 ? ' unsure' : ''}`,
            dataset: { seg: si, i: wi, start: w.start, end: w.end },
          }, w.text);
          text.append(span, ' ');
          words.push({ el: span, start: w.start, end: w.end });
        });
      }
      const body = el('div', { class: 'para-body' }, text);
      const para = el('div', { class: 'para', dataset: { start: p.start, end: p.end } }, head, body);
      frag.append(para);
      items.push({ el: para, start: p.start, end: p.end });
    }
    if (!items.length) frag.append(el('p', { class: 'muted' }, 'لم يُتعرّف على كلام في هذا التسجيل.'));
    this.box.replaceChildren(frag);
    this.follower = new Follower(this.audio, items, words);
    if (this.en) this.setEnglish(this.en);
  }

  /** paragraphAt is the paragraph (see paragraphs) that starts at t seconds, or undefined. */
  paragraphAt(t) { return (this.paras || []).find((p) => p.start === t); }

  /**
   * setEnglish shows en, the English machine translation (Whisper's
   * translate task), as a second column: each English segment beside the
   * paragraph its middle falls in, labelled machine translation.
   */
  setEnglish(en) {
    this.en = en;
    const paras = [...this.box.querySelectorAll('.para')];
    for (const p of paras) p.querySelector('.para-en')?.remove();
    this.box.querySelector('.en-label')?.remove();
    if (!en || !paras.length) return;
    const texts = paras.map(() => []);
    for (const s of en.segments || []) {
      const mid = (s.start + s.end) / 2;
      let k = paras.findIndex((p, i) => mid < (i + 1 < paras.length ? parseFloat(paras[i + 1].dataset.start) : Infinity));
      if (k < 0) k = paras.length - 1;
      texts[k].push(String(s.text || '').trim());
    }
    paras.forEach((p, i) => {
      p.querySelector('.para-body').append(el('p', { class: 'para-en', dir: 'ltr', lang: 'en' }, texts[i].join(' ')));
    });
    this.box.prepend(el('p', { class: 'en-label muted', dir: 'auto' },
      'English: ', el('strong', { lang: 'en', dir: 'ltr' }, 'machine translation'), ' — ', el('strong', {}, 'ترجمة آلية'), ' (Whisper)'));
    this.box.classList.add('bilingual');
  }

  destroy() {
    this.follower?.destroy();
    this.box.removeEventListener('click', this.onclick);
    this.box.removeEventListener('dblclick', this.ondblclick);
    this.box.replaceChildren();
  }
}
