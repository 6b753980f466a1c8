// unit.test.mjs — the page's pure functions, under node's test runner
// (`node --test api/web/e2e/unit.test.mjs`; run by api/web/e2e_test.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, countWord, duration, explain, modelWords, RESULT, QUOTE } from '../static/js/util.js';
import { ApiError } from '../static/js/api.js';
import { reconstructBody, fromTranscript } from '../static/js/article.js';
import { action, nextRate, focusKind, FOCUS_TEXT, FOCUS_CONTROL, FOCUS_NONE } from '../static/js/keys.js';
import { paragraphs } from '../static/js/transcript.js';
import { sseParser } from '../static/js/events.js';
import { pieces, spokenWording, summaryText, quoteCount, verdictOf, contextWords } from '../static/js/quotes.js';
import { setWords, verdict, verdictCount, diffLabel } from '../static/js/words.js';
import { evidenceRange } from '../static/js/player.js';
import { wordSpan, segmentTimes, transcriptChanges, revisionNote, people } from '../static/js/edit.js';
import { folded } from '../static/js/jobs.js';
import { languageNote } from '../static/js/language.js';

// The page reads the verdicts' words from the server (align); these tests
// give their own, so that they check the page's wording, not align's.
setWords({
  verdicts: ['verbatim', 'minor', 'altered', 'stitched', 'not_said', 'unclear'].map((id) => ({ id, ar: `L:${id}`, one: `O:${id}`, many: `N:${id}`, mark: `M:${id}`, class: `v-${id}`, said: ['verbatim', 'minor', 'stitched'].includes(id) })),
  unchecked: { id: '', ar: 'L:unchecked', one: 'O:unchecked', many: 'N:unchecked', mark: '–', class: 'v-unchecked', said: false },
  differences: [{ id: 'changed', ar: 'D:changed' }],
});

test('clock', () => {
  const cases = [
    { name: 'zero', in: 0, want: '0:00' },
    { name: 'seconds', in: 5.52, want: '0:05' },
    { name: 'minutes', in: 125.9, want: '2:05' },
    { name: 'hours', in: 3723, want: '1:02:03' },
    { name: 'unknown', in: null, want: '—' },
    { name: 'negative', in: -3, want: '0:00' },
  ];
  for (const c of cases) assert.equal(clock(c.in), c.want, c.name);
});

test('duration', () => {
  assert.equal(duration(42), '42 ث');
  assert.equal(duration(200), '3 د 20 ث');
  assert.equal(duration(3 * 3600 + 60), '3 س 1 د');
  assert.equal(duration(NaN), '—');
});

test('explain maps API errors to words a journalist understands', () => {
  const cases = [
    { name: 'not audio by code', err: new ApiError(415, 'not_audio', 'not audio: PNG image'), kind: 'notAudio' },
    { name: 'unsupported codec', err: new ApiError(415, 'unsupported', 'unsupported codec: ac-4'), kind: 'notAudio' },
    { name: 'corrupt', err: new ApiError(422, 'corrupt', 'truncated at byte 4096'), kind: 'corrupt' },
    { name: 'too long', err: new ApiError(422, 'too_long', 'audio is longer than 3h'), kind: 'tooLong' },
    { name: 'too large by status', err: new ApiError(413, '', ''), kind: 'tooLarge' },
    { name: 'unauthorized', err: new ApiError(401, 'unauthorized', 'invalid API key'), kind: 'auth' },
    { name: 'queue full', err: new ApiError(429, 'queue_full', 'try later'), kind: 'busy' },
    { name: 'unknown job', err: new ApiError(404, 'not_found', 'no job'), kind: 'notFound' },
    { name: 'server', err: new ApiError(500, 'internal', 'internal error'), kind: 'server' },
    { name: 'network', err: new ApiError(0, 'network', ''), kind: 'network' },
    { name: 'empty upload', err: new ApiError(422, 'empty', 'the upload is empty'), kind: 'empty' },
    { name: 'job timeout', err: new ApiError(0, 'timeout', 'the job took longer than the server allows'), kind: 'timeout' },
    { name: 'missing file', err: new ApiError(400, 'missing_file', 'no file'), kind: 'missingFile' },
    { name: 'bad format param is not bad audio', err: new ApiError(400, 'bad_format', 'format must be json'), kind: 'bad' },
    { name: 'recording gone is not "not audio"', err: new ApiError(404, 'no_audio', 'no longer stored'), kind: 'noRecording' },
    { name: 'not done', err: new ApiError(409, 'not_done', 'job is running'), kind: 'notDone' },
    { name: 'one model per server', err: new ApiError(400, 'unknown_model', 'this server transcribes with model "x" only'), kind: 'model' },
    { name: 'unknown code falls back on status', err: new ApiError(413, 'whatever', ''), kind: 'tooLarge' },
  ];
  for (const c of cases) {
    const e = explain(c.err);
    assert.equal(e.kind, c.kind, c.name);
    assert.ok(e.ar && e.en, `${c.name}: both languages`);
    assert.equal(e.detail, c.err.serverMessage, `${c.name}: server message kept as written`);
  }
});

test('reconstructBody puts each span at its rune offset', () => {
  const body = 'قال الوالي: “الأمن مسؤولية الجميع”.';
  const chars = Array.from(body);
  const span = (a, b) => ({ text: chars.slice(a, b).join(''), char_start: a, char_end: b });
  const got = reconstructBody({ sentences: [span(0, chars.length)], words: [span(13, 18)] });
  assert.equal(got, body);
});

test('fromTranscript gives sentences and words with offsets into its body', () => {
  const tr = { segments: [
    { start: 0, end: 1.5, text: ' السلام عليكم', words: [{ word: ' السلام', start: 0, end: 0.7 }, { word: ' عليكم', start: 0.7, end: 1.5 }] },
    { start: 1.5, end: 3, text: 'الأمن مسؤولية الجميع', words: [{ word: 'الأمن', start: 1.5, end: 2 }] },
  ] };
  const { body, alignment } = fromTranscript(tr);
  const chars = Array.from(body);
  assert.equal(alignment.sentences.length, 2);
  for (const s of [...alignment.sentences, ...alignment.words]) {
    assert.equal(chars.slice(s.char_start, s.char_end).join(''), s.text);
  }
  assert.deepEqual(alignment.words.map((w) => w.text), ['السلام', 'عليكم', 'الأمن']);
  assert.equal(alignment.words[2].start, 1.5);
});

test('modelWords names Whisper models in words', () => {
  assert.equal(modelWords('large-v3-turbo-q5_0'), 'كبير، الإصدار 3، سريع، مضغوط');
  assert.equal(modelWords('ggml-small.bin'), 'صغير');
  assert.equal(modelWords('base.en'), 'أساسي، للإنجليزية فقط');
  assert.equal(modelWords('my-model'), 'my-model');
});

// A quote of the real seed article with the check the aligner adds: the
// journalist printed «التطوةر» for «التطور» (spelling), and cut words
// without an ellipsis (omitted).
const checked = () => {
  const body = 'قال الوالي: “نعمل على التطوةر والتحديث في المدينة”.';
  const chars = Array.from(body);
  const at = (s) => body.indexOf(s) >= 0 ? Array.from(body.slice(0, body.indexOf(s))).length : -1;
  const q = {
    text: 'نعمل على التطوةر والتحديث في المدينة', char_start: at('نعمل'), char_end: at('”'), start: 1, end: 4, status: 'spoken',
    check: {
      verdict: 'altered', parts: [{ start: 1, end: 4, char_start: at('نعمل'), char_end: at('”') }], speaker: 'محمد الدخيسي',
      differences: [
        { kind: 'spelling', char_start: at('التطوةر'), char_end: at('التطوةر') + 7, article: 'التطوةر', spoken: 'التطور', start: 1.6, end: 2.1, confidence: 0.9 },
        { kind: 'omitted', char_start: at(' في'), char_end: at(' في'), article: '', spoken: 'المستمر', start: 2.9, end: 3.3, confidence: 0.8 },
      ],
    },
  };
  return { chars, q };
};

test('pieces splits a quote into plain runs and differences in article order', () => {
  const { chars, q } = checked();
  const p = pieces(chars, q);
  assert.deepEqual(p.map((x) => (x.diff ? `[${x.diff.kind}:${x.article}>${x.spoken}]` : x.text)),
    ['نعمل على ', '[spelling:التطوةر>التطور]', ' والتحديث', '[omitted:>المستمر]', ' في المدينة']);
});

test('spokenWording gives what was said', () => {
  const { chars, q } = checked();
  assert.equal(spokenWording(chars, q), 'نعمل على التطور والتحديث المستمر في المدينة');
  const added = { ...q, check: { ...q.check, differences: [{ kind: 'added', char_start: q.char_start + 5, char_end: q.char_start + 9, article: 'على ', spoken: '' }] } };
  assert.equal(spokenWording(chars, added), 'نعمل التطوةر والتحديث في المدينة');
});

test('summaryText counts quotes by verdict, in the server\'s words and order', () => {
  const v = (id) => ({ check: { verdict: id } });
  assert.equal(summaryText([v('not_said'), v('verbatim'), v('verbatim'), v('verbatim'), v('altered')]),
    '5 اقتباسات: 3 N:verbatim، 1 O:altered، 1 O:not_said');
  assert.equal(summaryText([v('minor')]), 'اقتباس واحد: 1 O:minor');
  assert.equal(summaryText([v('minor'), v('minor')]), 'اقتباسان: 2 N:minor');
  assert.equal(summaryText([{ status: 'spoken' }]), 'اقتباس واحد: 1 O:unchecked');
  assert.equal(summaryText([]), quoteCount(0));
});

test('verdictOf never calls a quote without a check verbatim', () => {
  assert.equal(verdictOf({ status: 'spoken', coverage: 1 }), '');
  assert.equal(verdict(verdictOf({ status: 'spoken' })).ar, 'L:unchecked');
  assert.equal(verdictOf({ status: 'spoken', check: { verdict: 'stitched' } }), 'stitched');
  assert.equal(verdict('altered').said, false);
  assert.equal(verdict('stitched').said, true);
});

test('the vocabulary names verdicts in the summary\'s forms and differences by their kind', () => {
  assert.equal(verdictCount('altered', 1), '1 O:altered');
  assert.equal(verdictCount('altered', 4), '4 N:altered');
  assert.equal(verdict('no-such').ar, 'L:unchecked');
  assert.equal(diffLabel('changed'), 'D:changed');
  assert.equal(diffLabel('spelling'), 'spelling');
});

test('countWord agrees with the number (نتيجة، نتيجتان، 3–10 نتائج، 11+ نتيجة)', () => {
  const cases = [[1, 'نتيجة واحدة'], [2, 'نتيجتان'], [3, '3 نتائج'], [7, '7 نتائج'], [10, '10 نتائج'], [11, '11 نتيجة'],
    [25, '25 نتيجة'], [100, '100 نتيجة'], [103, '103 نتائج']];
  for (const [n, want] of cases) assert.equal(countWord(n, RESULT), want, `${n}`);
  assert.equal(countWord(4, QUOTE), '4 اقتباسات');
  assert.equal(countWord(12, QUOTE), '12 اقتباسًا');
});

test('transcriber keys work wherever the focus is, except in a text field', () => {
  const k = (code, mods = {}) => ({ code, key: mods.key || '', altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
  const cases = [
    { name: 'K toggles', e: k('KeyK'), focus: FOCUS_NONE, want: 'toggle' },
    { name: 'K on a button just clicked toggles', e: k('KeyK'), focus: FOCUS_CONTROL, want: 'toggle' },
    { name: 'K while typing types', e: k('KeyK'), focus: FOCUS_TEXT, want: '' },
    { name: 'Space while typing types', e: k('Space'), focus: FOCUS_TEXT, want: '' },
    { name: 'Space on the page toggles', e: k('Space'), focus: FOCUS_NONE, want: 'toggle' },
    { name: 'Space on another button presses it', e: k('Space'), focus: FOCUS_CONTROL, want: '' },
    { name: 'Alt+K while typing toggles', e: k('KeyK', { altKey: true }), focus: FOCUS_TEXT, want: 'toggle' },
    { name: 'J back', e: k('KeyJ'), focus: FOCUS_CONTROL, want: 'back' },
    { name: 'Alt+L forward', e: k('KeyL', { altKey: true }), focus: FOCUS_TEXT, want: 'forward' },
    { name: '[ slower', e: k('BracketLeft'), focus: FOCUS_NONE, want: 'slower' },
    { name: '] faster', e: k('BracketRight'), focus: FOCUS_CONTROL, want: 'faster' },
    { name: 'Alt+. faster', e: k('Period', { altKey: true }), focus: FOCUS_TEXT, want: 'faster' },
    { name: '? help', e: k('Slash', { key: '?', shiftKey: true }), focus: FOCUS_NONE, want: 'help' },
    { name: 'Ctrl+K is the browser', e: k('KeyK', { ctrlKey: true }), focus: FOCUS_NONE, want: '' },
  ];
  for (const c of cases) assert.equal(action(c.e, c.focus), c.want, c.name);
});

test('focusKind: text fields, controls Space presses, and the rest', () => {
  const node = (tagName, attrs = {}, dataset = {}) => ({ tagName, dataset, getAttribute: (a) => attrs[a] ?? null });
  const cases = [
    ['text input', node('INPUT', { type: 'text' }), FOCUS_TEXT],
    ['input without type', node('INPUT'), FOCUS_TEXT],
    ['check box', node('INPUT', { type: 'checkbox' }), FOCUS_CONTROL],
    ['textarea', node('TEXTAREA'), FOCUS_TEXT],
    ['select', node('SELECT'), FOCUS_TEXT],
    ['copy button', node('BUTTON'), FOCUS_CONTROL],
    ['play button', node('BUTTON', {}, { media: '' }), FOCUS_NONE],
    ['sentence', node('SPAN', { role: 'button' }, { media: '' }), FOCUS_NONE],
    ['summary', node('SUMMARY'), FOCUS_CONTROL],
    ['body', node('BODY'), FOCUS_NONE],
  ];
  for (const [name, n, want] of cases) assert.equal(focusKind(n), want, name);
});

test('evidenceRange plays the sentence around the word', () => {
  const spans = [{ start: 0, end: 2.5 }, { start: 3, end: 9 }, { start: 9.5, end: 30 }];
  const cases = [
    { name: 'the sentence that holds it', word: { start: 5, end: 5.4 }, want: { start: 3, end: 9 } },
    { name: 'a long sentence, trimmed to 6 s each side', word: { start: 20, end: 20.5 }, want: { start: 14, end: 26.5 } },
    { name: 'in no sentence: 2 s each side', word: { start: 2.75, end: 2.875 }, want: { start: 0.75, end: 4.875 } },
    { name: 'kept inside the recording', word: { start: 0.5, end: 0.8 }, spans: [], want: { start: 0, end: 2.8 } },
  ];
  for (const c of cases) assert.deepEqual(evidenceRange(c.word, c.spans ?? spans, 30), c.want, c.name);
});

test('contextWords shows the words around a difference, the said ones marked', () => {
  const words = 'أ ب ج د ه و ز ح ط ي ك ل م'.split(' ').map((text, i) => ({ text, start: i, end: i + 0.9 }));
  const got = contextWords(words, { start: 6, end: 6.9 });
  assert.deepEqual(got.map((w) => (w.said ? `[${w.text}]` : w.text)).join(' '), 'ب ج د ه و [ز] ح ط ي ك ل');
});

test('wordSpan names exactly the words given, even when segments overlap in time', () => {
  // The first paragraph's segment ends at 3.4 s, after the next one's first
  // word began (3.0–3.6): a span by segment times would take that word.
  const tr = { segments: [
    { start: 0, end: 3.4, words: [{ word: 'السلام', start: 0, end: 1 }, { word: 'عليكم', start: 1, end: 2.5 }] },
    { start: 3, end: 6, words: [{ word: 'إن', start: 3, end: 3.6 }, { word: 'ولاية', start: 3.6, end: 4.2 }] },
  ] };
  // The server names a word when its middle falls in the span.
  const named = (sp) => tr.segments.flatMap((s) => s.words).filter((w) => { const m = (w.start + w.end) / 2; return m >= sp.start && m < sp.end; }).map((w) => w.word);
  assert.deepEqual(named({ start: tr.segments[0].start, end: tr.segments[0].end }), ['السلام', 'عليكم', 'إن'], 'the paragraph\'s times (the old span) take the next word');
  assert.deepEqual(named(wordSpan(segmentTimes(tr, [0]))), ['السلام', 'عليكم']);
  assert.equal(wordSpan([]), null);
});

test('transcriptChanges says what a revision changed, in Arabic', () => {
  const tr = (words, speaker = '') => ({ segments: [{ start: 0, end: 9, speaker, words: words.split(' ').map((word, i) => ({ word, start: i, end: i + 1 })) }] });
  assert.deepEqual(transcriptChanges(tr('إن ولاية لعمله في'), tr('إن ولاية لعملها في')), ['صُحّح عند 0:02: «لعمله» صار «لعملها»']);
  assert.deepEqual(transcriptChanges(tr('أ ب'), tr('أ ب', 'المقدّم')), ['سُمّي المتحدث عند 0:00: «المقدّم»']);
  assert.deepEqual(transcriptChanges(tr('أ ب', 'س'), tr('أ ب', 'ص')), ['المتحدث عند 0:00: «س» صار «ص»']);
  assert.deepEqual(transcriptChanges(tr('أ ب'), tr('أ ب', 'الوالي'), new Set(['الوالي'])), [], 'a speaker the article seeded is no change');
  assert.equal(revisionNote('revert to revision 0'), 'استرجاع التفريغ الآلي الأصلي');
  assert.equal(revisionNote('revert to revision 3'), 'استرجاع المراجعة 3');
});

test('people offers the article\'s speakers first, each once', () => {
  const al = { quotes: [{ check: { speaker: 'والي أمن مراكش' } }, { check: { speaker: 'الوالي' } }, { check: { speaker: null } }] };
  const tr = { segments: [{ speaker: 'المقدّم' }, { speaker: 'الوالي' }, {}] };
  assert.deepEqual(people(al, tr), ['والي أمن مراكش', 'الوالي', 'المقدّم']);
});

test('folded shows a machine translation on its recording\'s row', () => {
  const rows = [{ id: 'a', audio_sha256: 'x' }, { id: 'b', task: 'translate', audio_sha256: 'x' }, { id: 'c', task: 'translate', audio_sha256: 'y' }];
  const { rows: shown, english } = folded(rows);
  assert.deepEqual(shown.map((j) => j.id), ['a', 'c']);
  assert.equal(english.get('a').id, 'b');
});

test('nextRate steps from 0.5× to 2× and stops there', () => {
  assert.equal(nextRate(1, 1), 1.25);
  assert.equal(nextRate(2, 1), 2);
  assert.equal(nextRate(0.5, -1), 0.5);
  assert.equal(nextRate(1.1, -1), 0.75);
});

test('paragraphs break at a speaker change and a pause', () => {
  const tr = { segments: [
    { start: 0, end: 2, text: 'أ ب', speaker: 'س' },
    { start: 2.1, end: 4, text: 'ج', speaker: 'س' },
    { start: 4.2, end: 5, text: 'د', speaker: 'ص' },
    { start: 9, end: 10, text: 'ه', speaker: 'ص' },
  ] };
  assert.deepEqual(paragraphs(tr).map((p) => p.segments), [[0, 1], [2], [3]]);
});

test('sseParser yields whole events across chunk boundaries', () => {
  const feed = sseParser();
  assert.deepEqual(feed(': hello\n\nevent: progress\ndata: {"progress":'), []);
  assert.deepEqual(feed('40}\r\n\r\ndata: a\ndata: b\n\n'), [{ event: 'progress', data: '{"progress":40}' }, { event: 'message', data: 'a\nb' }]);
});

test('languageNote says when Whisper heard another language than Arabic', () => {
  const note = languageNote({ language: 'auto', detected_language: 'en', language_probability: 0.71, language_warning: 'Whisper detected English' });
  assert.match(note, /الإنجليزية/);
  assert.match(note, /0\.71/);
  assert.equal(languageNote({ language: 'auto', detected_language: 'ar', language_probability: 0.98 }), '');
  assert.equal(languageNote({ language: 'ar' }), '');
});
