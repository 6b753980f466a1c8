// live-audio.js — the browser's side of a live session's audio: capture
// (the microphone, or a tab's sound) resampled to 16 kHz by an AudioContext,
// cut into 100 ms frames, and sent over the session's WebSocket with the
// frame protocol of package live (frames.go): byte 0 = 1, bytes 1–8 the
// frame's sequence number (big-endian), then PCM16 little-endian samples.
// Every frame is kept until the server acknowledges it; a dropped socket is
// opened again and the server's hello says from which frame to send again,
// so no audio already captured is lost.

export const RATE = 16000;
export const FRAME = 1600; // 100 ms

/** frameBytes encodes one frame: seq and Float32 samples in [-1, 1]. */
export function frameBytes(seq, samples) {
  const buf = new ArrayBuffer(9 + 2 * samples.length);
  const v = new DataView(buf);
  v.setUint8(0, 1);
  v.setBigUint64(1, BigInt(seq));
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i])) * 32767;
    // Halves round away from zero, as the server's PCM16 does (Go math.Round).
    v.setInt16(9 + 2 * i, Math.sign(s) * Math.round(Math.abs(s)), true);
  }
  return buf;
}

/**
 * AudioLink sends frames to url (ws…/v1/live/{id}/audio?token=…) and
 * reconnects after a drop. onState({connected, pending, dials}) reports
 * its state; onEnd(message) is called once the server says the session
 * ended.
 */
export class AudioLink {
  constructor(url, { onState = () => {}, onEnd = () => {} } = {}) {
    this.url = url;
    this.onState = onState;
    this.onEnd = onEnd;
    this.frames = new Map(); // seq → bytes, until acknowledged
    // The next frame's number: the first hello says where this link starts
    // (0 for a new session; further on when a reloaded page takes up a
    // session again). Samples captured before it wait in early.
    this.seq = null;
    this.early = [];
    this.acked = 0; // every frame below is stored
    this.ws = null;
    this.ready = false; // the open socket's hello arrived
    this.dials = 0;
    this.closed = false;
    this.retry = 500;
  }

  start() { this.dial(); }

  dial() {
    if (this.closed) return;
    this.dials++;
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.ready = false;
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      let m;
      try { m = JSON.parse(e.data); } catch { return; }
      if (m.type === 'hello' || m.type === 'ack') {
        if (this.seq === null) {
          this.seq = this.acked = m.next;
          for (const f of this.early.splice(0)) this.queue(f);
        }
        this.ack(m.next);
        if (m.type === 'hello') {
          this.retry = 500;
          for (let s = m.next; s < this.seq; s++) ws.send(this.frames.get(s));
          this.ready = true;
        }
        this.report();
      } else if (m.type === 'end') {
        this.closed = true;
        this.onEnd(m.message || '');
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      this.report();
      if (this.closed) return;
      setTimeout(() => this.dial(), this.retry);
      this.retry = Math.min(this.retry * 2, 5000);
    };
    ws.onerror = () => {}; // onclose follows and reconnects
  }

  ack(next) {
    for (let s = this.acked; s < next; s++) this.frames.delete(s);
    this.acked = Math.max(this.acked, next);
  }

  /** push queues 16 kHz samples (one frame) and sends them when connected. */
  push(samples) {
    if (this.seq === null) { this.early.push(samples); this.report(); return; }
    this.queue(samples);
    // Before hello, hello's resend sends it.
    if (this.ready && this.ws.readyState === WebSocket.OPEN) this.ws.send(this.frames.get(this.seq - 1));
    this.report();
  }

  queue(samples) {
    const b = frameBytes(this.seq, samples);
    this.frames.set(this.seq, b);
    this.seq++;
  }

  report() {
    const sent = (this.seq ?? 0) + this.early.length;
    this.onState({ connected: this.ready, pending: sent - this.acked, dials: this.dials, sent, acked: this.acked });
  }

  /** drop closes the socket as a network failure would (for a test). */
  drop() { if (this.ws) this.ws.close(); }

  close() {
    this.closed = true;
    if (this.ws) this.ws.close(1000);
  }
}

/**
 * capture opens the source ('mic' or 'tab') and calls onFrame with 100 ms
 * Float32Arrays at 16 kHz. Returns { stop }.
 */
export async function capture(kind, base, onFrame) {
  let stream;
  if (kind === 'tab') {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
    if (!stream.getAudioTracks().length) {
      stream.getTracks().forEach((t) => t.stop());
      throw new Error('no-tab-audio');
    }
  } else {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  }
  const ctx = new AudioContext({ sampleRate: RATE });
  await ctx.audioWorklet.addModule(`${base}/static/js/live-worklet.js`);
  const src = ctx.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
  const node = new AudioWorkletNode(ctx, 'newsscribe-capture');
  let buf = new Float32Array(FRAME);
  let n = 0;
  node.port.onmessage = (e) => {
    const block = e.data;
    let i = 0;
    while (i < block.length) {
      const k = Math.min(block.length - i, FRAME - n);
      buf.set(block.subarray(i, i + k), n);
      n += k;
      i += k;
      if (n === FRAME) {
        onFrame(buf);
        buf = new Float32Array(FRAME);
        n = 0;
      }
    }
  };
  src.connect(node);
  // The node must reach the destination to be pulled; it outputs silence.
  node.connect(ctx.destination);
  return {
    stop() {
      stream.getTracks().forEach((t) => t.stop());
      node.disconnect();
      ctx.close();
    },
  };
}
