// events.js — following one job until it ends: from the server-sent events
// of GET /v1/transcriptions/{id}/events where the server has them, else by
// polling GET /v1/transcriptions/{id} every second.
import { ACTIVE } from './jobs.js';

/**
 * parseSSE splits a text/event-stream chunk sequence: feed(text) returns the
 * complete events seen so far as [{event, data}] and keeps the rest.
 */
export function sseParser() {
  let buf = '';
  return (text) => {
    buf += text.replace(/\r\n?/g, '\n');
    const out = [];
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const c = line.indexOf(':');
        const k = c < 0 ? line : line.slice(0, c);
        const v = c < 0 ? '' : line.slice(c + 1).replace(/^ /, '');
        if (k === 'event') event = v;
        else if (k === 'data') data.push(v);
      }
      if (data.length) out.push({ event, data: data.join('\n') });
    }
    return out;
  };
}

/**
 * follow calls onJob(job) with each new state of job (and onChunk({done,
 * total}) as chunks of a long recording finish) until it is no longer
 * active, then resolves with the last state. stop() ends it early. Events are
 * read with fetch (not EventSource) so that the API key header goes along;
 * a server without the events endpoint (404/405) or a broken stream falls
 * back on polling.
 */
export function follow(api, job, onJob, onChunk = null) {
  let stopped = false;
  const ctl = new AbortController();
  const stop = () => { stopped = true; ctl.abort(); };
  const done = (async () => {
    let j = job;
    onJob(j);
    if (!ACTIVE.has(j.status)) return j;
    j = await viaEvents(api, j, onJob, onChunk, ctl.signal).catch(() => j);
    while (!stopped && ACTIVE.has(j.status)) {
      await new Promise((r) => setTimeout(r, 1000));
      if (stopped) break;
      j = await api.request('GET', `/transcriptions/${api.id(j.id)}`);
      onJob(j);
    }
    return j;
  })();
  return { done, stop };
}

// JOB_EVENTS are the events whose data is the job (api/openapi.json).
const JOB_EVENTS = new Set(['progress', 'done', 'failed', 'canceled']);

async function viaEvents(api, job, onJob, onChunk, signal) {
  const res = await api.stream(`/transcriptions/${api.id(job.id)}/events`, signal);
  if (!res) return job; // no events endpoint here: poll
  const feed = sseParser();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let j = job;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return j;
    for (const ev of feed(value)) {
      let d;
      try { d = JSON.parse(ev.data); } catch { continue; }
      if (!d || typeof d !== 'object') continue;
      if (ev.event === 'chunk') { onChunk?.(d); continue; } // {done, total} chunks of a long recording
      if (!JOB_EVENTS.has(ev.event)) continue;
      j = { ...j, ...d }; // progress, done, failed, canceled: the job as GET returns it
      onJob(j);
      if (!ACTIVE.has(j.status)) { reader.cancel().catch(() => {}); return j; }
    }
  }
}
