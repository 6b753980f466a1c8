// app.js — the newsroom page's entry: builds each view with the API client
// and routes between the newsroom (upload form and jobs) and one job's view
// by the location hash (#job/{id}).
import { client } from './api.js';
import { UploadForm } from './upload.js';
import { Announcer, el } from './util.js';
import { verdictOrder } from './words.js';
import { badge } from './quotes.js';
import { JobsList } from './jobs.js';
import { JobView } from './jobview.js';
import { TranscriberKeys } from './keys.js';
import { TranscriptEditor } from './edit.js';
import { SearchBox } from './search.js';

const $ = (id) => document.getElementById(id);

// drawLegend lists every verdict, in its colours and with its mark, above
// the article the colours are used in.
function drawLegend() {
  const ul = $('legend');
  ul.prepend(...verdictOrder().map((v) => el('li', {}, badge(v))));
}

function main() {
  drawLegend();
  const base = document.documentElement.dataset.base || '';
  const api = client(base);
  const jobs = new JobsList({ api });
  const announce = new Announcer($('announce'));
  new UploadForm({ api, jobs, announce });
  const view = new JobView({ api, base, announce });
  view.editor = new TranscriptEditor({ api, view, announce: (t) => announce.say(t) });
  new SearchBox({ api });

  const keys = new TranscriberKeys({
    audio: $('player'), active: () => !$('article-view').hidden, rateEl: $('rate'), help: $('keys-help'),
    announce: (t) => announce.say(t),
  });
  for (const [id, a] of [['back5', 'back'], ['fwd5', 'forward'], ['slower', 'slower'], ['faster', 'faster'], ['keys-btn', 'help']]) {
    $(id).addEventListener('click', () => keys.run(a));
  }

  const input = $('api-key');
  input.value = api.key;
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    api.key = input.value.trim();
    $('key-status').textContent = api.key ? 'حُفظ المفتاح في هذا المتصفح.' : 'أزيل المفتاح.';
    jobs.refresh();
  });

  const route = () => {
    const m = location.hash.match(/^#job\/([^?]+)(?:\?(.*))?$/);
    if (m) {
      const t = parseFloat(new URLSearchParams(m[2] || '').get('t'));
      view.open(decodeURIComponent(m[1]), Number.isFinite(t) && t >= 0 ? t : null);
    } else {
      view.close();
      $('article-view').hidden = true;
      $('newsroom').hidden = false;
    }
  };
  window.addEventListener('hashchange', route);
  route();
  jobs.refresh();
}

main();
