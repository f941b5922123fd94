// otp4j observer page. Every text that comes from the system (actor names, classes, message texts) is
// written with textContent or setAttribute, never parsed as HTML: a name or message containing markup
// shows as text. No framework, nothing fetched from elsewhere (the server's Content-Security-Policy
// forbids it anyway).
'use strict';

const ROOT = '/user';
const PAGE = 100;
const FEED_LINES = 200;

const state = {
  system: null,
  samples: [],
  maxSamples: 300,
  expanded: new Map([[ROOT, PAGE]]), // path -> how many children are loaded
  children: new Map(),               // path -> {total, items}
  rows: new Map(),                   // path -> <tr>, reused across refreshes
  search: '',
  searchResult: null,
  loading: false,      // reloading the recent history: live events wait in pending
  pending: [],
  lastFeedSeq: 0,      // the newest feed line shown: a line is shown once, however it arrives
  lastSampleT: 0,
  refreshing: false,
  refreshAgain: false,
  refreshes: 0,
};

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = String(text);
  return e;
}

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(url + ': ' + r.status);
  return r.json();
}

// ---- tree --------------------------------------------------------------------------------------------

async function loadChildren(path) {
  const limit = state.expanded.get(path) || PAGE;
  const page = await getJson('/api/children?path=' + encodeURIComponent(path) + '&offset=0&limit=' + limit);
  state.children.set(path, page);
}

async function refresh() {
  if (state.refreshing) { state.refreshAgain = true; return; }
  state.refreshing = true;
  try {
    do {
      state.refreshAgain = false;
      if (state.search) {
        state.searchResult = await getJson('/api/search?q=' + encodeURIComponent(state.search) + '&limit=50');
      } else {
        for (const path of [...state.expanded.keys()]) {
          try {
            await loadChildren(path);
          } catch (e) { // the actor has gone: forget it was open
            if (path !== ROOT) { state.expanded.delete(path); state.children.delete(path); }
          }
        }
      }
      render();
    } while (state.refreshAgain);
  } finally {
    state.refreshing = false;
  }
}

function supervisionText(s) {
  return s ? s.strategy + ' ' + s.maxRestarts + '/' + (s.periodMillis / 1000) + 's' : '';
}

function rowFor(item, depth, label) {
  let tr = state.rows.get(item.path);
  if (!tr) {
    tr = el('tr', 'actor-row');
    tr.setAttribute('data-path', item.path);
    const name = el('td', 'c-name');
    const toggle = el('button', 'toggle');
    toggle.type = 'button';
    toggle.addEventListener('click', () => toggleNode(item.path));
    name.append(toggle, el('span', 'label'), el('span', 'own'));
    tr.append(name);
    for (const c of ['class', 'dispatcher', 'state']) tr.append(el('td', 'c-' + c));
    for (const c of ['mailbox', 'processed', 'restarts']) tr.append(el('td', 'num c-' + c));
    tr.append(el('td', 'c-supervisedBy'));
    const actions = el('td', 'c-actions');
    actions.hidden = !(state.system && state.system.actionsEnabled);
    for (const a of ['stop', 'kill', 'restart']) {
      const b = el('button', 'action-' + a, a);
      b.type = 'button';
      b.addEventListener('click', () => act(a, item.path));
      actions.append(b);
    }
    tr.append(actions);
    state.rows.set(item.path, tr);
  }
  const cells = tr.cells;
  const toggle = cells[0].firstChild;
  toggle.textContent = item.children > 0 ? (state.expanded.has(item.path) ? '▾' : '▸') : '';
  toggle.disabled = item.children === 0;
  toggle.setAttribute('aria-label', (state.expanded.has(item.path) ? 'collapse ' : 'expand ') + item.path);
  cells[0].style.paddingLeft = (6 + depth * 16) + 'px';
  cells[0].querySelector('.label').textContent = label;
  cells[0].title = item.path;
  cells[1].textContent = item.class.substring(item.class.lastIndexOf('.') + 1); // the package is in the tooltip
  cells[1].title = item.class;
  cells[2].textContent = item.dispatcher.replace(/^[A-Za-z]+Dispatcher\[(.*)\]$/, '$1');
  cells[2].title = item.dispatcher;
  cells[3].textContent = item.state;
  cells[3].className = 'c-state state-' + item.state;
  cells[4].textContent = item.mailbox;
  cells[5].textContent = item.processed;
  cells[6].textContent = item.restarts;
  cells[7].textContent = supervisionText(item.supervisedBy);
  cells[0].querySelector('.own').textContent = item.supervision ? ' supervises ' + supervisionText(item.supervision) : '';
  cells[8].querySelector('.action-restart').hidden = !item.supervisedBy;
  return tr;
}

function moreRow(path, shown, total, depth) {
  const tr = el('tr', 'more-row');
  tr.setAttribute('data-more-of', path);
  const td = el('td');
  td.colSpan = 9;
  td.style.paddingLeft = (22 + depth * 16) + 'px';
  const b = el('button', 'more', 'show ' + Math.min(PAGE, total - shown) + ' more (' + shown + ' of ' + total + ')');
  b.type = 'button';
  b.addEventListener('click', async () => {
    state.expanded.set(path, (state.expanded.get(path) || PAGE) + PAGE);
    await loadChildren(path);
    render();
  });
  td.append(b);
  tr.append(td);
  return tr;
}

function render() {
  const out = document.createDocumentFragment();
  const used = new Set();
  const info = $('search-info');
  if (state.search && state.searchResult) {
    const r = state.searchResult;
    info.textContent = r.total === 0 ? 'no actor matches' :
      (r.total > r.items.length ? 'first ' + r.items.length + ' of ' + r.total + ' matches' : r.total + ' match' + (r.total === 1 ? '' : 'es'));
    for (const item of r.items) {
      out.append(rowFor(item, 0, item.path));
      used.add(item.path);
    }
  } else {
    info.textContent = '';
    const walk = (path, depth) => {
      const page = state.children.get(path);
      if (!page) return;
      for (const item of page.items) {
        out.append(rowFor(item, depth, item.name));
        used.add(item.path);
        if (state.expanded.has(item.path)) walk(item.path, depth + 1);
      }
      if (page.items.length < page.total) out.append(moreRow(path, page.items.length, page.total, depth));
    };
    walk(ROOT, 0);
  }
  for (const path of [...state.rows.keys()]) if (!used.has(path)) state.rows.delete(path);
  const body = $('tree-body');
  body.replaceChildren(out);
  state.refreshes++;
  body.setAttribute('data-refreshes', String(state.refreshes));
}

async function toggleNode(path) {
  if (state.expanded.has(path)) {
    state.expanded.delete(path);
    state.children.delete(path);
  } else {
    state.expanded.set(path, PAGE);
    if (state.search) { // leave the search and show the actor in its tree
      state.search = '';
      $('search').value = '';
    }
    for (let p = parentOf(path); p && p !== ROOT; p = parentOf(p)) if (!state.expanded.has(p)) state.expanded.set(p, PAGE);
  }
  await refresh();
}

function parentOf(path) {
  const i = path.lastIndexOf('/');
  return i > 0 ? path.substring(0, i) : null;
}

// ---- actions -----------------------------------------------------------------------------------------

async function act(action, path) {
  const status = $('action-status');
  const token = $('token').value.trim();
  sessionStorage.setItem('otp4j-observer-token', token);
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  try {
    const r = await fetch('/api/actions/' + action + '?path=' + encodeURIComponent(path), { method: 'POST', headers });
    const body = await r.json().catch(() => ({}));
    status.textContent = r.ok ? action + ' ' + path + ': accepted' :
      action + ' ' + path + ': refused (' + r.status + ') ' + (body.error || '');
    status.className = r.ok ? 'accepted' : 'refused';
    status.setAttribute('data-status', String(r.status));
  } catch (e) {
    status.textContent = action + ' ' + path + ': ' + e.message;
    status.className = 'refused';
  }
  refresh();
}

// ---- feed --------------------------------------------------------------------------------------------

function addFeed(entry) {
  if (entry.seq <= state.lastFeedSeq) return;
  state.lastFeedSeq = entry.seq;
  const li = el('li');
  li.setAttribute('data-kind', entry.kind);
  li.append(el('span', 'time', new Date(entry.t).toLocaleTimeString('en-GB')),
    el('span', 'kind kind-' + entry.kind, entry.kind),
    el('span', 'path', entry.path),
    el('span', 'text', entry.text));
  const filter = $('feed-filter').value;
  li.hidden = filter !== '' && filter !== entry.kind;
  const feed = $('feed');
  feed.prepend(li);
  while (feed.childElementCount > FEED_LINES) feed.lastElementChild.remove();
}

function applyFeedFilter() {
  const filter = $('feed-filter').value;
  for (const li of $('feed').children) li.hidden = filter !== '' && filter !== li.getAttribute('data-kind');
}

// ---- charts ------------------------------------------------------------------------------------------

const CHARTS = {
  messagesPerSecond: { format: (v) => v.toFixed(0) },
  deadLettersPerSecond: { format: (v) => v.toFixed(1) },
  restarts: { format: (v) => v.toFixed(0) },
  liveActors: { format: (v) => v.toFixed(0) },
  poolUtilisation: { format: (v) => v < 0 ? 'n/a' : (v * 100).toFixed(0) + ' %', max: 1 },
  heapUsed: { format: (v) => (v / 1048576).toFixed(0) + ' MB' },
};

function drawCharts() {
  for (const fig of document.querySelectorAll('#charts figure')) {
    const key = fig.getAttribute('data-series');
    const spec = CHARTS[key];
    const values = state.samples.map((s) => s[key] === null ? 0 : Math.max(0, s[key]));
    const last = state.samples.length ? state.samples[state.samples.length - 1][key] : null;
    fig.querySelector('b').textContent = last === null ? '' : spec.format(last);
    const canvas = fig.querySelector('canvas');
    const ctx = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height;
    ctx.clearRect(0, 0, w, h);
    if (values.length < 2) continue;
    const max = spec.max || Math.max(1, ...values) * 1.1;
    const step = w / (state.maxSamples - 1);
    const x0 = w - (values.length - 1) * step;
    ctx.beginPath();
    values.forEach((v, i) => {
      const x = x0 + i * step, y = h - 2 - (v / max) * (h - 4);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = '#2563eb';
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.lineTo(w, h);
    ctx.lineTo(x0, h);
    ctx.closePath();
    ctx.fillStyle = 'rgba(37, 99, 235, 0.08)';
    ctx.fill();
  }
}

// ---- live --------------------------------------------------------------------------------------------

async function loadSystem() {
  const sys = await getJson('/api/system');
  state.system = sys;
  $('system-name').textContent = sys.name;
  document.title = 'otp4j observer: ' + sys.name;
  state.maxSamples = Math.max(2, sys.historySamples);
  state.samples = sys.samples;
  state.lastSampleT = sys.samples.length ? sys.samples[sys.samples.length - 1].t : 0;
  $('actions-box').hidden = !sys.actionsEnabled;
  document.querySelector('th.actions-col').hidden = !sys.actionsEnabled;
  for (const tr of state.rows.values()) tr.cells[8].hidden = !sys.actionsEnabled;
  $('feed').replaceChildren();
  state.lastFeedSeq = 0;
  for (const entry of sys.feed) addFeed(entry);
  drawCharts();
}

function addSample(sample) {
  if (sample.t <= state.lastSampleT) return;
  state.lastSampleT = sample.t;
  state.samples.push(sample);
  while (state.samples.length > state.maxSamples) state.samples.shift();
  drawCharts();
}

// Loads the recent history once the event stream is open, so that nothing falls between the two; what the
// stream brings meanwhile waits, and is applied after (each line and point once, by number and time).
async function reload() {
  state.loading = true;
  try {
    await loadSystem();
  } finally {
    state.loading = false;
    const pending = state.pending;
    state.pending = [];
    for (const [kind, data] of pending) (kind === 'feed' ? addFeed : addSample)(data);
  }
  await refresh();
}

function connect() {
  const source = new EventSource('/api/events');
  const conn = $('connection');
  source.addEventListener('open', async () => {
    conn.textContent = 'live';
    conn.className = 'connection live';
    await reload();
    document.body.setAttribute('data-ready', 'true');
  });
  source.addEventListener('error', () => {
    conn.textContent = 'reconnecting…';
    conn.className = 'connection down';
  });
  source.addEventListener('sample', (e) => {
    const sample = JSON.parse(e.data);
    if (state.loading) { state.pending.push(['sample', sample]); return; }
    addSample(sample);
    refresh();
  });
  source.addEventListener('feed', (e) => {
    const entry = JSON.parse(e.data);
    if (state.loading) state.pending.push(['feed', entry]); else addFeed(entry);
  });
  source.addEventListener('tree', () => refresh()); // a restart or stop: the server has re-read the tree
}

async function main() {
  $('token').value = sessionStorage.getItem('otp4j-observer-token') || '';
  let timer = null;
  $('search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.search = $('search').value.trim();
      state.searchResult = null;
      refresh();
    }, 150);
  });
  $('feed-filter').addEventListener('change', applyFeedFilter);
  // a link can open nodes: #open=/user/shop,/user/shop/workers
  const open = new URLSearchParams(location.hash.substring(1)).get('open');
  if (open) for (const path of open.split(',')) if (path.startsWith(ROOT + '/')) state.expanded.set(path, PAGE);
  connect(); // the history loads once the stream is open
}

main();
