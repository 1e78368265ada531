// The live dashboard of `rapport serve` (GET /, docs/serve.md). The filter bar asks
// GET /v1/dashboard for the report narrowed to some brands, one platform, a period
// unit and a date range, and draws the answer with the report's own renderReport
// (web/report/report.js). Every 10 s it asks GET /v1/health whether the store has
// changed (its version) and redraws only then, so events POSTed or ingested while the
// page is open show up without a reload or a restart.
(function () {
  'use strict';

  const REFRESH_MS = 10000;
  const $ = (id) => document.getElementById(id);
  const container = $('report');
  const status = $('status');
  // byChosen: the user picked a period unit; until then the server's default applies
  // (serve --by), and the control shows it.
  const state = { version: null, query: null, timer: null, busy: false, again: false, events: null, shownAt: null,
    byChosen: false };

  // "2024-03-31" -> "2024-04-01": the To date is inclusive, --until is exclusive.
  function nextDay(date) {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function query() {
    const q = new URLSearchParams();
    if (state.byChosen) q.set('by', $('f-by').value);
    const since = $('f-since').value;
    const until = $('f-until').value;
    if (since) q.set('since', since);
    if (until) q.set('until', nextDay(until));
    for (const o of $('f-brand').selectedOptions) q.append('brand', o.value);
    if ($('f-platform').value) q.set('platform', $('f-platform').value);
    return q.toString();
  }

  // Options from the data, keeping what is selected (also a choice the data no longer
  // holds, so a filter never changes behind the user's back).
  function fillSelect(select, values, keepFirst) {
    const chosen = new Set([...select.selectedOptions].map((o) => o.value));
    const all = [...new Set(values.concat([...chosen].filter((v) => v !== '')))];
    const first = keepFirst ? select.options[0] : null;
    select.replaceChildren();
    if (first) select.appendChild(first);
    for (const v of all) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      o.selected = chosen.has(v);
      select.appendChild(o);
    }
  }

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'dash-status' + (kind ? ' ' + kind : '');
  }

  function describe(data) {
    const d = data.dashboard || {};
    const input = (data.report && data.report.input) || {};
    const nf = new Intl.NumberFormat('en-US');
    const parts = [nf.format(state.events) + ' events stored'];
    if (input.events !== undefined && input.events !== state.events) parts.push(nf.format(input.events) + ' in the report');
    parts.push((d.brand ? d.brand.length : (data.charts.brands || []).length) + ' brand(s)');
    parts.push(d.platform ? 'platform ' + d.platform : 'all platforms');
    // The report's header states the data stored; the window of the figures is here.
    const since = $('f-since').value;
    const until = $('f-until').value;
    if (since || until) parts.push('figures ' + (since ? 'from ' + since : '') + (since && until ? ' ' : '') + (until ? 'to ' + until : ''));
    parts.push('updated ' + state.shownAt.toLocaleTimeString('en-GB'));
    return parts.join(' \u00b7 ');
  }

  async function getJson(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.status + ' ' + res.statusText);
    return body;
  }

  // Redraws when the filters or the store changed since the last drawing; `force`
  // redraws anyway (the Refresh button). One update at a time: a change that comes
  // while one runs is applied right after it.
  async function update(force) {
    if (state.busy) {
      state.again = true;
      return;
    }
    state.busy = true;
    document.body.dataset.state = 'loading';
    try {
      const health = await getJson('/v1/health');
      state.events = health.events;
      const q = query();
      if (force || health.version !== state.version || q !== state.query) {
        setStatus('Loading...', 'busy');
        const data = await getJson('/v1/dashboard?' + q);
        const d = data.dashboard || {};
        fillSelect($('f-brand'), d.brands || [], false);
        $('f-brand').size = Math.max(3, Math.min(6, $('f-brand').options.length));
        fillSelect($('f-platform'), d.platforms || [], true);
        if (!state.byChosen && data.report.options && data.report.options.by) $('f-by').value = data.report.options.by;
        await renderReport(container, data);
        if (!(data.report.brands || []).length && (d.platform || d.brand)) {
          // The page's "no brand in the inputs" would mislead here: the filters left none.
          const note = container.querySelector('.note.big');
          if (note) note.textContent = 'No brand has events' + (d.platform ? ' on ' + d.platform : '') +
            ' in this date range: widen the filters (Reset filters shows everything).';
        }
        state.version = health.version;
        state.query = q;
        state.shownAt = new Date();
        document.body.dataset.version = String(health.version);
        document.body.dataset.events = String(health.events);
        setStatus(describe(data));
      } else if (state.shownAt) {
        setStatus(status.textContent.replace(/updated .*$/, 'checked ' + new Date().toLocaleTimeString('en-GB')));
      }
      document.body.dataset.state = 'ready';
    } catch (e) {
      document.body.dataset.state = 'error';
      setStatus('Could not refresh: ' + e.message + ' (the charts below are from the last successful refresh)', 'error');
    } finally {
      state.busy = false;
      if (state.again) {
        state.again = false;
        update(false);
      }
    }
  }

  function schedule() {
    clearInterval(state.timer);
    state.timer = $('f-auto').checked ? setInterval(() => update(false), REFRESH_MS) : null;
  }

  $('f-by').addEventListener('change', () => { state.byChosen = true; });  // before update's listener
  for (const id of ['f-brand', 'f-by', 'f-platform', 'f-since', 'f-until']) $(id).addEventListener('change', () => update(false));
  $('f-refresh').addEventListener('click', () => update(true));
  $('f-auto').addEventListener('change', schedule);
  $('f-reset').addEventListener('click', () => {
    for (const o of $('f-brand').options) o.selected = false;
    $('f-platform').value = '';
    $('f-since').value = '';
    $('f-until').value = '';
    state.byChosen = false;
    update(false);
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  schedule();
  update(true);
})();
