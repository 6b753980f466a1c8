// quotes.js — the quote check on the newsroom page: every quotation of the
// article as a card that a journalist reads in seconds — its verdict (in
// the server's words and palette, with a mark), the printed words with the
// differing ones marked, each difference as two labelled words (printed,
// said) with ▶ for the sentence it was said in and that sentence's words,
// the speaker, and the actions: listen, share the moment, clip, copy what
// was said.
import { seek, evidenceRange, Follower } from './player.js';
import { clock, copyText, countWord, el, isolated, QUOTE } from './util.js';
import { verdict, verdictOrder, verdictCount, diffLabel, speakerLine } from './words.js';

/**
 * verdictOf returns the verdict of quote q: its check's; '' (unchecked)
 * for an alignment stored before the check existed.
 */
export function verdictOf(q) {
  return q.check?.verdict || '';
}

/** quoteCount says "N quotations" with the Arabic number agreement. */
export const quoteCount = (n) => countWord(n, QUOTE);

/** summaryText is «4 اقتباسات: » then how many of each verdict present, in the server's summary words and order. */
export function summaryText(quotes) {
  const by = new Map();
  for (const q of quotes) {
    const v = verdictOf(q);
    by.set(v, (by.get(v) || 0) + 1);
  }
  const parts = [...verdictOrder(), ''].filter((v) => by.has(v)).map((v) => verdictCount(v, by.get(v)));
  return parts.length ? `${quoteCount(quotes.length)}: ${parts.join('، ')}` : quoteCount(quotes.length);
}

/**
 * pieces splits quote q of the article (chars: its code points) into plain
 * runs and differences, in article order: [{text}] and
 * [{diff, article, spoken}]. Differences outside the quote are dropped;
 * overlapping ones keep the first.
 */
export function pieces(chars, q) {
  const diffs = [...(q.check?.differences || [])]
    .filter((d) => d.char_start >= q.char_start && d.char_end <= q.char_end && d.char_start <= d.char_end)
    .sort((a, b) => a.char_start - b.char_start || a.char_end - b.char_end);
  const out = [];
  let pos = q.char_start;
  for (const d of diffs) {
    if (d.char_start < pos) continue;
    if (d.char_start > pos) out.push({ text: chars.slice(pos, d.char_start).join('') });
    out.push({ diff: d, article: chars.slice(d.char_start, d.char_end).join(''), spoken: d.spoken || '' });
    pos = d.char_end;
  }
  if (pos < q.char_end) out.push({ text: chars.slice(pos, q.char_end).join('') });
  return out;
}

/**
 * spokenWording is what the speaker said for quote q: the printed words
 * with every difference replaced by the spoken words (added words dropped,
 * omitted ones put back), spaces tidied.
 */
export function spokenWording(chars, q) {
  const s = pieces(chars, q).map((p) => {
    if (!p.diff) return p.text;
    if (p.diff.kind === 'added') return ' ';
    if (p.diff.kind === 'omitted') return ` ${p.spoken} `;
    return p.spoken;
  }).join('');
  return s.replace(/\s+/g, ' ').trim();
}

/** CONTEXT_WORDS is how many words of the sentence a difference shows either side. */
const CONTEXT_WORDS = 5;

/**
 * contextWords are the words said around difference d, from words (the
 * transcript's, {text, start, end}, in time order): up to CONTEXT_WORDS
 * before and after those said during d, which are marked {said: true}.
 */
export function contextWords(words, d) {
  const inside = (w) => w.end > d.start + 0.01 && w.start < d.end - 0.01;
  let first = words.findIndex(inside);
  if (first < 0) first = words.findIndex((w) => w.start >= d.start);
  if (first < 0) return [];
  let last = first;
  while (last + 1 < words.length && inside(words[last + 1])) last++;
  return words.slice(Math.max(0, first - CONTEXT_WORDS), last + 1 + CONTEXT_WORDS)
    .map((w) => ({ ...w, said: inside(w) }));
}

const span = (a, b) => `${clock(a)}–${clock(b)}`;
const time = (a, b) => el('time', { class: 'stamp', dir: 'ltr' }, b == null ? clock(a) : span(a, b));

/** badge draws verdict v as a label in its colour, with its mark. */
export function badge(v) {
  const w = verdict(v);
  return el('span', { class: `badge ${w.class}` }, el('span', { class: 'mark', 'aria-hidden': 'true' }, w.mark), ' ', w.ar);
}

/**
 * QuoteList draws the summary and the quote cards of an aligned article.
 * audio is the page's <audio>; spans ({start, end}: the transcript's
 * segments) and words (the transcript's timed words) give a difference its
 * sentence; announce(text) tells screen readers what happened; share(button,
 * {quote, t, verdict}) copies a link to a quotation; onClip(q), when given,
 * makes a clip of a quote that has a time («مقطع»).
 */
export class QuoteList {
  constructor({ chars, quotes, audio, summaryEl, listEl, announce, spans = [], words = [], share = null, onClip = null }) {
    this.chars = chars;
    this.share = share;
    this.quotes = quotes;
    this.audio = audio;
    this.announce = announce;
    this.spans = spans;
    this.words = words;
    this.onClip = onClip;
    this.items = []; // {el, start, end} of playable quotes, for the Follower
    this.followers = [];
    this.drawSummary(summaryEl);
    this.drawList(listEl);
  }

  destroy() { for (const f of this.followers) f.destroy(); }

  drawSummary(box) {
    box.replaceChildren();
    if (!this.quotes.length) { box.hidden = true; return; }
    box.hidden = false;
    // One tab stop for the row of quotations; the arrow keys move along it.
    const bar = el('div', { class: 'summary-links', role: 'toolbar', 'aria-label': 'انتقل إلى اقتباس' });
    this.quotes.forEach((q, i) => {
      const v = verdictOf(q), w = verdict(v);
      bar.append(el('button', {
        type: 'button', class: `summary-link ${w.class}`, tabindex: i === 0 ? '0' : '-1',
        onclick: () => {
          const li = document.getElementById(`quote-${i}`);
          li?.scrollIntoView({ block: 'start' });
          li?.focus({ preventScroll: true });
        },
      }, el('span', { class: 'sr-only' }, 'الاقتباس '), el('span', { class: 'n' }, String(i + 1)), ' ',
      el('span', { class: 'mark', 'aria-hidden': 'true' }, w.mark), ' ', w.ar));
    });
    bar.addEventListener('keydown', (e) => {
      const bs = [...bar.querySelectorAll('button')];
      const i = bs.indexOf(document.activeElement);
      // In a right-to-left row the next button is to the left.
      const step = { ArrowLeft: 1, ArrowRight: -1, Home: -Infinity, End: Infinity }[e.key];
      if (i < 0 || step == null) return;
      e.preventDefault();
      const j = Math.min(bs.length - 1, Math.max(0, Number.isFinite(step) ? i + step : (step > 0 ? bs.length - 1 : 0)));
      bs[i].tabIndex = -1;
      bs[j].tabIndex = 0;
      bs[j].focus();
    });
    box.append(el('p', { class: 'summary-line', id: 'summary-line' }, summaryText(this.quotes)), bar);
  }

  drawList(list) {
    list.replaceChildren();
    this.quotes.forEach((q, i) => list.append(this.item(q, i)));
    if (!this.quotes.length) list.append(el('li', { class: 'empty' }, 'لا توجد اقتباسات بين علامات التنصيص في هذا المقال.'));
  }

  item(q, i) {
    const v = verdictOf(q), w = verdict(v);
    const speaker = speakerLine(q.check);
    const li = el('li', { id: `quote-${i}`, class: `quote ${w.class}`, tabindex: '-1', 'aria-labelledby': `quote-${i}-h`, dataset: { verdict: v } });
    li.append(el('h4', { class: 'quote-head', id: `quote-${i}-h` },
      el('span', { class: 'qnum' }, `الاقتباس ${i + 1}`), ' ', badge(v),
      speaker ? el('span', { class: 'speaker' }, ...isolated(speaker)) : null));
    const src = q.check?.speaker_source;
    if (speaker && src) {
      // Where the article names the speaker, so that the attribution is
      // checked at a glance (align.Check.SpeakerSource).
      li.append(el('p', { class: 'speaker-source' }, 'كما نسبه المقال: ',
        el('q', {}, ...isolated(this.chars.slice(src.char_start, src.char_end).join('')))));
    }
    li.append(this.text(q));
    const timed = q.start != null && q.end != null && v !== 'not_said';
    const diffs = pieces(this.chars, q).filter((p) => p.diff);
    if (diffs.length) {
      li.append(el('ul', { class: 'diffs', 'aria-label': 'الفروق بين المقال والتسجيل' }, ...diffs.map((p) => this.evidence(p, li))));
    }
    if (!timed) li.append(el('p', { class: 'none' }, 'لم يُعثر على هذا الاقتباس في التسجيل: لا شيء يُسمع.'));
    const parts = q.check?.parts || [];
    if (parts.length > 1) {
      li.append(el('ol', { class: 'parts', 'aria-label': 'المقاطع التي قيل فيها' }, ...parts.map((p, k) => el('li', {},
        el('button', {
          type: 'button', class: 'btn play', dataset: { media: '', start: p.start, end: p.end },
          onclick: () => seek(this.audio, p.start, { stopAt: p.end, pin: li }),
        }, el('span', { 'aria-hidden': 'true' }, '▶ '), `المقطع ${k + 1} `, time(p.start, p.end))))));
    }
    const tools = el('div', { class: 'quote-tools' });
    if (timed) {
      tools.append(el('button', {
        type: 'button', class: 'btn play quote-btn', dataset: { media: '', start: q.start, end: q.end, verdict: v },
        onclick: () => { seek(this.audio, q.start, { stopAt: q.end + 0.3, pin: li }); li.scrollIntoView({ block: 'nearest' }); },
      }, el('span', { 'aria-hidden': 'true' }, '▶ '), 'استمع إلى الاقتباس ', time(q.start, q.end)));
    }
    if (this.share) {
      tools.append(el('button', {
        type: 'button', class: 'btn copy-moment',
        onclick: (e) => this.share(e.currentTarget, { t: timed ? q.start : 0, quote: i + 1, verdict: v }),
      }, 'نسخ الرابط', el('span', { class: 'sr-only' }, ` إلى الاقتباس ${i + 1}`)));
    }
    if (timed && diffs.length) {
      tools.append(el('button', {
        type: 'button', class: 'btn copy-said',
        onclick: (e) => this.copy(e.currentTarget, spokenWording(this.chars, q)),
      }, 'نسخ ما قيل'));
    }
    if (timed && this.onClip) {
      tools.append(el('button', {
        type: 'button', class: 'btn quote-clip', 'aria-haspopup': 'dialog',
        onclick: () => this.onClip(q),
      }, 'مقطع', el('span', { class: 'sr-only' }, ` للنشر من الاقتباس ${i + 1}`)));
    }
    li.append(tools);
    if (timed) this.items.push({ el: li, start: q.start, end: q.end });
    return li;
  }

  // text draws the printed quotation with the differing words marked.
  text(q) {
    const p = el('blockquote', { class: 'quote-text', dir: 'rtl' }, '“');
    for (const x of pieces(this.chars, q)) {
      if (!x.diff) { p.append(...isolated(x.text)); continue; }
      if (x.article) p.append(el('mark', { class: 'printed' }, ...isolated(x.article)));
      else p.append(el('span', { class: 'omitted-mark', title: 'هنا حُذف كلام قيل' }, '⁁'));
    }
    p.append('”');
    return p;
  }

  // evidence is one difference: its kind, the printed and the said words
  // (each labelled, in text, not only in colour), ▶ for the sentence it was
  // said in, and that sentence's words with the said ones marked, the word
  // being heard highlighted as it plays.
  evidence(x, card) {
    const d = x.diff;
    const li = el('li', { class: `diff d-${d.kind}` });
    const pair = (label, cls, text) => el('span', { class: 'pair' }, el('span', { class: 'lab' }, label), ' ',
      text ? ['«', el('span', { class: cls }, ...isolated(text)), '»'] : el('span', { class: cls }, '(لا شيء)'));
    li.append(el('span', { class: 'diff-kind' }, diffLabel(d.kind)), ' ',
      el('span', { class: 'pairs' },
        pair('في المقال', 'printed', d.kind === 'omitted' ? '' : x.article),
        pair('قيل', 'said', d.kind === 'added' ? '' : x.spoken)));
    if (d.start != null && d.end != null) {
      const r = evidenceRange(d, this.spans, this.audio.duration);
      li.append(el('button', {
        type: 'button', class: 'btn play evidence', dataset: { media: '', start: r.start, end: r.end, wordStart: d.start, wordEnd: d.end },
        onclick: () => {
          const rr = evidenceRange(d, this.spans, this.audio.duration);
          seek(this.audio, rr.start, { stopAt: rr.end, pin: card });
          card.scrollIntoView({ block: 'nearest' });
        },
      }, el('span', { 'aria-hidden': 'true' }, '▶ '), 'استمع إلى الجملة ', time(r.start, r.end)));
      const ctx = contextWords(this.words, d);
      if (ctx.length) {
        const line = el('p', { class: 'context', dir: 'rtl' }, el('span', { class: 'lab' }, 'في التسجيل:'), ' …');
        const follow = [];
        for (const w of ctx) {
          const s = el('span', { class: `cw${w.said ? ' said-here' : ''}` }, w.text);
          line.append(s, ' ');
          follow.push({ el: s, start: w.start, end: w.end });
        }
        line.append('…');
        li.append(line);
        this.followers.push(new Follower(this.audio, [], follow));
      }
    }
    return li;
  }

  async copy(button, text) {
    const ok = await copyText(text);
    button.dataset.copied = text;
    this.announce?.(ok ? `نُسخ ما قيل: ${text}` : 'تعذّر النسخ؛ حدّد النص وانسخه يدويًا.', button);
  }
}
