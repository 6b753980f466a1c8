// clips.js — «مقطع»: a publishable clip of a quote or of words selected in
// the transcript (POST /v1/transcriptions/{id}/clips), made on the server's
// queue; the dialog follows its progress and shows the finished clip in a
// <video> or <audio> preview with a download link.
import { bytes, clock, clockPrecise, clearError, el, showError } from './util.js';

const $ = (id) => document.getElementById(id);

// How often a clip being made is asked about, in milliseconds.
const POLL_MS = 700;

const STATUS = { queued: 'في الانتظار', running: 'قيد الإعداد', done: 'جاهز', failed: 'تعذّر إعداده' };

/** ClipMaker drives the clip dialog of the job view. */
export class ClipMaker {
  constructor({ api, announce }) {
    this.api = api;
    this.announce = announce;
    this.job = null;
    this.want = null; // { quote } or { from, to }
    this.run = 0; // bumped to stop polling a clip nobody looks at
    this.url = '';
    $('clip-make').addEventListener('click', () => this.make());
    $('clip-close').addEventListener('click', () => $('clip-dialog').close());
    $('clip-dialog').addEventListener('close', () => this.reset());
    $('clip-format').addEventListener('change', () => this.syncFields());
  }

  /**
   * open shows the dialog for job: a quote (its number, 1 for the first of
   * the alignment's quotes) or the span from–to (seconds), described by label.
   */
  open(job, want, label) {
    this.reset();
    this.job = job;
    this.want = want;
    $('clip-span').textContent = label;
    this.syncFields();
    $('clip-dialog').showModal();
  }

  // syncFields hides what an audio clip does not have (a picture, captions).
  syncFields() {
    const video = $('clip-format').value === 'mp4';
    for (const id of ['clip-aspect-field', 'clip-captions-field', 'clip-language-field', 'clip-highlight-field']) $(id).hidden = !video;
  }

  reset() {
    this.run++;
    if (this.url.startsWith('blob:')) URL.revokeObjectURL(this.url);
    this.url = '';
    $('clip-preview').replaceChildren();
    $('clip-status').textContent = '';
    $('clip-progress').hidden = true;
    $('clip-make').disabled = false;
    clearError($('clip-error'));
  }

  async make() {
    const { api, job } = this;
    if (!job) return;
    this.reset();
    const run = this.run;
    const format = $('clip-format').value;
    const body = { ...this.want, format };
    if (format === 'mp4') {
      body.aspect = $('clip-aspect').value;
      body.captions = $('clip-captions').value;
      body.highlight = $('clip-highlight').checked;
      // English captions come from the machine translation (the server says
      // no_translation until one is made).
      if (body.captions !== 'none' && $('clip-language').value === 'en') body.language = 'en';
    }
    $('clip-make').disabled = true;
    const base = `/transcriptions/${api.id(job.id)}/clips`;
    try {
      let clip = await api.request('POST', base, body);
      this.show(clip);
      while (clip.status === 'queued' || clip.status === 'running') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (run !== this.run) return;
        clip = await api.request('GET', `${base}/${api.id(clip.id)}`);
        this.show(clip);
      }
      if (clip.status === 'failed') {
        showError($('clip-error'), { code: clip.error?.code || '', status: 500, serverMessage: clip.error?.message || '' });
        return;
      }
      const url = await api.mediaURL(`${base}/${api.id(clip.id)}/file`);
      if (run !== this.run) return;
      this.url = url;
      this.preview(clip, url);
    } catch (err) {
      if (run === this.run) showError($('clip-error'), err);
    } finally {
      if (run === this.run) $('clip-make').disabled = false;
    }
  }

  // show reports a clip's status and progress.
  show(clip) {
    const p = $('clip-progress');
    p.hidden = clip.status === 'done' || clip.status === 'failed';
    p.value = clip.progress;
    // Times and sizes are isolated left to right, so that «0:02.9–0:08.2»
    // keeps its order inside the Arabic line.
    const ltr = (t) => el('bdi', { dir: 'ltr' }, t);
    $('clip-status').replaceChildren(...(clip.status === 'done'
      ? [`${STATUS.done}: `, ltr(`${clockPrecise(clip.start)}–${clockPrecise(clip.end)}`),
        ` (${clip.duration.toFixed(1)} ث، `, ltr(bytes(clip.bytes)), ')']
      : [`${STATUS[clip.status] || clip.status} `, ltr(`${clip.progress}%`)]));
    if (clip.status === 'done' || clip.status === 'failed') this.announce?.(`المقطع ${STATUS[clip.status]}`);
  }

  // preview puts the finished clip in a player with a download link.
  preview(clip, url) {
    const media = clip.format === 'mp4'
      ? el('video', { controls: true, playsinline: true, preload: 'metadata', src: url, class: `clip-video a-${clip.aspect.replace(':', 'x')}`, 'aria-label': 'معاينة المقطع' })
      : el('audio', { controls: true, preload: 'metadata', src: url, 'aria-label': 'معاينة المقطع' });
    const link = el('a', { href: url, download: `${clip.id}.${clip.format}`, class: 'btn' }, `تنزيل المقطع (${clip.format.toUpperCase()})`);
    $('clip-preview').replaceChildren(media, el('p', {}, link));
  }
}

/** spanLabel describes a span for the dialog: «من 1:02 إلى 1:20». */
export function spanLabel(start, end) {
  return `من ${clock(start)} إلى ${clock(end)}`;
}
