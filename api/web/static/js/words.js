// words.js — the quote check's vocabulary as the server writes it
// (align.Labels): each verdict's label (ar, and one/many for the summary
// line), colour, mark, colour class and whether its words were said, and
// each kind of difference. The page keeps no copy: the server writes the
// vocabulary into the page as JSON (<script type="application/json"
// id="vocabulary">), and the colours are /static/css/verdicts.css.

let words = null;

const UNCHECKED = { id: '', ar: '', one: '', many: '', en: '', mark: '', class: 'v-unchecked', said: false };

/** setWords replaces the vocabulary (the unit tests give their own). */
export function setWords(w) { words = w; }

function load() {
  if (!words) {
    let w = null;
    try { w = JSON.parse(globalThis.document?.getElementById('vocabulary')?.textContent || 'null'); } catch { /* below */ }
    words = w || { verdicts: [], unchecked: UNCHECKED, differences: [] };
  }
  return words;
}

/** verdictOrder lists the verdict ids in the order a summary names them. */
export function verdictOrder() { return load().verdicts.map((v) => v.id); }

/**
 * verdict returns the term of verdict id ('altered'): { id, ar, one, many,
 * en, color, tint, mark, class, said }; an unknown or empty id is the
 * unchecked verdict.
 */
export function verdict(id) {
  const w = load();
  return w.verdicts.find((v) => v.id === id) || w.unchecked || UNCHECKED;
}

/**
 * verdictCount says n quotations of verdict id as the server's summary line
 * does (align.Summary): the count, then the singular or plural form.
 */
export function verdictCount(id, n) {
  const t = verdict(id);
  return `${n} ${(n === 1 ? t.one : t.many) || t.ar}`;
}

/** diffLabel names a kind of difference ('changed') in Arabic. */
export function diffLabel(kind) { return load().differences.find((d) => d.id === kind)?.ar || kind; }

// speakerLine is the speaker as the reports write it (align.Check.SpeakerLine):
// the name, then the role after a comma when the article gives one besides
// the name («محمد الدخيسي، والي امن مراكش»); '' for nobody.
export function speakerLine(check) {
  const name = check?.speaker, role = check?.speaker_role;
  if (!name) return '';
  return role && role !== name ? `${name}، ${role}` : name;
}
