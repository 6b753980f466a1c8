// player.js — seeking an <audio> element to a passage and following playback
// with highlights. Shared by the newsroom page, the embed and share pages.

/**
 * seek moves audio to start (seconds) and plays; when stopAt is given,
 * playback pauses there (a difference's sentence, a quote, unreported
 * speech). pin is the element (a quote card) the passage was started from:
 * until playback leaves [start, stopAt], "follow the text" leaves the page
 * where it is, so that card stays in view. Seeking works before the
 * media's metadata has loaded: the position is applied as soon as it can be.
 */
export function seek(audio, start, { play = true, stopAt = null, pin = null } = {}) {
  const apply = () => {
    audio.currentTime = start;
    audio.dataset.stopAt = stopAt == null ? '' : String(stopAt);
    audio.pin = pin ? { el: pin, start, end: stopAt ?? Infinity } : null;
    if (play) {
      const p = audio.play();
      if (p && p.catch) p.catch(() => { /* autoplay refused: the position is set, the reader presses play */ });
    }
  };
  if (audio.readyState >= 1) apply();
  else {
    audio.addEventListener('loadedmetadata', apply, { once: true });
    if (audio.preload === 'none') audio.preload = 'metadata';
    audio.load();
  }
}

/** pinned reports whether audio is playing a passage started from a card (see seek). */
export function pinned(audio) {
  const p = audio.pin, t = audio.currentTime;
  return !!p && t >= p.start - 0.5 && t <= p.end + 0.5;
}

/** CONTEXT_MAX is the most context a difference is played with, each side, in seconds. */
export const CONTEXT_MAX = 6;

/** CONTEXT_MIN is the context, each side, when no sentence holds the word. */
export const CONTEXT_MIN = 2;

/**
 * evidenceRange is what ▶ beside a difference plays: the sentence said
 * around the word ({start, end} in seconds), so the word is heard in
 * context. spans are the recording's sentences ({start, end}: the
 * transcript's segments, or the article's timed sentences); the one that
 * holds the word's middle is played, trimmed to CONTEXT_MAX seconds either
 * side of the word; without one, CONTEXT_MIN seconds either side. The range
 * stays within [0, duration].
 */
export function evidenceRange(word, spans = [], duration = Infinity) {
  const mid = (word.start + word.end) / 2;
  const holds = spans.filter((s) => s.start <= mid && mid <= s.end)
    .sort((a, b) => (a.end - a.start) - (b.end - b.start));
  let start, end;
  if (holds.length) {
    start = Math.max(holds[0].start, word.start - CONTEXT_MAX);
    end = Math.min(holds[0].end, word.end + CONTEXT_MAX);
  } else {
    start = word.start - CONTEXT_MIN;
    end = word.end + CONTEXT_MIN;
  }
  const d = Number.isFinite(duration) && duration > 0 ? duration : Infinity;
  return { start: Math.max(0, Math.min(start, word.start)), end: Math.min(d, Math.max(end, word.end)) };
}

// Index of the last item whose start <= t, or -1.
function lastStartingBefore(items, t) {
  let lo = 0, hi = items.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= t) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

/**
 * Follower highlights, while audio plays, the item (sentence or quote) and
 * the word being said. Items and words are {el, start, end} in seconds; the
 * classes "current" and "current-word" mark them. It listens to timeupdate
 * (seeks, paused state) and runs a requestAnimationFrame loop while playing,
 * because timeupdate fires only about four times a second — too coarse for
 * words.
 */
export class Follower {
  constructor(audio, items, words = [], { onChange = null } = {}) {
    this.audio = audio;
    this.items = [...items].sort((a, b) => a.start - b.start);
    this.words = [...words].sort((a, b) => a.start - b.start);
    this.onChange = onChange;
    this.cur = null;
    this.curWord = null;
    this.raf = 0;
    this.tick = () => {
      this.update();
      if (!this.audio.paused && !this.audio.ended) this.raf = requestAnimationFrame(this.tick);
    };
    this.listeners = {
      play: () => { cancelAnimationFrame(this.raf); this.raf = requestAnimationFrame(this.tick); },
      pause: () => { cancelAnimationFrame(this.raf); this.update(); },
      timeupdate: () => this.update(),
      seeked: () => this.update(),
      ended: () => { cancelAnimationFrame(this.raf); this.set(null, null); },
    };
    for (const [ev, f] of Object.entries(this.listeners)) audio.addEventListener(ev, f);
  }

  update() {
    const t = this.audio.currentTime;
    const stopAt = parseFloat(this.audio.dataset.stopAt || '');
    if (Number.isFinite(stopAt) && t >= stopAt && !this.audio.paused) {
      this.audio.pause();
      this.audio.dataset.stopAt = '';
    }
    const i = lastStartingBefore(this.items, t);
    const item = i >= 0 && t < this.items[i].end ? this.items[i] : null;
    const j = lastStartingBefore(this.words, t);
    const word = j >= 0 && t < this.words[j].end ? this.words[j] : null;
    this.set(item, word);
  }

  set(item, word) {
    if (item !== this.cur) {
      this.cur?.el.classList.remove('current');
      this.cur?.el.removeAttribute('aria-current');
      item?.el.classList.add('current');
      item?.el.setAttribute('aria-current', 'true');
      this.cur = item;
      this.onChange?.(item);
    }
    if (word !== this.curWord) {
      this.curWord?.el.classList.remove('current-word');
      word?.el.classList.add('current-word');
      this.curWord = word;
    }
  }

  destroy() {
    cancelAnimationFrame(this.raf);
    for (const [ev, f] of Object.entries(this.listeners)) this.audio.removeEventListener(ev, f);
    this.set(null, null);
  }
}

/**
 * activate makes a non-button element behave as one for the keyboard: Enter
 * (and Space, unless the element plays the recording — data-media — where
 * Space is play/pause, keys.js) runs f.
 */
export function activate(node, f) {
  node.addEventListener('click', f);
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || (e.key === ' ' && !('media' in node.dataset))) { e.preventDefault(); f(e); }
  });
}
