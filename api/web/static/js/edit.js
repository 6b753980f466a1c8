// edit.js — correcting the transcript while listening. A correction is a
// PATCH of GET /v1/transcriptions/{id}/transcript's current revision (its
// number goes along as base_revision, so two tabs never overwrite each
// other: the second gets 409 and the current revision); the server keeps
// every revision (history and revert), keeps the times of corrected words
// and re-aligns the article without speech recognition.
import { clock, el, showError, stamp } from './util.js';
import { segmentWords, selectedSpan } from './transcript.js';

const $ = (id) => document.getElementById(id);

/**
 * segmentEdits compares a paragraph's segments with the text typed for it,
 * one line per segment, and returns the edits for the lines that changed:
 * [{segment, text}] (the whole segment replaced). It returns null when the
 * number of lines is not the number of segments.
 */
export function segmentEdits(tr, segments, typed) {
  const lines = typed.split('\n').map((l) => l.trim());
  while (lines.length > segments.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== segments.length) return null;
  const edits = [];
  segments.forEach((si, k) => {
    const was = segmentWords(tr.segments[si]).map((w) => w.text).join(' ');
    const now = lines[k].split(/\s+/).filter(Boolean).join(' ');
    if (now !== was) edits.push({ segment: si, text: now });
  });
  return edits;
}

/** TranscriptEditor saves corrections and speakers and shows the history. */
export class TranscriptEditor {
  constructor({ api, view, announce }) {
    this.api = api;
    this.view = view; // the JobView: cur.job, cur.tr (with .revision), refresh()
    this.announce = announce;
    $('history-btn').addEventListener('click', () => this.toggleHistory());
    $('speaker-btn').addEventListener('click', () => this.nameSelection());
  }

  path() { return `/transcriptions/${this.api.id(this.view.cur.job.id)}/transcript`; }

  // save sends patch on the revision shown; it returns true when stored.
  async save(patch, what) {
    const cur = this.view.cur;
    try {
      const rev = await this.api.request('PATCH', this.path(), { base_revision: cur.tr.revision, ...patch });
      await this.view.refresh(`${what} (المراجعة ${rev.revision}).`);
      if (!$('history').hidden) this.drawHistory();
      return true;
    } catch (err) {
      if (err.status === 409 && err.code === 'conflict') {
        const n = err.body?.current?.revision;
        await this.view.refresh(`غيّر أحدٌ هذا التفريغ في نافذة أخرى${n != null ? ` (المراجعة ${n})` : ''}: عُرضت النسخة الحالية ولم يُحفظ تصحيحك. أعد إدخاله عليها.`);
      } else {
        showError($('transcript-error'), err);
      }
      return false;
    }
  }

  /** editWords replaces the words spanned by a and b (word spans of one segment) with an input. */
  editWords(a, b = a) {
    if (a.dataset.seg !== b.dataset.seg) { b = a; }
    let from = Number(a.dataset.i), to = Number(b.dataset.i);
    if (to < from) [from, to] = [to, from];
    const seg = Number(a.dataset.seg);
    const spans = [...a.parentNode.querySelectorAll(`.tw[data-seg="${seg}"]`)].filter((w) => Number(w.dataset.i) >= from && Number(w.dataset.i) <= to);
    const input = el('input', {
      class: 'word-edit', dir: 'rtl', 'aria-label': `تصحيح «${spans.map((w) => w.textContent).join(' ')}» عند ${clock(Number(spans[0].dataset.start))}`,
    });
    input.value = spans.map((w) => w.textContent).join(' ');
    spans[0].before(input);
    for (const w of spans) w.hidden = true;
    input.focus();
    input.select();
    const restore = () => { input.remove(); for (const w of spans) w.hidden = false; };
    let done = false;
    input.addEventListener('keydown', async (e) => {
      if (e.key === 'Escape') { e.preventDefault(); done = true; restore(); spans[0].focus?.(); }
      if (e.key !== 'Enter') return;
      e.preventDefault();
      done = true;
      const text = input.value.trim().split(/\s+/).filter(Boolean).join(' ');
      if (text === spans.map((w) => w.textContent).join(' ')) { restore(); return; }
      input.disabled = true;
      if (!(await this.save({ edits: [{ segment: seg, from, to: to + 1, text }] }, 'حُفظ التصحيح'))) restore();
    });
    input.addEventListener('blur', () => { if (!done) restore(); });
  }

  /** editParagraph opens a text box on paragraph p (one line per segment). */
  editParagraph(p, textEl) {
    const tr = this.view.cur.tr;
    const ta = el('textarea', { class: 'para-edit', dir: 'rtl', rows: String(Math.max(2, p.segments.length + 1)), 'aria-label': `تصحيح الفقرة من ${clock(p.start)}، سطر لكل مقطع` });
    ta.value = p.segments.map((si) => segmentWords(tr.segments[si]).map((w) => w.text).join(' ')).join('\n');
    const save = el('button', { type: 'button', class: 'btn small primary' }, 'حفظ التصحيح');
    const cancel = el('button', { type: 'button', class: 'btn small' }, 'إلغاء');
    const box = el('div', { class: 'para-editor' }, ta, el('div', { class: 'row' }, save, cancel,
      el('span', { class: 'muted' }, 'سطر لكل مقطع؛ تحتفظ الكلمات المصحّحة بأوقاتها.')));
    textEl.hidden = true;
    textEl.after(box);
    ta.focus();
    const close = () => { box.remove(); textEl.hidden = false; };
    cancel.addEventListener('click', close);
    ta.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } });
    save.addEventListener('click', async () => {
      const edits = segmentEdits(tr, p.segments, ta.value);
      if (edits === null) {
        this.announce(`اكتب ${p.segments.length} أسطر، سطرًا لكل مقطع.`);
        $('view-status').textContent = `اكتب ${p.segments.length} أسطر، سطرًا لكل مقطع.`;
        return;
      }
      if (!edits.length) { close(); return; }
      save.disabled = true;
      if (!(await this.save({ edits }, 'حُفظ التصحيح'))) save.disabled = false;
    });
  }

  /**
   * nameSelection names the speaker of the words selected in the transcript
   * (or, with nothing selected, of the paragraph being played).
   */
  async nameSelection(span = null) {
    let range = span || selectedSpan($('transcript'));
    if (!range) {
      const para = $('transcript').querySelector('.para.current') || $('transcript').querySelector('.para');
      if (!para) return;
      range = { start: Number(para.dataset.start), end: Number(para.dataset.end) };
    }
    const name = window.prompt(`اسم المتحدث من ${clock(range.start)} إلى ${clock(range.end)} (اتركه فارغًا لحذفه):`, '');
    if (name === null) return;
    if (!(range.end > range.start)) range.end = range.start + 0.01;
    await this.save({ speakers: [{ start: range.start, end: range.end, speaker: name.trim() }] }, name.trim() ? `سُمّي المتحدث «${name.trim()}»` : 'حُذف اسم المتحدث');
  }

  async toggleHistory() {
    const box = $('history');
    box.hidden = !box.hidden;
    $('history-btn').setAttribute('aria-expanded', String(!box.hidden));
    if (!box.hidden) await this.drawHistory();
  }

  async drawHistory() {
    const list = $('history-list');
    try {
      const revs = await this.api.request('GET', `${this.path()}/revisions`);
      list.replaceChildren(...revs.data.map((r) => el('li', { class: r.current ? 'current-rev' : '' },
        el('span', {}, r.revision === 0 ? 'التفريغ الآلي الأصلي' : `المراجعة ${r.revision}`),
        ' · ', el('span', { dir: 'auto' }, r.author || (r.revision === 0 ? 'التعرّف الآلي' : 'بلا اسم')),
        ' · ', el('span', { dir: 'ltr' }, stamp(r.created_at)),
        r.note ? el('span', { class: 'muted', dir: 'auto' }, ` — ${r.note}`) : null,
        r.current ? el('strong', {}, ' (الحالية)') : el('button', {
          type: 'button', class: 'btn small', 'aria-label': `استرجع ${r.revision === 0 ? 'التفريغ الآلي الأصلي' : `المراجعة ${r.revision}`}`,
          onclick: () => this.revert(r.revision),
        }, 'استرجاع'))));
    } catch (err) { showError($('transcript-error'), err); }
  }

  async revert(n) {
    const cur = this.view.cur;
    try {
      const rev = await this.api.request('POST', `${this.path()}/revert`, { revision: n, base_revision: cur.tr.revision });
      await this.view.refresh(`استُرجعت ${n === 0 ? 'النسخة الآلية الأصلية' : `المراجعة ${n}`} (صارت المراجعة ${rev.revision}).`);
      await this.drawHistory();
    } catch (err) { showError($('transcript-error'), err); }
  }
}
