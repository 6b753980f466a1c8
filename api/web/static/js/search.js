// search.js — one search box over every transcript (as corrected) and
// article (GET /v1/search): each result names its recording or article, its
// date and speaker, shows the passage with the match marked, and links to
// the recording at that moment (#job/{id}?t=83.2), which plays from there.
import { clock, countWord, el, isolated, showError, clearError, stamp, RESULT } from './util.js';

const $ = (id) => document.getElementById(id);

const KIND = { transcript: 'في التسجيل', article: 'في المقال', title: 'في العنوان' };

/**
 * marked returns snippet as nodes with the [start, end) rune ranges of
 * highlights in <mark>.
 */
export function marked(snippet, highlights) {
  const chars = Array.from(snippet || '');
  const out = [];
  let pos = 0;
  for (const [a, b] of [...(highlights || [])].sort((x, y) => x[0] - y[0])) {
    if (a < pos || b <= a) continue;
    if (a > pos) out.push(...isolated(chars.slice(pos, a).join('')));
    const m = document.createElement('mark');
    m.append(...isolated(chars.slice(a, b).join('')));
    out.push(m);
    pos = b;
  }
  if (pos < chars.length) out.push(...isolated(chars.slice(pos).join('')));
  return out;
}

/** SearchBox drives the search form. api is the client from api.js. */
export class SearchBox {
  constructor({ api }) {
    this.api = api;
    this.next = null; // next_cursor of the last answer
    $('search-form').addEventListener('submit', (e) => { e.preventDefault(); this.search(false); });
    $('search-more').addEventListener('click', () => this.search(true));
  }

  async search(more) {
    const q = $('search-q').value.trim();
    const list = $('search-results');
    clearError($('search-error'));
    if (!q) { list.replaceChildren(); $('search-status').textContent = ''; return; }
    const p = new URLSearchParams({ q, limit: '20' });
    for (const [id, k] of [['search-speaker', 'speaker'], ['search-from', 'from'], ['search-to', 'to']]) {
      if ($(id).value.trim()) p.set(k, $(id).value.trim());
    }
    if ($('search-published').checked) p.set('published', 'true');
    if (more && this.next) p.set('cursor', this.next);
    try {
      const res = await this.api.request('GET', `/search?${p}`);
      if (!more) list.replaceChildren();
      for (const h of res.data) list.append(this.hit(h));
      this.next = res.next_cursor;
      $('search-more').hidden = !this.next;
      const n = list.children.length;
      $('search-status').textContent = n ? `${countWord(n, RESULT)}${this.next ? ' (وهناك المزيد)' : ''}` : 'لا نتائج.';
    } catch (err) {
      showError($('search-error'), err);
    }
  }

  hit(h) {
    const title = el('span', { class: 'hit-title', dir: 'rtl' }, ...isolated(h.title || h.transcription_id || h.article_id));
    const head = h.link
      ? el('a', { href: h.link, class: 'hit-link', 'aria-label': `${h.title || ''} — ${h.time != null ? `استمع من ${clock(h.time)}` : 'افتح'}` }, title,
        h.time != null ? el('span', { class: 'stamp' }, ' ▶ ', el('time', { dir: 'ltr' }, clock(h.time))) : null)
      : title;
    return el('li', { class: 'hit' },
      el('div', { class: 'hit-head' }, head),
      el('p', { class: 'hit-meta muted' }, KIND[h.kind] || h.kind, ' · ', el('span', { dir: 'ltr' }, stamp(h.date)),
        h.speaker ? [' · ', el('span', {}, ...isolated(h.speaker))] : null),
      el('p', { class: 'hit-snippet', dir: 'rtl' }, ...marked(h.snippet, h.highlights)));
  }
}
