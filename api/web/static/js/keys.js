// keys.js — the transcriber's keys (as oTranscribe has them): play/pause,
// back and forward 5 seconds, slower and faster from 0.5× to 2×, and a help
// overlay listing them. Plain keys never fire while typing in a field or on
// a focused button; the Alt chords work everywhere, for use while typing.

/** RATES are the playback speeds offered, slowest first. */
export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** SKIP is how far back and forward the keys jump, in seconds. */
export const SKIP = 5;

/**
 * action names what key event e asks for: 'toggle', 'back', 'forward',
 * 'slower', 'faster', 'help' or '' for none. typing says whether the focus is
 * in a text field (or on a control that Space and Enter belong to).
 */
export function action(e, typing) {
  if (e.ctrlKey || e.metaKey) return '';
  if (e.altKey) {
    // e.code, not e.key: with an Arabic keyboard layout e.key is «ن» for K.
    return { KeyK: 'toggle', KeyJ: 'back', KeyL: 'forward', Comma: 'slower', Period: 'faster' }[e.code] || '';
  }
  if (typing) return '';
  if (e.key === '?' || (e.shiftKey && e.code === 'Slash')) return 'help';
  if (e.shiftKey) return '';
  return { KeyK: 'toggle', Space: 'toggle', KeyJ: 'back', KeyL: 'forward', BracketLeft: 'slower', BracketRight: 'faster' }[e.code] || '';
}

/** nextRate is the speed after r one step slower (dir -1) or faster (+1). */
export function nextRate(r, dir) {
  let i = RATES.findIndex((x) => Math.abs(x - r) < 1e-6);
  if (i < 0) i = RATES.indexOf(1);
  return RATES[Math.min(RATES.length - 1, Math.max(0, i + dir))];
}

const isTyping = (t) => !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
  ((t.tagName === 'BUTTON' || t.tagName === 'A' || t.tagName === 'SUMMARY' || t.getAttribute?.('role') === 'button')));

/**
 * TranscriberKeys binds the keys to audio while active() is true. rateEl
 * shows the speed; help is the <dialog> listing the keys; announce(text)
 * tells screen readers the new speed.
 */
export class TranscriberKeys {
  constructor({ audio, active, rateEl, help, announce }) {
    this.audio = audio;
    this.rateEl = rateEl;
    this.help = help;
    this.announce = announce;
    this.onkey = (e) => {
      if (!active() || e.defaultPrevented) return;
      if (this.help.open) return; // the dialog has its own keys (Esc closes it)
      const a = action(e, isTyping(e.target));
      if (!a) return;
      e.preventDefault();
      this.run(a);
    };
    document.addEventListener('keydown', this.onkey);
    this.showRate();
  }

  run(a) {
    const au = this.audio;
    switch (a) {
      case 'toggle': if (au.paused) au.play().catch(() => {}); else au.pause(); break;
      case 'back': au.currentTime = Math.max(0, au.currentTime - SKIP); break;
      case 'forward': au.currentTime = Math.min(au.duration || Infinity, au.currentTime + SKIP); break;
      case 'slower': case 'faster':
        au.playbackRate = nextRate(au.playbackRate, a === 'faster' ? 1 : -1);
        this.showRate();
        this.announce?.(`السرعة ${this.rateText()}`);
        break;
      case 'help': this.help.showModal(); break;
    }
  }

  rateText() { return `${this.audio.playbackRate}×`; }

  showRate() { if (this.rateEl) this.rateEl.textContent = this.rateText(); }
}
