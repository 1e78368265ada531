// Browser test of the HTML report (docs/report.md), run by CTest as browser.report_html.
// For each data set (data/example; a real TWCS sample from ../shared/data when
// present) it builds the page with `rapport report --format html`, opens it from
// file:// in Debian's Chromium (headless, through playwright-core) and checks:
//   - not one request besides the page itself (every other one is aborted and fails
//     the test), no console error, no uncaught exception;
//   - every chart renders: each Vega chart has at least one data mark in its SVG;
//   - the E0 profile table lists exactly the brands of the JSON report, with the same
//     percentiles, and the agreement table is there;
// and keeps a full-page screenshot in <build>/artifacts/report-<name>.png.
//
// Environment: RAPPORT_BIN, RAPPORT_ROOT, RAPPORT_SHARED, RAPPORT_ARTIFACTS (set by
// CTest), CHROMIUM (default /usr/bin/chromium), CI (shared data required when true).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.RAPPORT_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(path.join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');

const bin = process.env.RAPPORT_BIN;
if (!bin) {
  console.error('RAPPORT_BIN is not set (ctest sets it)');
  process.exit(1);
}
const shared = process.env.RAPPORT_SHARED || path.join(root, '..', 'shared');
const artifacts = process.env.RAPPORT_ARTIFACTS || path.join(os.tmpdir(), 'rapport-artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(artifacts, { recursive: true });

const failures = [];
function check(cond, what) {
  if (!cond) failures.push(what);
  return cond;
}

const datasets = [
  { name: 'example', args: [path.join(root, 'data/example/events.ndjson'), '--config', path.join(root, 'data/example/rapport.toml')] },
  // One brand, no sentiment: notes instead of empty charts, still no console error.
  { name: 'one-brand', args: [path.join(root, 'data/example/events.ndjson'), '--brand', 'acme=@Acme,@AcmeHelp', '--no-sentiment'] },
  { name: 'twcs', shared: 'data/real/twcs_head_5k/twcs_head_5001.csv' },
];

async function checkPage(context, name, htmlPath, reportJson) {
  const page = await context.newPage();
  const pageUrl = pathToFileURL(htmlPath).href;
  const requests = [];
  const errors = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pageUrl) return route.continue();
    requests.push(url);
    return route.abort();
  });
  page.on('request', (req) => { if (req.url() !== pageUrl && !requests.includes(req.url())) requests.push(req.url()); });
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') errors.push(`${msg.type()}: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.setViewportSize({ width: 1366, height: 900 });  // a laptop screen
  await page.goto(pageUrl, { waitUntil: 'load' });
  try {
    await page.waitForSelector('#report[data-rendered="true"]', { state: 'attached', timeout: 60000 });
  } catch (e) {
    throw new Error(`${name}: the page did not finish rendering (${e.message}); console: ${errors.join(' | ')}; requests: ${requests.join(', ')}`);
  }

  check(requests.length === 0, `${name}: the page made requests: ${requests.join(', ')}`);
  check(errors.length === 0, `${name}: console errors or warnings: ${errors.join(' | ')}`);

  // Every chart: a Vega SVG with data marks (role-mark groups hold the marks of the
  // data; axes, legends and titles have other roles).
  const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => ({
    id: f.dataset.chartId,
    empty: f.classList.contains('empty'),
    svg: f.querySelectorAll('svg').length,
    marks: f.querySelectorAll('svg g.role-mark > path, svg g.role-mark > line, svg g.role-mark > rect, svg g.role-mark > text').length,
  })));
  const drawn = charts.filter((c) => !c.empty);
  const notes = await page.$$eval('figure.chart.empty', (figs) => figs.map((f) => f.dataset.chartId + ': ' + f.querySelector('.note').textContent));
  if (name === 'one-brand') {
    check(notes.some((n) => n.startsWith('net_sentiment_over_periods: No sentiment scores')), `${name}: no note for the missing sentiment: ${notes}`);
    const callout = await page.$eval('.callout', (c) => c.textContent).catch(() => '');
    check(callout.includes('One brand'), `${name}: the page does not say there is one brand`);
  }
  console.log(`${name}: ${drawn.length} charts drawn, ${charts.length - drawn.length} notes: ` +
    drawn.map((c) => `${c.id}=${c.marks}`).join(' '));
  for (const c of drawn) check(c.svg === 1 && c.marks > 0, `${name}: chart ${c.id} has ${c.svg} svg, ${c.marks} marks`);
  for (const id of ['profile', 'response_rate_over_periods', 'response_time_median_over_periods',
    'response_time_distribution', 'coverage_by_hour', 'dialogue_mix']) {
    check(drawn.some((c) => c.id === id), `${name}: chart ${id} missing or empty`);
  }

  // E0: the profile table has one row per brand of the JSON, with its percentiles.
  const profileRows = await page.$$eval('#profile-table tbody tr', (rows) => rows.map((r) => ({
    brand: r.dataset.brand,
    cells: [...r.querySelectorAll('td.pct')].map((td) => td.textContent),
  })));
  const brands = reportJson.brands.map((b) => b.name);
  check(JSON.stringify(profileRows.map((r) => r.brand)) === JSON.stringify(brands),
    `${name}: profile table brands ${profileRows.map((r) => r.brand)} != ${brands}`);
  const keys = reportJson.profile.metrics.map((m) => m.key);
  for (const [i, b] of reportJson.brands.entries()) {
    const expected = keys.map((k) => (b.total.profile[k] === null ? 'n/a' : b.total.profile[k].toFixed(0)));
    check(profileRows[i] && JSON.stringify(profileRows[i].cells) === JSON.stringify(expected),
      `${name}: profile of ${b.name}: ${profileRows[i] && profileRows[i].cells} != ${expected}`);
  }
  const agreementCells = await page.$$eval('#agreement-table td.num:not(.diag)', (tds) => tds.map((t) => t.textContent));
  const taus = reportJson.profile.definition_agreement.filter((a) => a.tau_b !== null);
  if (brands.length >= 3 && taus.length) {
    check(agreementCells.length > 0, `${name}: agreement table has no cells`);
    // Every tau-b of the JSON appears in the matrix (twice: it is symmetric).
    for (const a of taus.slice(0, 10))
      check(agreementCells.filter((t) => t === a.tau_b.toFixed(2)).length >= 2, `${name}: tau ${a.a}/${a.b} ${a.tau_b} not in the table`);
  } else {
    check(await page.$('#agreement-table') !== null, `${name}: agreement section missing`);
  }
  // Top conversations (E3): one row per conversation of the JSON lists, at most 20.
  const listed = reportJson.brands.reduce((n, b) => n + (b.total.top_conversations || []).length, 0);
  const convRows = await page.$$eval('[data-table-id="top_conversations"] tbody tr', (rows) => rows.length);
  check(listed > 0 && convRows === Math.min(20, listed), `${name}: top conversations table has ${convRows} rows, JSON lists ${listed}`);
  // The header states the data.
  const facts = await page.$eval('.facts', (d) => d.textContent);
  check(facts.includes(reportJson.input.events.toLocaleString('en-US')), `${name}: header does not state the events`);
  check(facts.includes(reportJson.input.range.from.slice(0, 10)), `${name}: header does not state the date range`);

  const shot = path.join(artifacts, `report-${name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`${name}: screenshot ${shot}`);
  await page.close();
}

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'));
const context = await chromium.launchPersistentContext(userData, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-gpu', '--no-first-run', '--disable-default-apps', '--disable-extensions'],
});
try {
  for (const ds of datasets) {
    let args = ds.args;
    if (ds.shared) {
      const file = path.join(shared, ds.shared);
      if (!fs.existsSync(file)) {
        const reason = `shared data missing: ${file}`;
        if ((process.env.CI || '').toLowerCase() === 'true') failures.push(reason + ' (CI=true: shared data is required)');
        else console.log('SKIP: ' + reason);
        continue;
      }
      args = [file];
    }
    const html = path.join(artifacts, `report-${ds.name}.html`);
    execFileSync(bin, ['report', ...args, '--format', 'html', '-o', html, '-q']);
    const json = JSON.parse(execFileSync(bin, ['report', ...args, '--format', 'json', '-q'], { maxBuffer: 1 << 30 }).toString());
    await checkPage(context, ds.name, html, json);
  }
} finally {
  await context.close();
  fs.rmSync(userData, { recursive: true, force: true });
}

if (failures.length) {
  for (const f of failures) console.error('FAIL: ' + f);
  process.exit(1);
}
console.log('OK');
