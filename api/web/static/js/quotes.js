// quotes.js — the quote check on the newsroom page: for every quotation of
// the article its verdict (the `check` the aligner adds to each quote), the
// evidence inline (printed words struck, spoken words inserted, each with a
// play button for that moment), the speaker, and a summary a journalist
// reads in two seconds.
import { seek } from './player.js';
import { clock, copyText, el, isolated } from './util.js';

/**
 * VERDICTS names each verdict: its badge, singular and plural for the
 * summary, and whether the verdict supports saying the quote was heard.
 */
export const VERDICTS = {
  verbatim: { badge: 'مطابق', one: 'مطابق', many: 'مطابقة', heard: true },
  minor: { badge: 'مطابق بفرق إملائي', one: 'بفرق إملائي', many: 'بفروق إملائية', heard: true },
  altered: { badge: 'محرّف', one: 'محرّف', many: 'محرّفة', heard: false },
  stitched: { badge: 'مركّب من مقاطع متفرقة', one: 'مركّب من مقاطع', many: 'مركّبة من مقاطع', heard: false },
  not_said: { badge: 'غير موجود في التسجيل', one: 'غير موجود', many: 'غير موجودة', heard: false },
  unclear: { badge: 'غير واضح — استمع', one: 'غير واضح', many: 'غير واضحة', heard: false },
};
const ORDER = ['verbatim', 'minor', 'altered', 'stitched', 'not_said', 'unclear'];

const DIFFERENCE = {
  spelling: 'فرق إملائي',
  changed: 'كلمة مختلفة',
  added: 'كلمات أضيفت ولم تُقل',
  omitted: 'كلمات قيلت وحُذفت دون علامة حذف',
};

/**
 * verdictOf returns the verdict of quote q: its check's. An alignment stored
 * before the check existed has none; its quotes are "not said" when none of
 * their words was heard and "unclear" (listen) otherwise — hearing the words
 * does not prove they were said as printed.
 */
export function verdictOf(q) {
  if (q.check?.verdict && VERDICTS[q.check.verdict]) return q.check.verdict;
  return q.status === 'not_in_audio' ? 'not_said' : 'unclear';
}

/** quoteCount says "N quotations" with the Arabic number agreement. */
export function quoteCount(n) {
  if (n === 1) return 'اقتباس واحد';
  if (n === 2) return 'اقتباسان';
  if (n >= 3 && n <= 10) return `${n} اقتباسات`;
  return `${n} اقتباسًا`;
}

/** summaryText is «5 اقتباسات: 3 مطابقة، 1 محرّف، 1 غير موجود». */
export function summaryText(quotes) {
  const by = new Map();
  for (const q of quotes) {
    const v = verdictOf(q);
    by.set(v, (by.get(v) || 0) + 1);
  }
  const parts = ORDER.filter((v) => by.has(v)).map((v) => `${by.get(v)} ${by.get(v) === 1 ? VERDICTS[v].one : VERDICTS[v].many}`);
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

const span = (a, b) => `${clock(a)}–${clock(b)}`;

/**
 * QuoteList draws the summary and the quotes of an aligned article. audio is
 * the page's <audio>; announce(text) tells screen readers what happened;
 * onClip(q), when given, makes a clip of a quote that has a time («مقطع»).
 */
export class QuoteList {
  constructor({ chars, quotes, audio, summaryEl, listEl, announce, share = null, onClip = null }) {
    this.chars = chars;
    this.share = share; // share({t, quote}) copies a link to that moment
    this.quotes = quotes;
    this.audio = audio;
    this.announce = announce;
    this.onClip = onClip;
    this.items = []; // {el, start, end} of playable quotes, for the Follower
    this.drawSummary(summaryEl);
    this.drawList(listEl);
  }

  drawSummary(box) {
    box.replaceChildren();
    if (!this.quotes.length) { box.hidden = true; return; }
    box.hidden = false;
    const links = el('ol', { class: 'summary-links' });
    this.quotes.forEach((q, i) => {
      const v = verdictOf(q);
      links.append(el('li', {}, el('button', {
        type: 'button', class: `summary-link v-${v}`,
        onclick: () => {
          const li = document.getElementById(`quote-${i}`);
          li?.scrollIntoView({ block: 'center' });
          li?.focus({ preventScroll: true });
        },
      }, 'اقتباس ', el('span', { class: 'n' }, String(i + 1)), ': ', VERDICTS[v].one)));
    });
    box.append(el('p', { class: 'summary-line', id: 'summary-line' }, summaryText(this.quotes)), links);
  }

  drawList(list) {
    list.replaceChildren();
    this.quotes.forEach((q, i) => list.append(this.item(q, i)));
    if (!this.quotes.length) list.append(el('li', { class: 'empty' }, 'لا توجد اقتباسات بين علامات التنصيص في هذا المقال.'));
  }

  item(q, i) {
    const v = verdictOf(q);
    const words = VERDICTS[v];
    const speaker = q.check?.speaker || '';
    const li = el('li', { id: `quote-${i}`, class: `quote v-${v}`, tabindex: '-1', 'aria-label': `الاقتباس ${i + 1}، ${words.badge}${speaker ? `، ${speaker}` : ''}` });
    const head = el('div', { class: 'quote-head' },
      el('span', { class: `badge b-${v}` }, words.badge),
      speaker ? el('span', { class: 'speaker' }, ...isolated(speaker)) : null);
    li.append(head);
    const timed = q.start != null && q.end != null && v !== 'not_said';
    if (timed) {
      const label = words.heard
        ? `${span(q.start, q.end)} استمع إلى الاقتباس (${words.badge})`
        : `${span(q.start, q.end)} اقتباس ${words.badge}: استمع إلى ما قيل`;
      const b = el('button', {
        type: 'button', class: 'quote-btn play', dataset: { start: q.start, end: q.end, verdict: v },
        'aria-label': label, onclick: () => seek(this.audio, q.start),
      }, el('span', { 'aria-hidden': 'true' }, '▶ '), el('time', { class: 'stamp', dir: 'ltr' }, span(q.start, q.end)));
      head.prepend(b, ' ');
      this.items.push({ el: li, start: q.start, end: q.end });
    } else {
      head.prepend(el('span', { class: 'stamp missing-mark', 'aria-hidden': 'true' }, '⊘'), ' ');
    }
    li.append(this.text(q));
    const parts = q.check?.parts || [];
    if (parts.length > 1) {
      li.append(el('ol', { class: 'parts', 'aria-label': 'المقاطع التي قيل فيها' }, ...parts.map((p, k) => el('li', {},
        el('button', {
          type: 'button', class: 'btn small', 'aria-label': `استمع إلى المقطع ${k + 1} من ${clock(p.start)} إلى ${clock(p.end)}`,
          onclick: () => seek(this.audio, p.start, { stopAt: p.end }),
        }, `المقطع ${k + 1}: `, el('time', { dir: 'ltr' }, span(p.start, p.end)))))));
    }
    const tools = el('div', { class: 'quote-tools' });
    if (timed && (q.check?.differences || []).length) {
      tools.append(el('button', {
        type: 'button', class: 'btn small copy-said',
        onclick: (e) => this.copy(e.currentTarget, spokenWording(this.chars, q)),
      }, 'انسخ ما قيل'), ' ');
    }
    if (timed && this.share) {
      tools.append(el('button', {
        type: 'button', class: 'btn small copy-moment', 'aria-label': `نسخ رابط هذه اللحظة: الاقتباس ${i + 1}`,
        onclick: (e) => this.share(e.currentTarget, { t: q.start, quote: i + 1 }),
      }, 'نسخ رابط هذه اللحظة'));
    }
    if (timed && this.onClip) {
      tools.append(' ', el('button', {
        type: 'button', class: 'btn small quote-clip', 'aria-haspopup': 'dialog',
        'aria-label': `مقطع للنشر من الاقتباس ${i + 1} (${span(q.start, q.end)})`,
        onclick: () => this.onClip(q),
      }, 'مقطع'));
    }
    if (tools.childNodes.length) li.append(tools);
    return li;
  }

  // text draws the printed quote with its differences inline: printed words
  // struck, spoken words inserted, a play button for each difference.
  text(q) {
    const p = el('p', { class: 'quote-text', dir: 'rtl' }, '“');
    for (const x of pieces(this.chars, q)) {
      if (!x.diff) { p.append(...isolated(x.text)); continue; }
      const d = x.diff;
      const box = el('span', { class: `diff d-${d.kind}` });
      if (x.article) box.append(el('del', {}, el('span', { class: 'sr-only' }, 'في المقال: '), x.article));
      if (x.spoken && d.kind !== 'added') box.append(el('ins', {}, el('span', { class: 'sr-only' }, ' قيل: '), x.spoken));
      if (d.start != null && d.end != null) {
        box.append(el('button', {
          type: 'button', class: 'diff-play', dataset: { start: d.start, end: d.end },
          title: `${DIFFERENCE[d.kind] || d.kind} — استمع من ${clock(d.start)}`,
          'aria-label': `${DIFFERENCE[d.kind] || d.kind}: استمع إلى هذه اللحظة من ${clock(d.start)} إلى ${clock(d.end)}`,
          onclick: () => seek(this.audio, Math.max(0, d.start - 0.3), { stopAt: d.end + 0.3 }),
        }, '▶'));
      }
      p.append(box);
    }
    p.append('”');
    return p;
  }

  async copy(button, text) {
    const ok = await copyText(text);
    button.dataset.copied = text;
    this.announce?.(ok ? `نُسخ ما قيل: ${text}` : 'تعذّر النسخ؛ حدّد النص وانسخه يدويًا.');
  }
}
