// live.unit.test.mjs — the live page's audio link under node's test runner
// (run by api/web/live_test.go): a frame's bytes, and that frames are kept
// until acknowledged and sent again after a dropped socket, from the frame
// the server's hello names, none twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AudioLink, frameBytes, FRAME } from '../static/js/live-audio.js';

test('frameBytes', () => {
  const b = new DataView(frameBytes(258, Float32Array.from([0, 0.5, -1, 1])));
  assert.equal(b.byteLength, 9 + 8);
  assert.equal(b.getUint8(0), 1);
  assert.equal(b.getBigUint64(1), 258n);
  assert.deepEqual([0, 1, 2, 3].map((i) => b.getInt16(9 + 2 * i, true)), [0, 16384, -32767, 32767]);
});

// FakeSocket is the test's WebSocket: it records what is sent, and the test
// plays the server's messages and the network's failures.
class FakeSocket {
  static all = [];
  constructor(url) { this.url = url; this.sent = []; this.readyState = 1; FakeSocket.all.push(this); }
  send(b) { this.sent.push(new DataView(b).getBigUint64(1)); }
  close() { this.readyState = 3; this.onclose?.(); }
  hello(next) { this.onmessage({ data: JSON.stringify({ type: 'hello', next }) }); }
  ack(next) { this.onmessage({ data: JSON.stringify({ type: 'ack', next }) }); }
}

test('AudioLink resends what was not stored after a drop', async () => {
  globalThis.WebSocket = FakeSocket;
  FakeSocket.OPEN = 1;
  const states = [];
  const link = new AudioLink('ws://x/audio', { onState: (s) => states.push(s) });
  const frame = new Float32Array(FRAME);
  link.push(frame); // before the socket: kept
  link.start();
  const first = FakeSocket.all[0];
  first.hello(0); // sends frame 0
  link.push(frame);
  link.push(frame);
  first.ack(2); // frames 0 and 1 stored; 2 in flight
  link.push(frame);
  link.retry = 1; // reconnect at once in the test
  first.close(); // the network fails: 2 and 3 may be lost
  link.push(frame); // captured while disconnected
  await new Promise((r) => setTimeout(r, 10));
  const second = FakeSocket.all[1];
  assert.ok(second, 'no reconnection');
  second.hello(3); // the server stored frame 2 after all
  assert.deepEqual(first.sent, [0n, 1n, 2n, 3n]);
  assert.deepEqual(second.sent, [3n, 4n], 'resent from hello, none twice');
  second.ack(5);
  assert.equal(link.frames.size, 0, 'acknowledged frames are released');
  assert.equal(states.at(-1).pending, 0);
  link.close();
});

test('AudioLink takes up a session where the server stands (a reloaded page)', () => {
  globalThis.WebSocket = FakeSocket;
  FakeSocket.all = [];
  const link = new AudioLink('ws://x/audio');
  const frame = new Float32Array(FRAME);
  link.push(frame); // captured before the server said where it stands
  link.push(frame);
  link.start();
  const ws = FakeSocket.all[0];
  ws.hello(57); // the session already holds 57 frames from before the reload
  link.push(frame);
  assert.deepEqual(ws.sent, [57n, 58n, 59n], 'numbered on from the server\'s next, none lost');
  link.close();
});
