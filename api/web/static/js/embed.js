// embed.js — the CMS embed: each listed quote seeks the player to where it
// was said, and the quote being heard is highlighted.
import { seek, Follower } from './player.js';

const audio = document.getElementById('player');
if (audio) {
  const items = [];
  for (const b of document.querySelectorAll('button.seek')) {
    const start = parseFloat(b.dataset.start), end = parseFloat(b.dataset.end);
    if (!Number.isFinite(start)) continue;
    b.addEventListener('click', () => seek(audio, start));
    items.push({ el: b, start, end: Number.isFinite(end) ? end : start });
  }
  new Follower(audio, items);
}
