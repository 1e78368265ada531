// rapport's report page (docs/report.md). One entry point, renderReport(container,
// data), draws everything from one data object:
//   data.report  the report JSON (rapport report --format json, GET /v1/report)
//   data.charts  the engine's chart payload (brands and colours, families, metric
//                catalogue, charts as Vega-Lite specs, notes or tables)
// The page knows no metric by name except E0's profile tables: sections, charts and
// tables come from data.charts, so a new metric family shows up without a change
// here. Rendering again into the same container replaces what was there (the live
// dashboard calls it on every refresh). Returns a promise that resolves when every
// chart is drawn; container.dataset.rendered is then "true".
(function (global) {
  'use strict';

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  const nf = new Intl.NumberFormat('en-US');

  function duration(s) {
    if (s < 120) return s.toFixed(0) + ' s';
    if (s < 7200) return (s / 60).toFixed(1) + ' min';
    if (s < 172800) return (s / 3600).toFixed(1) + ' h';
    return (s / 86400).toFixed(1) + ' d';
  }

  // A value as the catalogue's unit says; null is "n/a", never 0.
  function formatValue(v, unit) {
    if (v === null || v === undefined) return 'n/a';
    if (typeof v !== 'number') return String(v);
    switch (unit) {
      case 'share': return (v * 100).toFixed(1) + '%';
      case 'seconds': return duration(v);
      case 'count': return nf.format(v);
      case 'percentile': return v.toFixed(0);
      default: return Number.isInteger(v) ? nf.format(v) : v.toFixed(2);
    }
  }

  function metricLink(meta, name) {
    const info = meta[name] || { label: name };
    return el('a', { href: '#metric-' + name, class: 'metric-link', title: info.definition || name }, info.label || name);
  }

  function header(report, charts) {
    const input = report.input || {};
    const options = report.options || {};
    const range = input.range ? input.range.from.slice(0, 10) + ' to ' + input.range.to.slice(0, 10) : 'no events';
    const skipped = input.skipped_total || 0;
    const reasons = Object.entries(input.skipped || {}).filter(([, n]) => n > 0)
      .map(([r, n]) => nf.format(n) + ' ' + r.replace(/_/g, ' '));
    const files = (input.files || []).map((f) =>
      el('tr', {}, [el('td', { class: 'path' }, f.path), el('td', {}, f.format),
        el('td', {}, f.compression), el('td', { class: 'num' }, nf.format(f.records || 0)),
        el('td', { class: 'num' }, nf.format(f.bytes || 0))]));
    const brands = charts.brands || [];
    const facts = [
      ['Date range', range + (options.tz ? ' (' + options.tz + ')' : '')],
      ['Events', nf.format(input.events || 0)],
      ['Conversations', nf.format(input.conversations || 0)],
      ['Formats', (input.formats || []).join(', ') || 'none'],
      ['Skipped records', skipped ? nf.format(skipped) + ' (' + reasons.join(', ') + ')' : 'none'],
      ['Brands', nf.format(brands.length) + ' (' + brands.filter((b) => b.competitor).length + ' competitors)'],
      ['Periods', options.by || 'week'],
      ['Judged as of', options.as_of || 'n/a'],
    ];
    return el('header', { class: 'report-header' }, [
      el('h1', {}, 'Engagement report'),
      el('p', { class: 'lede' }, 'Every working definition of engagement, computed exactly from the inputs below. ' +
        'Each metric links to its definition in the glossary at the end.'),
      el('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
      el('details', { class: 'files' }, [
        el('summary', {}, nf.format((input.files || []).length) + ' input file(s)'),
        el('table', { class: 'data' }, [
          el('thead', {}, el('tr', {}, ['Path', 'Format', 'Compression', 'Records', 'Bytes'].map((h) => el('th', {}, h)))),
          el('tbody', {}, files)]),
      ]),
    ]);
  }

  function brandSwatch(colors, name) {
    return el('span', { class: 'swatch', style: 'background:' + (colors[name] || '#999') });
  }

  // E0: every brand's percentile under every definition, and the agreement matrix.
  function profileTables(report, charts, meta, colors) {
    const profile = report.profile || {};
    const metrics = profile.metrics || [];
    const out = [];
    if (!metrics.length) return out;
    const head = el('tr', {}, [el('th', {}, 'Brand')].concat(metrics.map((m) =>
      el('th', { class: 'num' }, [metricLink(meta, m.metric), el('span', { class: 'family' }, ' ' + m.family)]))));
    const rows = (report.brands || []).map((b) => {
      const p = (b.total && b.total.profile) || {};
      return el('tr', { 'data-brand': b.name }, [el('td', { class: 'brand' }, [brandSwatch(colors, b.name), b.name + (b.competitor ? ' (competitor)' : '')])]
        .concat(metrics.map((m) => {
          const v = p[m.key];
          const cell = el('td', { class: 'num pct' + (v === null || v === undefined ? ' na' : '') }, formatValue(v, 'percentile'));
          if (typeof v === 'number') cell.style.background = 'rgba(78,121,167,' + (0.08 + 0.5 * v / 100).toFixed(2) + ')';
          return cell;
        })));
    });
    out.push(el('figure', { class: 'table-figure', id: 'profile-table' }, [
      el('figcaption', {}, [el('h3', {}, 'Percentile of each brand under each definition'),
        el('p', {}, profile.compared === 'periods'
          ? 'One brand: each figure of the whole range ranked against the brand\'s own periods. n/a: no value.'
          : 'Rank among the compared brands: 100 beats every other brand, 0 none; ties count half. n/a: the brand has no value (never counted as 0).')]),
      el('div', { class: 'scroll' }, el('table', { class: 'data profile' }, [el('thead', {}, head), el('tbody', {}, rows)])),
    ]));

    const agreement = profile.definition_agreement || [];
    const keyed = {};
    for (const a of agreement) keyed[a.a + '|' + a.b] = keyed[a.b + '|' + a.a] = a;
    const present = metrics.filter((m) => agreement.some((a) => (a.a === m.key || a.b === m.key) && a.tau_b !== null));
    const anyTau = present.length > 0;
    const caption = el('figcaption', {}, [el('h3', {}, 'Definition agreement (Kendall\'s tau-b)'),
      el('p', {}, 'Does "more engaged" under one definition mean more engaged under another? +1: the two definitions rank the brands identically; -1: in reverse; 0: unrelated. Computed over the brands that have both figures; n/a with fewer than 3 such brands.')]);
    if (!anyTau) {
      out.push(el('figure', { class: 'table-figure', id: 'agreement-table' }, [caption,
        el('p', { class: 'note' }, (report.brands || []).length < 3
          ? 'Fewer than 3 brands: agreement between definitions needs at least 3 brands to rank.'
          : 'No pair of definitions has figures for 3 or more brands.')]));
      return out;
    }
    const ahead = el('tr', {}, [el('th', {}, '')].concat(present.map((m) => el('th', { class: 'num' }, metricLink(meta, m.metric)))));
    const arows = present.map((row) => el('tr', {}, [el('th', { class: 'rowhead' }, metricLink(meta, row.metric))].concat(present.map((col) => {
      if (row.key === col.key) return el('td', { class: 'num diag' }, '');
      const a = keyed[row.key + '|' + col.key];
      const tau = a ? a.tau_b : null;
      const cell = el('td', { class: 'num' + (tau === null ? ' na' : ''), title: a ? a.brands + ' brands' : '' }, tau === null ? 'n/a' : tau.toFixed(2));
      if (tau !== null) cell.style.background = tau >= 0 ? 'rgba(89,161,79,' + (0.1 + 0.55 * tau).toFixed(2) + ')' : 'rgba(225,87,89,' + (0.1 + 0.55 * -tau).toFixed(2) + ')';
      return cell;
    }))));
    out.push(el('figure', { class: 'table-figure', id: 'agreement-table' }, [caption,
      el('div', { class: 'scroll' }, el('table', { class: 'data agreement' }, [el('thead', {}, ahead), el('tbody', {}, arows)]))]));
    return out;
  }

  // A list-of-records metric of the whole range, every brand's rows in one table.
  function recordTable(item, report, meta, colors) {
    const rows = [];
    for (const b of report.brands || []) {
      const list = (b.total || {})[item.table];
      if (!Array.isArray(list)) continue;
      for (const rec of list) if (rec && typeof rec === 'object') rows.push([b.name, rec]);
    }
    const fig = el('figure', { class: 'table-figure', 'data-table-id': item.id }, [
      el('figcaption', {}, [el('h3', {}, [metricLink(meta, item.table)]), item.description ? el('p', {}, item.description) : null])]);
    if (!rows.length) {
      fig.appendChild(el('p', { class: 'note' }, 'None in these inputs.'));
      return fig;
    }
    // Largest first by the first numeric column, at most 20 rows.
    const cols = Object.keys(rows[0][1]);
    const sortCol = cols.find((c) => typeof rows[0][1][c] === 'number');
    if (sortCol) rows.sort((x, y) => (y[1][sortCol] || 0) - (x[1][sortCol] || 0));
    const shown = rows.slice(0, 20);
    const fmt = (c, v) => {
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? (x * 100).toFixed(0) + '%' : 'n/a')).join(' ');
      if (typeof v === 'number' && /rate|share/.test(c)) return formatValue(v, 'share');
      if (typeof v === 'number') return formatValue(v, 'number');
      return v === null ? 'n/a' : String(v);
    };
    fig.appendChild(el('div', { class: 'scroll' }, el('table', { class: 'data' }, [
      el('thead', {}, el('tr', {}, [el('th', {}, 'Brand')].concat(cols.map((c) => el('th', {}, c.replace(/_/g, ' ')))))),
      el('tbody', {}, shown.map(([brand, rec]) => el('tr', {}, [el('td', { class: 'brand' }, [brandSwatch(colors, brand), brand])]
        .concat(cols.map((c) => el('td', { class: typeof rec[c] === 'number' ? 'num' : '' }, fmt(c, rec[c])))))))])));
    if (rows.length > shown.length) fig.appendChild(el('p', { class: 'note' }, 'The ' + shown.length + ' largest of ' + rows.length + ' rows; every row is in the JSON report.'));
    return fig;
  }

  // The whole-range figures of every family, brands as rows.
  function summaryTable(report, charts, meta, colors) {
    const names = Object.keys(meta).filter((n) => ['share', 'seconds', 'count', 'number'].includes(meta[n].unit) &&
      (report.brands || []).some((b) => typeof (b.total || {})[n] === 'number' || (b.total || {})[n] === null));
    const byFamily = {};
    for (const n of names) (byFamily[meta[n].family] = byFamily[meta[n].family] || []).push(n);
    const figs = [];
    for (const fam of charts.families || []) {
      const cols = byFamily[fam.id];
      if (!cols || !cols.length) continue;
      const table = el('table', { class: 'data summary' }, [
        el('thead', {}, el('tr', {}, [el('th', {}, 'Brand')].concat(cols.map((c) => el('th', { class: 'num' }, metricLink(meta, c)))))),
        el('tbody', {}, (report.brands || []).map((b) => el('tr', {}, [el('td', { class: 'brand' }, [brandSwatch(colors, b.name), b.name])]
          .concat(cols.map((c) => el('td', { class: 'num' + (b.total[c] === null ? ' na' : '') }, formatValue(b.total[c], meta[c].unit)))))))]);
      figs.push(el('details', { class: 'summary-family' }, [el('summary', {}, familyTitle(fam) + ': whole-range figures'),
        el('div', { class: 'scroll' }, table)]));
    }
    return figs;
  }

  function glossary(meta, charts) {
    const famName = {};
    for (const f of charts.families || []) famName[f.id] = f.name;
    return el('section', { class: 'glossary', id: 'glossary' }, [
      el('h2', {}, 'Glossary'),
      el('p', {}, 'Each metric as rapport computes it; the full definitions, formulas and edge cases are in docs/metrics.md of rapport.'),
      el('dl', {}, Object.entries(meta).flatMap(([name, m]) => [
        el('dt', { id: 'metric-' + name }, [m.label + ' ', el('code', {}, name), el('span', { class: 'family' }, ' ' + m.family + ' ' + (famName[m.family] || ''))]),
        el('dd', {}, m.definition || 'See docs/metrics.md.')])),
    ]);
  }

  // Catalogue families are titled "E2 Responsiveness"; metrics of a family the
  // engine's catalogue does not know yet go under "Other metrics".
  function familyTitle(f) {
    return f.id === 'other' ? f.name : f.id + ' ' + f.name;
  }

  function renderReport(container, data) {
    const report = data.report || {};
    const charts = data.charts || {};
    const meta = charts.metrics || {};
    const colors = {};
    for (const b of charts.brands || []) colors[b.name] = b.color;
    container.dataset.rendered = 'false';
    container.replaceChildren();
    container.appendChild(header(report, charts));

    const items = charts.charts || [];
    const families = (charts.families || []).filter((f) => items.some((c) => c.family === f.id));
    const nav = el('nav', { class: 'toc' }, [el('strong', {}, 'Sections')].concat(
      families.map((f) => el('a', { href: '#family-' + f.id }, familyTitle(f))),
      [el('a', { href: '#summary' }, 'All figures'), el('a', { href: '#glossary' }, 'Glossary')]));
    container.appendChild(nav);

    const brands = charts.brands || [];
    const charted = brands.filter((b) => b.charted);
    if (brands.length === 0) {
      container.appendChild(el('p', { class: 'note big' }, 'No brand found in the inputs: name one with --brand NAME=@account or a rapport.toml.'));
    } else {
      const notes = [];
      if (brands.length === 1) notes.push('One brand: there is no competitor to compare with, so the engagement profile ranks the brand against its own periods.');
      if (charted.length < brands.length) notes.push('Charts show the ' + charted.length + ' busiest of ' + brands.length + ' brands (inbound turns + posts + mentions); every brand is in the tables.');
      if (notes.length) container.appendChild(el('div', { class: 'callout' }, notes.map((n) => el('p', {}, n))));
      container.appendChild(el('div', { class: 'legend' }, charted.map((b) => el('span', { class: 'legend-item' }, [brandSwatch(colors, b.name), b.name]))));
    }

    const pending = [];
    for (const fam of families) {
      const section = el('section', { class: 'family', id: 'family-' + fam.id }, [el('h2', {}, familyTitle(fam))]);
      for (const item of items.filter((c) => c.family === fam.id)) {
        if (item.table) {
          section.appendChild(recordTable(item, report, meta, colors));
          continue;
        }
        const fig = el('figure', { class: 'chart', 'data-chart-id': item.id }, [
          el('figcaption', {}, [el('h3', {}, item.title), item.description ? el('p', {}, item.description) : null])]);
        if (item.note) {
          fig.classList.add('empty');
          fig.appendChild(el('p', { class: 'note' }, item.note));
        } else {
          const target = el('div', { class: 'vega-target' });
          fig.appendChild(target);
          pending.push([target, item]);
        }
        section.appendChild(fig);
      }
      if (fam.id === 'E0') for (const t of profileTables(report, charts, meta, colors)) section.appendChild(t);
      container.appendChild(section);
    }
    const summary = el('section', { class: 'family', id: 'summary' }, [el('h2', {}, 'All figures (whole range)')]);
    for (const s of summaryTable(report, charts, meta, colors)) summary.appendChild(s);
    container.appendChild(summary);
    container.appendChild(glossary(meta, charts));
    container.appendChild(el('footer', {}, 'Made by rapport. Figures: rapport report --format json; definitions: docs/metrics.md.'));

    // SVG keeps marks countable and prints sharply; no actions menu (it links out).
    const draws = pending.map(([target, item]) =>
      global.vegaEmbed(target, item.spec, { renderer: 'svg', actions: false, config: chartConfig() })
        .then((result) => { target.dataset.ready = 'true'; return result; }));
    return Promise.all(draws).then(() => { container.dataset.rendered = 'true'; });
  }

  function chartConfig() {
    return {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, gridColor: '#e6e8eb', domainColor: '#9aa0a6', tickColor: '#9aa0a6' },
      legend: { labelFontSize: 11, titleFontSize: 12 },
    };
  }

  // Printing shows what folded sections hold.
  if (typeof window !== 'undefined' && window.addEventListener) {
    window.addEventListener('beforeprint', () => {
      for (const d of document.querySelectorAll('.rapport-report details')) d.open = true;
    });
  }

  global.renderReport = renderReport;
})(typeof window !== 'undefined' ? window : globalThis);
