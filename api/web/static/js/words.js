// words.js — the quote check's vocabulary as the server names it: each
// verdict's label, mark and colour class, and each kind of difference. The
// page keeps no copy: the server (align's labels and palette) writes them
// into the page as JSON (<script type="application/json" id="page-words">),
// and the colours are /static/css/verdicts.css.

let words = null;

/** setWords replaces the vocabulary (the unit tests give their own). */
export function setWords(w) { words = w; }

function load() {
  if (!words) {
    let w = null;
    try { w = JSON.parse(globalThis.document?.getElementById('page-words')?.textContent || 'null'); } catch { /* below */ }
    words = w || { verdicts: [], unchecked: { id: '', label: '', mark: '', class: 'v-unchecked', public: false }, differences: {} };
  }
  return words;
}

/** ORDER lists the verdict ids in the order a summary names them. */
export function verdictOrder() { return load().verdicts.map((v) => v.id); }

/**
 * verdict returns the words of verdict id ('altered'): { id, label, mark,
 * class, public }; an unknown or empty id is the unchecked verdict.
 */
export function verdict(id) {
  const w = load();
  return w.verdicts.find((v) => v.id === id) || w.unchecked;
}

/** diffLabel names a kind of difference ('changed'). */
export function diffLabel(kind) { return load().differences[kind] || kind; }
