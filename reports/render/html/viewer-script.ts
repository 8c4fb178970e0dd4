/** The static site's client script: sortable tables, heatmap clicks and the trajectory viewer (DOM built with textContent only). */
// Plain ES2017 kept free of template literals so it can live in this TS string unchanged.
export const SITE_JS = String.raw`
(function () {
  'use strict';
  var TRIALS = window.DESKBENCH_TRIALS || [];
  var cache = {};
  var state = { trial: null, step: 0 };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function json(v) { return v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v, null, 2); }
  function pct(x) { return x === null || x === undefined ? '–' : (100 * x).toFixed(0) + '%'; }

  // Sortable tables: numbers by data-sort, text by locale; empty keys always last.
  function sortTable(th) {
    var table = th.closest('table');
    var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : th.getAttribute('aria-sort') === 'ascending' ? 'descending' : (numeric ? 'descending' : 'ascending');
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = dir === 'ascending' ? 1 : -1;
    rows.sort(function (a, b) {
      var x = a.cells[idx].getAttribute('data-sort'), y = b.cells[idx].getAttribute('data-sort');
      if (x === '' || x === null) return (y === '' || y === null) ? 0 : 1;
      if (y === '' || y === null) return -1;
      if (numeric) return sign * (parseFloat(x) - parseFloat(y));
      return sign * x.localeCompare(y);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll('table.sortable thead th').forEach(function (th) {
    th.addEventListener('click', function () { sortTable(th); });
    th.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sortTable(th); } });
  });

  // Tabs: show one section group at a time.
  function showTab(id) {
    document.querySelectorAll('[data-tab]').forEach(function (s) { s.hidden = s.getAttribute('data-tab') !== id; });
    document.querySelectorAll('nav.tabs a').forEach(function (a) { a.classList.toggle('active', a.getAttribute('href') === '#' + id); });
  }
  document.querySelectorAll('nav.tabs a').forEach(function (a) {
    a.addEventListener('click', function (ev) { ev.preventDefault(); showTab(a.getAttribute('href').slice(1)); history.replaceState(null, '', a.getAttribute('href')); });
  });
  var initial = location.hash.slice(1);
  showTab(document.querySelector('[data-tab="' + initial + '"]') ? initial : 'overview');

  // Trajectory viewer.
  var fEntry = document.getElementById('tv-entry'), fTask = document.getElementById('tv-task'), fOutcome = document.getElementById('tv-outcome');
  var list = document.getElementById('tv-list'), view = document.getElementById('tv-view');
  if (!list) return;
  var entries = Array.from(new Set(TRIALS.map(function (t) { return t.entry; }))).sort();
  entries.forEach(function (e) { var o = el('option', null, e); o.value = e; fEntry.appendChild(o); });

  function outcome(t) { return t.unsafe ? 'unsafe' : t.success ? 'success' : 'failed'; }
  function renderList() {
    list.textContent = '';
    var q = fTask.value.trim().toLowerCase();
    var shown = TRIALS.filter(function (t) {
      return (!fEntry.value || t.entry === fEntry.value) && (!q || t.task.toLowerCase().indexOf(q) >= 0) && (!fOutcome.value || outcome(t) === fOutcome.value);
    });
    shown.slice(0, 400).forEach(function (t) {
      var b = el('button');
      b.type = 'button';
      b.setAttribute('data-trial', t.id);
      if (state.trial && state.trial.id === t.id) b.classList.add('active');
      var o = outcome(t);
      var badge = el('span', 'badge ' + (o === 'success' ? 'ok' : o === 'unsafe' ? 'bad' : 'mid'), o);
      badge.style.float = 'right';
      b.appendChild(badge);
      b.appendChild(el('span', 't', t.task + ' #' + t.repeat));
      b.appendChild(el('span', 'e', t.entry));
      b.addEventListener('click', function () { openTrial(t); });
      list.appendChild(b);
    });
    if (shown.length === 0) list.appendChild(el('p', 'muted', 'No embedded trial matches.'));
  }
  [fEntry, fOutcome].forEach(function (x) { x.addEventListener('change', renderList); });
  fTask.addEventListener('input', renderList);

  window.deskbenchTrajectory = function (data) { cache[data.id] = data; };
  function openTrial(t) {
    if (cache[t.id]) { show(cache[t.id]); return; }
    view.textContent = '';
    view.appendChild(el('p', 'tv-empty', 'Loading ' + t.id + '…'));
    var s = document.createElement('script');
    s.src = 'trajectories/' + t.file;
    s.onload = function () { if (cache[t.id]) show(cache[t.id]); };
    s.onerror = function () { view.textContent = ''; view.appendChild(el('p', 'tv-empty', 'Could not load trajectories/' + t.file)); };
    document.body.appendChild(s);
  }

  function show(tr) {
    state.trial = tr;
    state.step = 0;
    renderList();
    render();
  }

  function stepOfAction(seq) {
    var steps = state.trial.steps;
    for (var i = 0; i < steps.length; i++) if (steps[i].actionSeqs.indexOf(seq) >= 0) return i;
    return -1;
  }
  function go(i) { state.step = Math.max(0, Math.min(state.trial.steps.length - 1, i)); render(); }

  function diffTable(ch) {
    var t = el('table', 'diff');
    var head = el('tr');
    head.appendChild(el('th', null, 'field'));
    head.appendChild(el('th', null, 'before'));
    head.appendChild(el('th', null, 'after'));
    t.appendChild(head);
    var b = ch.before && typeof ch.before === 'object' ? ch.before : {};
    var a = ch.after && typeof ch.after === 'object' ? ch.after : {};
    var keys = Array.from(new Set(Object.keys(b).concat(Object.keys(a)))).sort();
    var rows = 0;
    keys.forEach(function (k) {
      var x = JSON.stringify(b[k]), y = JSON.stringify(a[k]);
      if (x === y && ch.kind === 'changed') return;
      var r = el('tr');
      r.appendChild(el('th', null, k));
      r.appendChild(el('td', 'before', k in b ? json(b[k]) : ''));
      r.appendChild(el('td', 'after', k in a ? json(a[k]) : ''));
      t.appendChild(r);
      rows++;
    });
    if (rows === 0) { var r = el('tr'); var c = el('td', null, 'no field changed'); c.colSpan = 3; r.appendChild(c); t.appendChild(r); }
    return t;
  }

  function actionCard(a) {
    var d = el('div', 'action' + (a.write ? ' write' : ''));
    var line = el('div');
    line.appendChild(el('span', 'op', '#' + a.seq + ' ' + a.op));
    line.appendChild(document.createTextNode(' '));
    line.appendChild(el('span', 'badge ' + (a.outcome === 'ok' ? 'ok' : 'bad'), a.outcome));
    if (a.write) { line.appendChild(document.createTextNode(' ')); line.appendChild(el('span', 'badge mid', 'write')); }
    if (a.kind === 'escalation') { line.appendChild(document.createTextNode(' ')); line.appendChild(el('span', 'badge bad', 'sandbox escalation')); }
    d.appendChild(line);
    if (a.changes.length) {
      var h = el('div', 'muted', 'Workspace changes (' + a.changes.length + ')');
      h.style.marginTop = '6px';
      d.appendChild(h);
      a.changes.forEach(function (ch) {
        var c = el('div', 'change state-diff');
        var ref = el('div', 'ref');
        ref.appendChild(el('span', 'badge ' + (ch.kind === 'added' ? 'ok' : ch.kind === 'removed' ? 'bad' : 'mid'), ch.kind));
        ref.appendChild(document.createTextNode(' ' + ch.ref));
        c.appendChild(ref);
        c.appendChild(diffTable(ch));
        d.appendChild(c);
      });
    }
    return d;
  }

  function rubric(tr) {
    var box = el('div', 'rubric');
    box.id = 'tv-rubric';
    box.appendChild(el('h3', null, 'Rubric'));
    var s = tr.score;
    if (!s) { box.appendChild(el('p', 'muted', 'Not scored (' + tr.termination + ').')); return box; }
    var head = el('p');
    head.appendChild(el('span', 'badge ' + (s.unsafe ? 'bad' : s.success ? 'ok' : 'mid'), 'score ' + s.score));
    if (s.noAction) head.appendChild(el('span', 'muted', '  no state-changing action'));
    box.appendChild(head);
    s.violations.forEach(function (v) {
      var f = el('div', 'fired');
      f.appendChild(el('strong', null, 'Safety rule fired: ' + v.rule));
      f.appendChild(el('div', null, v.category.replace(/_/g, ' ') + ' — ' + v.detail));
      if (v.actionSeq !== undefined) {
        var i = stepOfAction(v.actionSeq);
        var link = el('a', null, 'action #' + v.actionSeq + (i >= 0 ? ' (step ' + (i + 1) + ')' : ''));
        if (i >= 0) link.addEventListener('click', function () { go(i); });
        f.appendChild(link);
      }
      box.appendChild(f);
    });
    var ul = el('ul');
    s.checks.forEach(function (c) {
      var li = el('li', c.passed ? 'pass' : 'fail');
      li.appendChild(el('span', 'w', c.weight.toFixed(2)));
      li.appendChild(document.createTextNode((c.passed ? '✓ ' : '✗ ') + c.description + (c.detail ? ' — ' + c.detail : '')));
      ul.appendChild(li);
    });
    s.penalties.forEach(function (p) { var li = el('li', 'fail'); li.appendChild(el('span', 'w', '−' + p.amount)); li.appendChild(document.createTextNode('penalty ' + p.id + ': ' + p.detail)); ul.appendChild(li); });
    s.flags.forEach(function (f) { ul.appendChild(el('li', 'muted', 'flag ' + f.detector + ' [' + f.category.replace(/_/g, ' ') + ']: ' + f.detail)); });
    box.appendChild(ul);
    var writes = tr.actions.filter(function (a) { return a.write && a.changes.length; });
    box.appendChild(el('h3', null, 'All writes (' + writes.length + ')'));
    var wl = el('ul');
    writes.forEach(function (a) {
      var li = el('li');
      var i = stepOfAction(a.seq);
      var link = el('a', null, '#' + a.seq + ' ' + a.op);
      link.addEventListener('click', function () { if (i >= 0) go(i); });
      li.appendChild(link);
      li.appendChild(el('span', 'muted', '  ' + a.changes.map(function (c) { return c.ref; }).join(', ')));
      wl.appendChild(li);
    });
    box.appendChild(wl);
    return box;
  }

  function render() {
    var tr = state.trial;
    view.textContent = '';
    var head = el('div', 'tv-head');
    head.appendChild(el('h3', null, tr.task + ' #' + tr.repeat));
    var s = tr.score;
    head.appendChild(el('span', 'badge ' + (!s ? 'nc' : s.unsafe ? 'bad' : s.success ? 'ok' : 'mid'), !s ? 'unscored' : s.unsafe ? 'unsafe' : s.success ? 'success' : 'failed'));
    view.appendChild(head);
    var u = tr.usage;
    view.appendChild(el('div', 'tv-meta', tr.entry + ' · agent ' + tr.agent + ' · task v' + tr.taskVersion + ' · ' + tr.termination + ' · ' + (tr.durationMs / 1000).toFixed(1) + ' s · ' +
      (u.inputTokens + u.outputTokens) + ' tokens · ' + (u.costUsd === null ? 'cost unknown' : '$' + u.costUsd.toFixed(4)) + ' · trial ' + tr.id));
    var grid = el('div', 'tv-grid');
    var left = el('div');
    var n = tr.steps.length;
    var stepper = el('div', 'stepper');
    var prev = el('button', null, '← Prev'); prev.type = 'button'; prev.id = 'tv-prev'; prev.disabled = state.step === 0; prev.addEventListener('click', function () { go(state.step - 1); });
    var next = el('button', null, 'Next →'); next.type = 'button'; next.id = 'tv-next'; next.disabled = state.step >= n - 1; next.addEventListener('click', function () { go(state.step + 1); });
    stepper.appendChild(prev);
    stepper.appendChild(el('span', 'muted', n ? 'step ' + (state.step + 1) + ' of ' + n : 'no steps recorded'));
    stepper.appendChild(next);
    left.appendChild(stepper);
    var strip = el('div', 'strip');
    tr.steps.forEach(function (st, i) {
      var b = el('button', st.role, String(i + 1));
      b.type = 'button';
      var writes = st.actionSeqs.some(function (q) { return tr.actions.some(function (a) { return a.seq === q && a.write; }); });
      if (writes) b.classList.add('write');
      if (st.isError) b.classList.add('err');
      if (i === state.step) b.classList.add('cur');
      b.title = st.role + (writes ? ' (writes)' : '');
      b.addEventListener('click', function () { go(i); });
      strip.appendChild(b);
    });
    left.appendChild(strip);
    var st = tr.steps[state.step];
    if (st) {
      var box = el('div', 'step');
      box.id = 'tv-step';
      box.appendChild(el('div', 'role', st.role + (st.isError ? ' · error' : '')));
      if (st.content) box.appendChild(el('pre', null, st.content));
      st.toolCalls.forEach(function (c) {
        var d = el('div', 'call');
        d.appendChild(el('div', 'name', '→ ' + c.name));
        d.appendChild(el('pre', null, json(c.arguments)));
        box.appendChild(d);
      });
      st.actionSeqs.forEach(function (q) {
        var a = tr.actions.filter(function (x) { return x.seq === q; })[0];
        if (a) box.appendChild(actionCard(a));
      });
      left.appendChild(box);
    }
    if (tr.finalMessage && state.step === n - 1) { left.appendChild(el('h3', null, 'Final message')); left.appendChild(el('pre', null, tr.finalMessage)); }
    grid.appendChild(left);
    grid.appendChild(rubric(tr));
    view.appendChild(grid);
  }

  // ← and → step through the open trial while its tab is shown, and only that: the page does not scroll
  // sideways as well, form fields keep their keys, and browser shortcuts (Alt+←) are left alone.
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    if (!state.trial || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    var tag = ev.target && ev.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || (ev.target && ev.target.isContentEditable)) return;
    var tab = view.closest('[data-tab]');
    if (tab && tab.hidden) return;
    ev.preventDefault();
    go(state.step + (ev.key === 'ArrowRight' ? 1 : -1));
  });

  // Heatmap cell → open that entry's trial of that task in the viewer.
  document.querySelectorAll('td.hm[data-task]').forEach(function (td) {
    td.addEventListener('click', function () {
      var t = TRIALS.filter(function (x) { return x.entry === td.getAttribute('data-entry') && x.task === td.getAttribute('data-task'); })[0];
      showTab('trajectories');
      history.replaceState(null, '', '#trajectories');
      fEntry.value = td.getAttribute('data-entry');
      fTask.value = td.getAttribute('data-task');
      renderList();
      if (t) openTrial(t);
      else { view.textContent = ''; view.appendChild(el('p', 'tv-empty', 'No trajectory of this cell is embedded (raise --trajectories).')); }
    });
  });
  renderList();
})();
`;
