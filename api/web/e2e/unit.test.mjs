// unit.test.mjs — the page's pure functions, under node's test runner
// (`node --test api/web/e2e/unit.test.mjs`; run by api/web/e2e_test.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, duration, explain } from '../static/js/util.js';
import { ApiError } from '../static/js/api.js';
import { reconstructBody, fromTranscript } from '../static/js/article.js';

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
    { name: 'not cancelable', err: new ApiError(409, 'not_cancelable', 'job is done'), kind: 'notCancelable' },
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
