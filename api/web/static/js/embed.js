// embed.js — the CMS embed and the share page: each listed quote seeks the
// player to where it was said, the quote being heard is highlighted, the
// frame tells its parent page how tall it is (the embed code's listener
// sizes the iframe), a shared link's moment (?t=, ?quote=) starts the
// recording there, and when the frame is too short for the list a note
// says more follows. On the share page, ▶ beside a difference plays the
// sentence it was said in, the said word marked while it is heard.
import { seek, Follower, evidenceRange } from './player.js';
import { clock } from './util.js';

/** HEIGHT_MESSAGE is the type of the message the embed posts to its parent. */
const HEIGHT_MESSAGE = 'newsscribe:embed-height';

function main() {
  const audio = document.getElementById('player');
  const card = document.querySelector('.embed-card');
  if (audio) {
    let spans = [];
    try { spans = JSON.parse(card.dataset.spans || '[]').map(([start, end]) => ({ start, end })); } catch { /* no sentences: ±2 s */ }
    const items = [], words = [];
    for (const b of document.querySelectorAll('button.seek, button.part')) {
      const start = parseFloat(b.dataset.start), end = parseFloat(b.dataset.end);
      if (!Number.isFinite(start)) continue;
      // A quotation card plays its quotation (or a stretch of it) and stops.
      const inCard = b.closest('.qcard');
      b.addEventListener('click', () => seek(audio, start, inCard && Number.isFinite(end) ? { stopAt: end + 0.3, pin: inCard } : {}));
      items.push({ el: inCard || b, start, end: Number.isFinite(end) ? end : start });
    }
    for (const b of document.querySelectorAll('button.evidence')) {
      const word = { start: parseFloat(b.dataset.wordStart), end: parseFloat(b.dataset.wordEnd) };
      if (!Number.isFinite(word.start)) continue;
      const r = () => evidenceRange(word, spans, audio.duration);
      const time = b.querySelector('time');
      const label = () => { const x = r(); if (time) time.textContent = `${clock(x.start)}–${clock(x.end)}`; };
      label();
      audio.addEventListener('loadedmetadata', label);
      b.dataset.start = r().start;
      b.addEventListener('click', () => { const x = r(); b.dataset.start = x.start; b.dataset.end = x.end; seek(audio, x.start, { stopAt: x.end, pin: b.closest('.qcard') }); });
      const said = b.closest('.diff')?.querySelector('.said-word');
      if (said) words.push({ el: said, start: word.start, end: word.end });
    }
    new Follower(audio, items, words);
    // A shared moment (?t= or ?quote=, checked by the server, which prints
    // only the number): start there, with its quote in view.
    const at = parseFloat(card.dataset.startAt);
    if (Number.isFinite(at) && at >= 0) {
      const shared = document.querySelector('.shared, .focus-card');
      seek(audio, at, shared?.classList.contains('focus-card') ? { pin: shared } : {});
      (shared || items.filter((i) => i.start <= at + 0.05).pop()?.el)?.scrollIntoView({ block: 'nearest' });
    }
  }

  const more = document.getElementById('more');
  let sent = 0;
  const update = () => {
    const h = Math.ceil(card.getBoundingClientRect().height);
    if (h !== sent && window.parent !== window) {
      sent = h;
      // The height is no secret: any parent may read it.
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height: h }, '*');
    }
    if (more) {
      const root = document.documentElement;
      more.hidden = root.scrollHeight - root.scrollTop - window.innerHeight < 8;
    }
  };
  new ResizeObserver(update).observe(card);
  window.addEventListener('resize', update);
  window.addEventListener('scroll', update, { passive: true });
  update();
}

main();
