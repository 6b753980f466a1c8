// keys.js — the transcriber's keys (as oTranscribe has them): play/pause,
// back and forward 5 seconds, slower and faster from 0.5× to 2×, and a help
// overlay listing them. They work wherever the focus is — on the page, on a
// button just clicked — except in a text field, where typing comes first;
// the Alt chords work there too. Keys are read by their place on the
// keyboard (e.code), so an Arabic layout gives the same keys.

/** RATES are the playback speeds offered, slowest first. */
export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** SKIP is how far back and forward the keys jump, in seconds. */
export const SKIP = 5;

/**
 * Where the focus is, for the keys: FOCUS_TEXT in a text field (typing
 * wins), FOCUS_CONTROL on a control that Space operates itself (a button
 * that does not play the recording, a check box, a link, a summary),
 * FOCUS_NONE anywhere else (the page, or a control that plays the
 * recording, marked data-media, where Space is play/pause).
 */
export const FOCUS_TEXT = 'text', FOCUS_CONTROL = 'control', FOCUS_NONE = 'none';

const TEXT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'week', 'time', '']);

/** focusKind says which of the FOCUS_ kinds element t is. */
export function focusKind(t) {
  if (!t || !t.tagName) return FOCUS_NONE;
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return FOCUS_TEXT;
  if (t.tagName === 'INPUT') return TEXT_TYPES.has((t.getAttribute('type') || '').toLowerCase()) ? FOCUS_TEXT : FOCUS_CONTROL;
  if (t.dataset && 'media' in t.dataset) return FOCUS_NONE;
  if (/^(BUTTON|A|SUMMARY|AUDIO|VIDEO)$/.test(t.tagName) || t.getAttribute?.('role') === 'button') return FOCUS_CONTROL;
  return FOCUS_NONE;
}

/**
 * action names what key event e asks for: 'toggle', 'back', 'forward',
 * 'slower', 'faster', 'help' or '' for none; focus is focusKind of the
 * focused element. [ is slower and ] faster, as the keys are printed on
 * the keyboard (and drawn, left to right, in the help).
 */
export function action(e, focus = FOCUS_NONE) {
  if (e.ctrlKey || e.metaKey) return '';
  if (e.altKey) {
    // e.code, not e.key: with an Arabic keyboard layout e.key is «ن» for K.
    return { KeyK: 'toggle', KeyJ: 'back', KeyL: 'forward', Comma: 'slower', Period: 'faster' }[e.code] || '';
  }
  if (focus === FOCUS_TEXT) return '';
  if (e.key === '?' || (e.shiftKey && e.code === 'Slash')) return 'help';
  if (e.shiftKey) return '';
  if (e.code === 'Space') return focus === FOCUS_CONTROL ? '' : 'toggle';
  return { KeyK: 'toggle', KeyJ: 'back', KeyL: 'forward', BracketLeft: 'slower', BracketRight: 'faster' }[e.code] || '';
}

/** nextRate is the speed after r one step slower (dir -1) or faster (+1). */
export function nextRate(r, dir) {
  let i = RATES.findIndex((x) => Math.abs(x - r) < 1e-6);
  if (i < 0) i = RATES.indexOf(1);
  return RATES[Math.min(RATES.length - 1, Math.max(0, i + dir))];
}

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
    let spaceTaken = false;
    this.onkey = (e) => {
      if (!active() || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return; // dialogs have their own keys (Esc closes them)
      const a = action(e, focusKind(e.target));
      if (!a) return;
      e.preventDefault();
      spaceTaken = e.code === 'Space';
      if (!e.repeat || a !== 'toggle') this.run(a);
    };
    // A button activates on Space's keyup: once Space was play/pause, the
    // button it was pressed on does not also restart its passage.
    this.onkeyup = (e) => {
      if (e.code === 'Space' && spaceTaken) { e.preventDefault(); spaceTaken = false; }
    };
    document.addEventListener('keydown', this.onkey);
    document.addEventListener('keyup', this.onkeyup);
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
