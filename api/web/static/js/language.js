// language.js — the language Whisper detected with language auto, said on
// the job view when it is not the article's (issue 22). Kept apart from the
// evidence views: jobview.js calls showLanguageNote once per draw.

const NAMES = {
  ar: 'العربية', en: 'الإنجليزية', fr: 'الفرنسية', fa: 'الفارسية', ur: 'الأردية',
  he: 'العبرية', tr: 'التركية', es: 'الإسبانية', de: 'الألمانية',
};

/**
 * languageNote is what the page says of job's detected language: '' unless
 * the server sent a language_warning (Whisper heard another language than
 * Arabic), else one Arabic sentence naming it and its probability.
 */
export function languageNote(job) {
  if (!job?.language_warning) return '';
  const name = NAMES[job.detected_language] || job.detected_language;
  const p = Number(job.language_probability ?? 0).toFixed(2);
  return `تنبيه: سمع Whisper ${name} (احتمال ${p}) لا العربية، لغة المقال؛ هذا النص ليس الكلام العربي المنطوق ولا تُفحص عليه الاقتباسات. إن كان الكلام عربيًا فأعد التفريغ باللغة العربية.`;
}

/** showLanguageNote puts languageNote(job) in a box after anchor, or removes the box. */
export function showLanguageNote(anchor, job) {
  let box = document.getElementById('view-language');
  const note = languageNote(job);
  if (!note) {
    box?.remove();
    return;
  }
  if (!box) {
    box = document.createElement('p');
    box.id = 'view-language';
    box.className = 'error';
    box.setAttribute('role', 'note');
    anchor.after(box);
  }
  box.textContent = note;
}
