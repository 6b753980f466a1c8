// unit.test.mjs — the page's pure functions, under node's test runner
// (`node --test api/web/e2e/unit.test.mjs`; run by api/web/e2e_test.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, duration, explain, modelWords } from '../static/js/util.js';
import { ApiError } from '../static/js/api.js';
import { reconstructBody, fromTranscript } from '../static/js/article.js';
import { action, nextRate } from '../static/js/keys.js';
import { paragraphs } from '../static/js/transcript.js';
import { sseParser } from '../static/js/events.js';
import { pieces, spokenWording, summaryText, quoteCount, verdictOf, VERDICTS } from '../static/js/quotes.js';
import { languageNote } from '../static/js/language.js';

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

test('summaryText counts quotes by verdict', () => {
  const v = (verdict) => ({ check: { verdict } });
  assert.equal(summaryText([v('verbatim'), v('verbatim'), v('verbatim'), v('altered'), v('not_said')]),
    '5 اقتباسات: 3 مطابقة، 1 محرّف، 1 غير موجود');
  assert.equal(summaryText([v('minor')]), 'اقتباس واحد: 1 بفرق إملائي');
  assert.equal(summaryText([]), 'اقتباس واحد'.replace('اقتباس واحد', quoteCount(0)));
});

test('verdictOf never calls a quote without a check verbatim', () => {
  assert.equal(verdictOf({ status: 'spoken', coverage: 1 }), 'unclear');
  assert.equal(verdictOf({ status: 'not_in_audio', coverage: 0 }), 'not_said');
  assert.equal(verdictOf({ status: 'spoken', check: { verdict: 'stitched' } }), 'stitched');
  assert.equal(VERDICTS.altered.heard, false);
});

test('transcriber keys: plain keys never while typing, Alt chords always', () => {
  const k = (code, mods = {}) => ({ code, key: mods.key || '', altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
  const cases = [
    { name: 'K toggles', e: k('KeyK'), typing: false, want: 'toggle' },
    { name: 'K while typing types', e: k('KeyK'), typing: true, want: '' },
    { name: 'Space while typing types', e: k('Space'), typing: true, want: '' },
    { name: 'Alt+K while typing toggles', e: k('KeyK', { altKey: true }), typing: true, want: 'toggle' },
    { name: 'J back', e: k('KeyJ'), typing: false, want: 'back' },
    { name: 'Alt+L forward', e: k('KeyL', { altKey: true }), typing: true, want: 'forward' },
    { name: '[ slower', e: k('BracketLeft'), typing: false, want: 'slower' },
    { name: 'Alt+. faster', e: k('Period', { altKey: true }), typing: true, want: 'faster' },
    { name: '? help', e: k('Slash', { key: '?', shiftKey: true }), typing: false, want: 'help' },
    { name: 'Ctrl+K is the browser', e: k('KeyK', { ctrlKey: true }), typing: false, want: '' },
  ];
  for (const c of cases) assert.equal(action(c.e, c.typing), c.want, c.name);
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
