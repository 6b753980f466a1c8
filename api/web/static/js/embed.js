// embed.js — the CMS embed: each listed quote seeks the player to where it
// was said, the quote being heard is highlighted, the frame tells its
// parent page how tall it is (the embed code's listener sizes the iframe),
// a shared link's moment (?t=, ?quote=) starts the recording there, and
// when the frame is too short for the list a note says more follows.
import { seek, Follower } from './player.js';

/** HEIGHT_MESSAGE is the type of the message the embed posts to its parent. */
const HEIGHT_MESSAGE = 'newsscribe:embed-height';

function main() {
  const audio = document.getElementById('player');
  const card = document.querySelector('.embed-card');
  if (audio) {
    const items = [];
    for (const b of document.querySelectorAll('button.seek')) {
      const start = parseFloat(b.dataset.start), end = parseFloat(b.dataset.end);
      if (!Number.isFinite(start)) continue;
      b.addEventListener('click', () => seek(audio, start));
      items.push({ el: b, start, end: Number.isFinite(end) ? end : start });
    }
    new Follower(audio, items);
    // A shared moment (?t= or ?quote=, checked by the server, which prints
    // only the number): start there, with its quote in view.
    const at = parseFloat(card.dataset.startAt);
    if (Number.isFinite(at) && at >= 0) {
      seek(audio, at);
      const it = items.filter((i) => i.start <= at + 0.05).pop();
      it?.el.scrollIntoView({ block: 'nearest' });
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
