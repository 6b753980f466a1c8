// OpenAI Node SDK conformance test: the official `openai` package (pinned
// in package-lock.json) calls every OpenAI endpoint newsscribe supports —
// models, transcriptions in every response format and with the streaming
// iterator, translations, the error shape, a client timeout — against the
// real server binary, and asserts on the SDK's parsed objects.
//
// Run by the Go test api/openai_sdk_test.go (TestOpenAINodeSDK) with
//   BASE_URL  the server's /v1 URL
//   AUDIO     a WAV file
//   SPOKEN    the text the scripted engine hears (segments on lines)
//   MODEL     the name the server gives its model
// It prints one line per check and exits non-zero on the first failure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import OpenAI, { toFile } from 'openai';

const { BASE_URL, AUDIO, SPOKEN, MODEL } = process.env;
const client = new OpenAI({ baseURL: BASE_URL, apiKey: 'sk-anything', maxRetries: 0 });
const audio = fs.readFileSync(AUDIO);
const lines = SPOKEN.split('\n').filter((l) => l.trim() !== '');
const fullText = lines.join(' ');
const words = fullText.split(/\s+/);
let n = 0;
// Each upload differs by a trailing byte in the WAV's data so that no two
// requests join one job by the dedup key (it is the recording plus options).
const file = () => {
  const b = Buffer.concat([audio, Buffer.from([n++ & 0xff, 0])]);
  b.writeUInt32LE(b.length - 8, 4);
  b.writeUInt32LE(b.readUInt32LE(40) + 2, 40);
  return toFile(b, 'talk.wav', { type: 'audio/wav' });
};

const checks = [];
async function check(name, fn) {
  try {
    await fn();
    console.log(`PASS ${name}`);
    checks.push(name);
  } catch (e) {
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  }
}

await check('models.list', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.deepEqual(ids, [MODEL, 'whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe']);
});
await check('models.retrieve', async () => {
  const m = await client.models.retrieve('whisper-1');
  assert.equal(m.id, 'whisper-1');
  assert.equal(m.object, 'model');
  await assert.rejects(client.models.retrieve('tiny'), (e) => e instanceof OpenAI.NotFoundError && e.code === 'model_not_found');
});

for (const model of [MODEL, 'whisper-1', 'gpt-4o-transcribe']) {
  await check(`transcriptions json ${model}`, async () => {
    const r = await client.audio.transcriptions.create({ file: await file(), model, language: 'ar' });
    assert.equal(r.text, fullText);
  });
}
await check('transcriptions verbose_json word+segment', async () => {
  const r = await client.audio.transcriptions.create({
    file: await file(), model: 'whisper-1', response_format: 'verbose_json',
    timestamp_granularities: ['word', 'segment'], temperature: 0.2, prompt: 'الرئيس الحكومة',
  });
  assert.equal(r.task, 'transcribe');
  assert.equal(r.language, 'arabic');
  assert.equal(r.text, fullText);
  assert.equal(r.segments.length, lines.length);
  assert.deepEqual(r.words.map((w) => w.word), words);
  assert.ok(r.words.every((w) => w.end > w.start));
});
await check('transcriptions verbose_json default granularity', async () => {
  const r = await client.audio.transcriptions.create({ file: await file(), model: 'whisper-1', response_format: 'verbose_json' });
  assert.equal(r.segments.length, lines.length);
  assert.equal(r.words, undefined);
});
await check('transcriptions text', async () => {
  const r = await client.audio.transcriptions.create({ file: await file(), model: 'whisper-1', response_format: 'text' });
  assert.equal(r.trim(), fullText);
});
for (const f of ['srt', 'vtt']) {
  await check(`transcriptions ${f}`, async () => {
    const r = await client.audio.transcriptions.create({ file: await file(), model: 'whisper-1', response_format: f });
    assert.equal(typeof r, 'string');
    assert.ok(f === 'srt' ? r.startsWith('1\n00:00:00,000 --> ') : r.startsWith('WEBVTT'), r);
    assert.ok(r.includes(words[1]), r);
    assert.ok(!/[\u202b\u202c]/.test(r), 'RLE/PDF marks in an OpenAI response');
  });
}
await check('transcriptions stream', async () => {
  const stream = await client.audio.transcriptions.create({ file: await file(), model: 'gpt-4o-mini-transcribe', stream: true });
  const deltas = [];
  let done = null;
  for await (const e of stream) {
    if (e.type === 'transcript.text.delta') deltas.push(e.delta);
    if (e.type === 'transcript.text.done') done = e.text;
  }
  assert.equal(deltas.length, lines.length);
  assert.equal(deltas.join(''), fullText);
  assert.equal(done, fullText);
});
await check('translations json', async () => {
  const r = await client.audio.translations.create({ file: await file(), model: 'whisper-1' });
  assert.equal(r.text, 'The minister opened the new school.');
});
await check('translations verbose_json', async () => {
  const r = await client.audio.translations.create({ file: await file(), model: 'whisper-1', response_format: 'verbose_json' });
  assert.equal(r.task, 'translate');
  assert.equal(r.language, 'english');
  assert.ok(Array.isArray(r.segments));
});
await check('translations text', async () => {
  const r = await client.audio.translations.create({ file: await file(), model: 'whisper-1', response_format: 'text' });
  assert.equal(r.trim(), 'The minister opened the new school.');
});
await check('translations srt', async () => {
  const r = await client.audio.translations.create({ file: await file(), model: 'whisper-1', response_format: 'srt' });
  assert.ok(r.includes('The minister opened the new school.'), r);
});
for (const [param, extra] of [['language', { language: 'xx' }], ['temperature', { temperature: 2 }], ['model', { model: 'whisper-2' }],
  ['prompt', { prompt: 'word '.repeat(600) }], ['response_format', { response_format: 'xml' }]]) {
  await check(`error 400 ${param}`, async () => {
    await assert.rejects(
      client.audio.transcriptions.create({ file: await file(), model: 'whisper-1', ...extra }),
      (e) => e instanceof OpenAI.BadRequestError && e.status === 400 && e.type === 'invalid_request_error' && e.param === param && e.message.length > 0,
    );
  });
}
await check('timeout cancels the job', async () => {
  await assert.rejects(
    client.audio.transcriptions.create({ file: await file(), model: 'whisper-1' }, { timeout: 300 }),
    (e) => e instanceof OpenAI.APIConnectionTimeoutError,
  );
  let status = '';
  for (let i = 0; i < 100 && status !== 'canceled'; i++) {
    const r = await fetch(`${BASE_URL}/transcriptions?limit=1`).then((x) => x.json());
    status = r.data[0].status;
    if (status !== 'canceled') await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(status, 'canceled', 'the job of a client that timed out');
});
console.log(`${checks.length} passed, 0 failed`);
