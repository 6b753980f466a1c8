// edit.js — correcting the transcript while listening. A correction is a
// PATCH of GET /v1/transcriptions/{id}/transcript's current revision (its
// number goes along as base_revision, so two tabs never overwrite each
// other: the second gets 409 and the current revision); the server keeps
// every revision (history and revert), keeps the times of corrected words
// and re-aligns the article without speech recognition. Speakers are named
// with a picker that offers the article's people.
import { clock, el, showError, stamp, toast } from './util.js';
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

/**
 * wordSpan is the speaker span that names exactly the given words
 * ({start, end}, seconds): from the middle of the first to just past the
 * middle of the last. The server gives a word to a span by its middle, so
 * a word of a neighbouring paragraph — even one whose segment overlaps in
 * time — is never named with them, and paragraph boundaries stay put.
 * Null for no words.
 */
export function wordSpan(words) {
  const mids = words.map((w) => (w.start + w.end) / 2).filter(Number.isFinite);
  if (!mids.length) return null;
  return { start: Math.min(...mids), end: Math.max(...mids) + 0.001 };
}

/** segmentTimes are the word times of segments (indexes) of tr; a segment without words counts as one. */
export function segmentTimes(tr, segments) {
  return segments.flatMap((si) => {
    const s = tr.segments[si];
    return (s.words || []).length ? s.words.map((w) => ({ start: w.start, end: w.end })) : [{ start: s.start, end: s.end }];
  });
}

/** people are the names a speaker can be given: the article's (the quote check's speakers) first, then the transcript's. */
export function people(alignment, tr) {
  const out = [];
  for (const q of alignment?.quotes || []) if (q.check?.speaker) out.push(q.check.speaker);
  for (const s of tr?.segments || []) if (s.speaker) out.push(s.speaker);
  return [...new Set(out.map((n) => n.trim()).filter(Boolean))];
}

// flat lists the words of transcript t with their speakers.
const flat = (t) => (t?.segments || []).flatMap((s) => segmentWords(s).map((w) => ({ ...w, speaker: s.speaker || '' })));

/**
 * transcriptChanges says what changed from transcript a to b, in Arabic
 * lines a journalist reads: the words corrected («…» صار «…» at a time)
 * and the speakers named or renamed. Names in seeded that appear where
 * nobody was named are the article's, filled in by the server with the
 * first correction, not a change of the person's.
 */
export function transcriptChanges(a, b, seeded = new Set()) {
  const wa = flat(a), wb = flat(b), out = [];
  let i = 0;
  while (i < wa.length && i < wb.length && wa[i].text === wb[i].text) i++;
  let j = 0;
  while (j < wa.length - i && j < wb.length - i && wa[wa.length - 1 - j].text === wb[wb.length - 1 - j].text) j++;
  const was = wa.slice(i, wa.length - j), now = wb.slice(i, wb.length - j);
  if (was.length || now.length) {
    const at = (now[0] || was[0]).start;
    const q = (ws) => (ws.length ? `«${ws.map((w) => w.text).join(' ')}»` : 'لا شيء');
    out.push(`صُحّح عند ${clock(at)}: ${q(was)} صار ${q(now)}`);
  }
  if (wa.length === wb.length) {
    for (let k = 0; k < wb.length; k++) {
      const from = wa[k].speaker, to = wb[k].speaker;
      if (from === to || (!from && seeded.has(to))) continue;
      const at = wb[k].start;
      while (k + 1 < wb.length && wa[k + 1].speaker === from && wb[k + 1].speaker === to) k++;
      out.push(!from ? `سُمّي المتحدث عند ${clock(at)}: «${to}»`
        : !to ? `حُذف اسم المتحدث «${from}» عند ${clock(at)}`
          : `المتحدث عند ${clock(at)}: «${from}» صار «${to}»`);
    }
  }
  return out;
}

/** revisionNote puts the server's note of a revision in Arabic. */
export function revisionNote(note) {
  const m = String(note || '').match(/^revert to revision (\d+)$/);
  if (m) return Number(m[1]) === 0 ? 'استرجاع التفريغ الآلي الأصلي' : `استرجاع المراجعة ${m[1]}`;
  return note || '';
}

/** HISTORY_DIFFS is how many of the newest revisions the history says the changes of. */
const HISTORY_DIFFS = 20;

/** TranscriptEditor saves corrections and speakers and shows the history. */
export class TranscriptEditor {
  constructor({ api, view, announce }) {
    this.api = api;
    this.view = view; // the JobView: cur.job, cur.tr (with .revision), cur.alignment, refresh()
    this.announce = announce;
    $('history-btn').addEventListener('click', () => this.toggleHistory());
    $('speaker-btn').addEventListener('click', (e) => this.nameSelection(e.currentTarget));
  }

  path() { return `/transcriptions/${this.api.id(this.view.cur.job.id)}/transcript`; }

  // save sends patch on the revision shown and says what happened beside
  // the control the person used (anchor() finds it again once the page is
  // redrawn); it returns true when stored.
  async save(patch, what, anchor = () => null) {
    const cur = this.view.cur;
    try {
      const rev = await this.api.request('PATCH', this.path(), { base_revision: cur.tr.revision, ...patch });
      const said = await this.view.refresh(`${what} (المراجعة ${rev.revision}).`);
      const a = anchor();
      a?.scrollIntoView({ block: 'nearest' });
      toast(a, said, { ms: 9000 });
      if (!$('history').hidden) this.drawHistory();
      return true;
    } catch (err) {
      if (err.status === 409 && err.code === 'conflict') {
        const n = err.body?.current?.revision;
        const said = await this.view.refresh(`غيّر أحدٌ هذا التفريغ في نافذة أخرى${n != null ? ` (المراجعة ${n})` : ''}: عُرضت النسخة الحالية ولم يُحفظ تصحيحك. أعد إدخاله عليها.`);
        toast(anchor(), said, { ms: 9000 });
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
      // Corrected words keep their times: the first one is found by its start.
      const t0 = spans[0].dataset.start;
      const anchor = () => $('transcript').querySelector(`.tw[data-start="${t0}"]`);
      if (!(await this.save({ edits: [{ segment: seg, from, to: to + 1, text }] }, 'حُفظ التصحيح', anchor))) restore();
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
        toast(save, `اكتب ${p.segments.length} أسطر، سطرًا لكل مقطع.`);
        return;
      }
      if (!edits.length) { close(); return; }
      save.disabled = true;
      const t0 = textEl.querySelector('.tw')?.dataset.start;
      const anchor = () => $('transcript').querySelector(`.tw[data-start="${t0}"]`);
      if (!(await this.save({ edits }, 'حُفظ التصحيح', anchor))) save.disabled = false;
    });
  }

  /** nameParagraph names the speaker of paragraph p (see paragraphs) with the picker; anchor is the control used. */
  nameParagraph(p, anchor) {
    const tr = this.view.cur.tr;
    const at = clock(p.start);
    return this.name({ words: segmentTimes(tr, p.segments), current: p.speaker, label: `الفقرة من ${at} إلى ${clock(p.end)}`,
      anchor: () => [...$('transcript').querySelectorAll('.para-time')].find((b) => b.textContent.includes(at)) || anchor });
  }

  /**
   * nameSelection names the speaker of the words selected in the transcript
   * (or, with nothing selected, of the paragraph being played).
   */
  nameSelection(anchor) {
    const box = $('transcript');
    const sel = window.getSelection();
    const picked = sel && !sel.isCollapsed ? [...box.querySelectorAll('.tw')].filter((w) => sel.containsNode(w, true)) : [];
    if (picked.length) {
      const sp = selectedSpan(box);
      const segs = new Set(picked.map((w) => this.view.cur.tr.segments[Number(w.dataset.seg)]?.speaker || ''));
      return this.name({ words: picked.map((w) => ({ start: Number(w.dataset.start), end: Number(w.dataset.end) })),
        current: segs.size === 1 ? [...segs][0] : '', label: `الكلمات المحددة من ${clock(sp.start)} إلى ${clock(sp.end)}`, anchor: () => anchor });
    }
    const para = box.querySelector('.para.current') || box.querySelector('.para');
    if (!para) return null;
    const p = this.view.cur.transcript.paragraphAt(Number(para.dataset.start));
    return p ? this.nameParagraph(p, anchor) : null;
  }

  // name asks for a name with the speaker picker and saves it: for the
  // given words, or (rename everywhere) for every paragraph of the current
  // name.
  async name({ words, current, label, anchor }) {
    const span = wordSpan(words);
    if (!span) return;
    const choice = await this.pick(current, label);
    if (!choice) return;
    const { name, all } = choice;
    if (all && current) {
      await this.save({ rename_speakers: [{ from: current, to: name }] },
        name ? `أعيدت تسمية «${current}» إلى «${name}» في كل التسجيل` : `حُذف اسم «${current}» من كل التسجيل`, anchor);
      return;
    }
    await this.save({ speakers: [{ start: span.start, end: span.end, speaker: name }] },
      name ? `سُمّي المتحدث «${name}»` : 'حُذف اسم المتحدث', anchor);
  }

  // pick shows the speaker picker and resolves {name, all} or null.
  pick(current, label) {
    const d = $('speaker-dialog');
    const cur = this.view.cur;
    const names = people(cur.alignment, cur.tr);
    const input = $('speaker-name');
    input.value = current || '';
    $('speaker-span').textContent = label;
    const box = $('speaker-people');
    box.replaceChildren(...(names.length ? names.map((n) => el('button', {
      type: 'button', class: 'btn person', 'aria-pressed': String(n === current),
      onclick: (e) => {
        input.value = n;
        for (const b of box.querySelectorAll('.person')) b.setAttribute('aria-pressed', String(b === e.currentTarget));
      },
    }, n)) : [el('p', { class: 'muted' }, 'لا أسماء بعد: اكتب الاسم.')]));
    const count = current ? (cur.tr.segments || []).filter((s) => s.speaker === current).length : 0;
    $('speaker-all-field').hidden = !current;
    $('speaker-all').checked = false;
    $('speaker-all-label').textContent = current ? `أعد تسمية «${current}» في كل التسجيل (${count} ${count === 1 ? 'مقطع' : 'مقاطع'})` : '';
    d.returnValue = '';
    d.showModal();
    input.focus();
    input.select();
    return new Promise((resolve) => {
      d.addEventListener('close', () => {
        const v = d.returnValue;
        if (v === 'save' && input.value.trim()) resolve({ name: input.value.trim(), all: $('speaker-all').checked });
        else if (v === 'clear') resolve({ name: '', all: $('speaker-all').checked });
        else resolve(null);
      }, { once: true });
    });
  }

  async toggleHistory() {
    const box = $('history');
    box.hidden = !box.hidden;
    $('history-btn').setAttribute('aria-expanded', String(!box.hidden));
    if (!box.hidden) await this.drawHistory();
  }

  // drawHistory lists the revisions, the newest first, each with who, when
  // and what changed from the one before it.
  async drawHistory() {
    const list = $('history-list');
    try {
      const revs = (await this.api.request('GET', `${this.path()}/revisions`)).data
        .sort((a, b) => b.revision - a.revision);
      const wanted = revs.slice(0, HISTORY_DIFFS + 1).map((r) => r.revision);
      const bodies = new Map(await Promise.all(wanted.map(async (n) =>
        [n, (await this.api.request('GET', `${this.path()}/revisions/${n}`)).transcript])));
      const seeded = new Set(people(this.view.cur.alignment, null));
      const name = (n) => (n === 0 ? 'التفريغ الآلي الأصلي' : `المراجعة ${n}`);
      list.replaceChildren(...revs.map((r, k) => {
        const before = revs[k + 1];
        let what = [];
        if (r.revision === 0) what = ['كما تعرّفت عليه الآلة'];
        else if (before && bodies.has(r.revision) && bodies.has(before.revision)) {
          what = transcriptChanges(bodies.get(before.revision), bodies.get(r.revision), before.revision === 0 ? seeded : new Set());
          if (!what.length) what = ['لا فرق في الكلمات ولا في المتحدثين'];
        }
        const note = revisionNote(r.note);
        return el('li', { class: r.current ? 'rev current-rev' : 'rev' },
          el('p', { class: 'rev-head' }, el('strong', {}, name(r.revision)), r.current ? ' (الحالية)' : '',
            ' · ', el('span', { dir: 'auto' }, r.author || (r.revision === 0 ? 'التعرّف الآلي' : 'بلا اسم')),
            ' · ', el('time', { dir: 'ltr' }, stamp(r.created_at))),
          note ? el('p', { class: 'rev-note' }, note) : null,
          what.length ? el('ul', { class: 'rev-what', 'aria-label': 'ما الذي تغيّر' }, ...what.map((w) => el('li', {}, w))) : null,
          r.current ? null : el('button', {
            type: 'button', class: 'btn small', onclick: (e) => this.revert(r.revision, e.currentTarget),
          }, 'استرجاع ', name(r.revision)));
      }));
    } catch (err) { showError($('transcript-error'), err); }
  }

  async revert(n, button) {
    const cur = this.view.cur;
    try {
      const rev = await this.api.request('POST', `${this.path()}/revert`, { revision: n, base_revision: cur.tr.revision });
      const said = await this.view.refresh(`استُرجعت ${n === 0 ? 'النسخة الآلية الأصلية' : `المراجعة ${n}`} (صارت المراجعة ${rev.revision}).`);
      await this.drawHistory();
      toast(button?.isConnected ? button : $('history-btn'), said, { ms: 9000 });
    } catch (err) { showError($('transcript-error'), err); }
  }
}
