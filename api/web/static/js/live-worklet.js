// live-worklet.js — the audio worklet of a live session's capture: it hands
// each 128-sample block of the first input channel to the page, which cuts
// frames from them (live-audio.js). It runs in the AudioContext's rate
// (16 kHz: the browser resamples the microphone).
class Capture extends AudioWorkletProcessor {
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch) this.port.postMessage(ch.slice(0));
    return true;
  }
}
registerProcessor('newsscribe-capture', Capture);
