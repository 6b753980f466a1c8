// article.js — draws an aligned article (align.Result JSON) against its
// recording: the text with every spoken sentence clickable, the quotes with
// their times and status, and the speech the article left out.
import { seek, Follower, activate, pinned } from './player.js';
import { clock, el } from './util.js';
import { QuoteList, verdictOf } from './quotes.js';
import { verdict } from './words.js';
import { segmentWords } from './transcript.js';

const timed = (x) => x && x.start != null && x.end != null && x.status !== 'not_in_audio' && x.status !== 'missing';

/**
 * reconstructBody rebuilds the article text from the alignment's own spans
 * when the article body itself is not at hand (a job given article text
 * inline): every sentence's text at its char_start, in code points.
 */
export function reconstructBody(al) {
  const spans = [...(al.sentences || []), ...(al.quotes || []), ...(al.words || [])];
  const n = spans.reduce((m, s) => Math.max(m, s.char_end || 0), 0);
  const chars = new Array(n).fill(' ');
  for (const s of spans) {
    const t = Array.from(s.text || '');
    for (let i = 0; i < t.length && s.char_start + i < n; i++) chars[s.char_start + i] = t[i];
  }
  return chars.join('');
}

/**
 * fromTranscript turns a plain transcript (no article) into the alignment
 * shape, so a recording uploaded without an article can still be read and
 * played sentence by sentence. Returns { body, alignment }.
 */
export function fromTranscript(tr) {
  const parts = [], sentences = [], words = [];
  let pos = 0;
  for (const seg of tr.segments || []) {
    const text = (seg.text || '').trim();
    if (!text) continue;
    const start = pos;
    const segChars = Array.from(text);
    // Words are located in the segment text by search; each starts after the last.
    let from = 0;
    for (const w of seg.words || []) {
      const wt = Array.from((w.word || '').trim());
      if (!wt.length) continue;
      const idx = indexOfChars(segChars, wt, from);
      if (idx < 0) continue;
      words.push({ text: wt.join(''), char_start: start + idx, char_end: start + idx + wt.length, start: w.start, end: w.end, status: 'matched' });
      from = idx + wt.length;
    }
    pos += segChars.length;
    sentences.push({ text, char_start: start, char_end: pos, start: seg.start, end: seg.end, status: 'spoken', coverage: 1 });
    parts.push(text);
    pos += 1; // the newline joining segments
  }
  return { body: parts.join('\n'), alignment: { words, sentences, quotes: [], unmatched: [] } };
}

function indexOfChars(hay, needle, from) {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * renderArticle draws al into the given containers and returns a handle with
 * destroy(). body is the article text that al's char offsets refer to; tr
 * is the transcript (its segments are the sentences a difference is played
 * in, its words the ones shown around it).
 */
export function renderArticle({ body, alignment: al, tr = null, textEl, quotesEl, summaryEl, unmatchedEl, audio, follow, announce, share = null, onClip = null }) {
  const chars = Array.from(body || reconstructBody(al));
  const sentences = [...(al.sentences || [])].sort((a, b) => a.char_start - b.char_start);
  const words = [...(al.words || [])].sort((a, b) => a.char_start - b.char_start);
  const quotes = [...(al.quotes || [])].sort((a, b) => a.char_start - b.char_start);
  const quoteAt = (pos) => quotes.find((q) => q.char_start <= pos && pos < q.char_end);
  // A quote's band in the text is drawn in its verdict's colours.
  const band = (q) => `in-quote ${verdict(verdictOf(q)).class}`;
  // Where a quote starts, its number and mark (for the eye) and its verdict
  // in words (for screen readers, inside the sentence's name).
  const opening = (q) => {
    const n = quotes.indexOf(q) + 1, w = verdict(verdictOf(q));
    return [el('span', { class: `qchip ${w.class}`, 'aria-hidden': 'true' }, `${w.mark}${n}`),
      el('span', { class: 'sr-only' }, `(الاقتباس ${n}: ${w.ar}) `)];
  };
  const opened = new Set();

  const sentItems = [], wordItems = [];
  const frag = document.createDocumentFragment();
  const text = (a, b) => { if (b > a) frag.append(chars.slice(a, b).join('')); };
  let pos = 0, wi = 0;
  for (const s of sentences) {
    if (s.char_start < pos) continue; // overlapping spans: keep the first
    text(pos, s.char_start);
    const sEl = el('span', { class: `sent s-${s.status || 'unknown'}` });
    let p = s.char_start;
    while (wi < words.length && words[wi].char_start < s.char_start) wi++;
    let prevQ = null;
    for (; wi < words.length && words[wi].char_end <= s.char_end; wi++) {
      const w = words[wi];
      const q = quoteAt(w.char_start);
      if (w.char_start > p) {
        // The space between two words of one quote belongs to the quote, so
        // that the quote reads as one band.
        const gap = chars.slice(p, w.char_start).join('');
        sEl.append(q && q === prevQ
          ? el('span', { class: band(q) }, gap)
          : gap);
      }
      prevQ = q;
      if (q && !opened.has(q)) { opened.add(q); sEl.append(...opening(q)); }
      const wEl = el('span', {
        class: ['w', `w-${w.status || 'unknown'}`, q && band(q)].filter(Boolean).join(' '),
      }, chars.slice(w.char_start, w.char_end).join(''));
      sEl.append(wEl);
      if (timed(w)) wordItems.push({ el: wEl, start: w.start, end: w.end });
      p = w.char_end;
    }
    if (s.char_end > p) sEl.append(chars.slice(p, s.char_end).join(''));
    if (timed(s)) {
      sEl.setAttribute('role', 'button');
      sEl.tabIndex = 0;
      sEl.title = `استمع من ${clock(s.start)}`;
      sEl.dataset.start = s.start;
      sEl.dataset.media = '';
      activate(sEl, () => seek(audio, s.start));
      sentItems.push({ el: sEl, start: s.start, end: s.end });
    } else if (s.status === 'not_in_audio') {
      sEl.append(el('span', { class: 'sr-only' }, ' (لم تُقَل في التسجيل)'));
    }
    frag.append(sEl);
    pos = s.char_end;
  }
  text(pos, chars.length);
  textEl.replaceChildren(frag);

  // The quotes, each with its verdict and the evidence.
  // onClip gets the quote's index in the alignment's quotes (the API's clip
  // request names it by number, index + 1), not its place in the sorted list.
  const segs = (tr?.segments || []).filter((x) => x.end > x.start);
  const trWords = segs.flatMap((x) => segmentWords(x)).filter((w) => w.end > w.start);
  const ql = new QuoteList({ chars, quotes, audio, summaryEl, listEl: quotesEl, announce, share,
    spans: segs.map((x) => ({ start: x.start, end: x.end })), words: trWords,
    onClip: onClip && ((q) => onClip(al.quotes.indexOf(q), q)) });
  const quoteItems = ql.items;

  // Speech the article left out, each playable on its own.
  unmatchedEl.replaceChildren();
  for (const u of al.unmatched || []) {
    unmatchedEl.append(el('li', {}, el('button', {
      type: 'button', class: 'unmatched-btn', dataset: { start: u.start, end: u.end, media: '' },
      title: 'استمع إلى كلام لم يرد في المقال',
      onclick: () => seek(audio, u.start, { stopAt: u.end }),
    }, el('time', { class: 'stamp', dir: 'ltr' }, `${clock(u.start)}–${clock(u.end)}`), ' ', el('span', {}, u.text || '…'))));
  }
  if (!(al.unmatched || []).length) unmatchedEl.append(el('li', { class: 'empty' }, 'لم يُرصد كلام خارج نص المقال.'));

  // Following the text scrolls to the sentence being said, except while a
  // passage started from a quote card plays: that card stays in view.
  const scrollTo = (item) => {
    if (!item || !follow?.checked || audio.paused || pinned(audio)) return;
    const r = item.el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) item.el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const followers = [
    new Follower(audio, sentItems, wordItems, { onChange: scrollTo }),
    new Follower(audio, quoteItems),
  ];
  return {
    counts: { sentences: sentItems.length, words: wordItems.length, quotes: quoteItems.length },
    destroy() { for (const f of followers) f.destroy(); ql.destroy(); },
  };
}
