// Browser test of the live dashboard (GET / of `rapport serve`, docs/serve.md), run by
// CTest as browser.dashboard_test. It fills a store from data/example with `rapport
// ingest`, starts `rapport serve` on a free loopback port, opens / in Debian's
// Chromium (headless, through playwright-core) and checks:
//   - every request goes to the server itself (anything else is aborted and fails the
//     test), no console error or warning, no uncaught exception;
//   - every chart renders: each Vega chart has at least one data mark in its SVG;
//   - the filters change what is shown: brands (legend, profile table, chart colour
//     domain), platform (the figures, equal to the API's platform records), date range
//     (events and range in the header); each redraw has its charts drawn;
//   - events POSTed with the token while the page is open appear with the next
//     automatic refresh (no reload, no restart);
// and keeps screenshots in <build>/artifacts/dashboard*.png.
//
// Environment: RAPPORT_BIN, RAPPORT_ROOT, RAPPORT_ARTIFACTS (set by CTest), CHROMIUM
// (default /usr/bin/chromium).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = process.env.RAPPORT_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(path.join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');

const bin = process.env.RAPPORT_BIN;
if (!bin) {
  console.error('RAPPORT_BIN is not set (ctest sets it)');
  process.exit(1);
}
const artifacts = process.env.RAPPORT_ARTIFACTS || path.join(os.tmpdir(), 'rapport-artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(artifacts, { recursive: true });
const t0 = Date.now();

const failures = [];
function check(cond, what) {
  if (!cond) failures.push(what);
  return cond;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dashboard-'));
const db = path.join(tmp, 'r.db');
const config = path.join(root, 'data/example/rapport.toml');
execFileSync(bin, ['ingest', path.join(root, 'data/example/events.ndjson'), '--db', db], { stdio: 'inherit' });

const TOKEN = 'dashboard-test-token';
const env = { ...process.env };
delete env.RAPPORT_TOKEN;
const server = spawn(bin, ['serve', '--db', db, '--port', '0', '--config', config, '--token', TOKEN, '--by', 'month'],
  { stdio: ['ignore', 'ignore', 'pipe'], env });
const port = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error('server did not start in 60 s: ' + err)), 60000);
  server.stderr.on('data', (chunk) => {
    err += chunk;
    const m = /serving http:\/\/127\.0\.0\.1:(\d+) /.exec(err);
    if (m) {
      clearTimeout(timer);
      resolve(Number(m[1]));
    }
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
});
const base = `http://127.0.0.1:${port}`;
const api = async (p) => (await fetch(base + p)).json();

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'));
const context = await chromium.launchPersistentContext(userData, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-gpu', '--no-first-run', '--disable-default-apps', '--disable-extensions'],
});

async function drawn(page, what) {
  try {
    await page.waitForFunction(() => document.body.dataset.state === 'ready' &&
      document.getElementById('report').dataset.rendered === 'true', null, { timeout: 30000 });
  } catch (e) {
    const status = await page.$eval('#status', (s) => s.textContent).catch(() => '?');
    throw new Error(`${what}: the dashboard did not finish drawing (${e.message}); status: ${status}`);
  }
  const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => ({
    id: f.dataset.chartId,
    empty: f.classList.contains('empty'),
    svg: f.querySelectorAll('svg').length,
    marks: f.querySelectorAll('svg g.role-mark > path, svg g.role-mark > line, svg g.role-mark > rect, svg g.role-mark > text').length,
  })));
  const shown = charts.filter((c) => !c.empty);
  console.log(`${what}: ${shown.length} charts drawn, ${charts.length - shown.length} notes: ` +
    shown.map((c) => `${c.id}=${c.marks}`).join(' '));
  check(shown.length >= 6, `${what}: only ${shown.length} charts drawn`);
  for (const c of shown) check(c.svg === 1 && c.marks > 0, `${what}: chart ${c.id} has ${c.svg} svg, ${c.marks} marks`);
  return charts;
}

const legend = (page) => page.$$eval('.legend .legend-item', (items) => items.map((i) => i.textContent));
const summaryRows = (page) => page.$$eval('#summary tbody tr', (rows) => rows.map((r) => r.textContent));
const facts = (page) => page.$eval('.facts', (d) => d.textContent);

try {
  const page = await context.newPage();
  const requests = [];
  const outside = [];
  const errors = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    requests.push(url.href);
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') errors.push(`${msg.type()}: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(base + '/', { waitUntil: 'load' });

  // 1. Everything, as served.
  await drawn(page, 'all');
  const brandsAll = await legend(page);
  check(JSON.stringify(brandsAll) === JSON.stringify(['acme', 'globex', 'initech', 'umbrella', 'hooli']), `legend: ${brandsAll}`);
  const options = await page.$$eval('#f-brand option', (os) => os.map((o) => o.value));
  check(JSON.stringify(options) === JSON.stringify(brandsAll), `brand choices ${options}`);
  const platforms = await page.$$eval('#f-platform option', (os) => os.map((o) => o.value));
  check(JSON.stringify(platforms) === JSON.stringify(['', 'bluesky', 'mastodon', 'x']), `platform choices ${platforms}`);
  // The period unit starts as the server's default (serve --by month).
  check(await page.$eval('#f-by', (s) => s.value) === 'month', 'the period control does not show the server default');
  const axis0 = await page.$$eval('figure[data-chart-id="response_rate_over_periods"] svg text', (ts) => ts.map((t) => t.textContent));
  check(axis0.some((t) => t.startsWith('Period (month')), `first drawing not by month: ${axis0.filter((t) => t.startsWith('Period'))}`);
  const status0 = await page.$eval('#status', (s) => s.textContent);
  check(status0.includes('3,000 events stored'), `status line: ${status0}`);
  await page.screenshot({ path: path.join(artifacts, 'dashboard.png'), fullPage: false });
  const summaryAll = await summaryRows(page);

  // 2. Brands: two of four.
  await page.selectOption('#f-brand', ['acme', 'umbrella']);
  await drawn(page, 'brands acme+umbrella');
  const brandsTwo = await legend(page);
  check(JSON.stringify(brandsTwo) === JSON.stringify(['acme', 'umbrella']), `legend after the brand filter: ${brandsTwo}`);
  const profileRows = await page.$$eval('#profile-table tbody tr', (rows) => rows.map((r) => r.dataset.brand));
  check(JSON.stringify(profileRows) === JSON.stringify(['acme', 'umbrella']), `profile rows after the brand filter: ${profileRows}`);
  const colourDomains = await page.$$eval('figure.chart svg', (svgs) => svgs.length);
  check(colourDomains > 0, 'no chart after the brand filter');
  await page.selectOption('#f-brand', []);
  await drawn(page, 'brands cleared');
  check(JSON.stringify(await legend(page)) === JSON.stringify(brandsAll), 'clearing the brand filter does not bring every brand back');

  // 3. Platform: the figures become the platform's.
  await page.selectOption('#f-platform', 'mastodon');
  await drawn(page, 'platform mastodon');
  const summaryMastodon = await summaryRows(page);
  check(JSON.stringify(summaryMastodon) !== JSON.stringify(summaryAll), 'the platform filter did not change the figures');
  const viaApi = await api('/v1/dashboard?by=month&platform=mastodon');
  const report = await api('/v1/report');
  const acmeMastodon = report.brands.find((b) => b.name === 'acme').platforms.find((p) => p.platform === 'mastodon').total;
  check(viaApi.report.brands.find((b) => b.name === 'acme').total.inbound_turns === acmeMastodon.inbound_turns,
    'API platform figures differ from the report platform records');
  // The whole-range table's cell of acme's inbound turns is the platform record's.
  const cell = await page.$$eval('#summary table.summary', (tables) => {
    for (const t of tables) {
      const heads = [...t.querySelectorAll('thead th')];
      const col = heads.findIndex((h) => h.querySelector('a[href="#metric-inbound_turns"]'));
      if (col < 0) continue;
      const row = [...t.querySelectorAll('tbody tr')].find((r) => r.cells[0].textContent === 'acme');
      return row ? row.cells[col].textContent : null;
    }
    return null;
  });
  check(cell === acmeMastodon.inbound_turns.toLocaleString('en-US'),
    `acme's inbound turns on mastodon: the page shows ${cell}, the report's platform record ${acmeMastodon.inbound_turns}`);
  await page.selectOption('#f-platform', '');
  await drawn(page, 'all platforms');

  // 4. Date range: June 1-15 (the To date is inclusive: until=2024-06-16).
  const marksAll = (await drawn(page, 'all again')).find((c) => c.id === 'response_rate_over_periods').marks;
  await page.fill('#f-since', '2024-06-01');
  await drawn(page, 'since 2024-06-01');
  await page.fill('#f-until', '2024-06-15');
  const charts = await drawn(page, 'June 1-15');
  const marksJune = charts.find((c) => c.id === 'response_rate_over_periods').marks;
  check(marksJune < marksAll, `the date range did not shorten the series: ${marksJune} marks, ${marksAll} before`);
  const june = await api('/v1/dashboard?by=month&since=2024-06-01&until=2024-06-16');
  const juneTurns = june.report.brands.find((b) => b.name === 'acme').total.inbound_turns;
  const juneCell = await page.$$eval('#summary table.summary', (tables) => {
    for (const t of tables) {
      const col = [...t.querySelectorAll('thead th')].findIndex((h) => h.querySelector('a[href="#metric-inbound_turns"]'));
      const row = [...t.querySelectorAll('tbody tr')].find((r) => r.cells[0].textContent === 'acme');
      if (col >= 0 && row) return row.cells[col].textContent;
    }
    return null;
  });
  check(juneCell === juneTurns.toLocaleString('en-US'), `acme's inbound turns June 1-15: page ${juneCell}, API ${juneTurns}`);
  check(juneTurns < report.brands.find((b) => b.name === 'acme').total.inbound_turns, 'June 1-15 has as many turns as the whole range');
  const statusJune = await page.$eval('#status', (s) => s.textContent);
  check(statusJune.includes('figures from 2024-06-01 to 2024-06-15'), `status line after the date filter: ${statusJune}`);
  await page.selectOption('#f-by', 'day');
  await drawn(page, 'by day');
  const xTitles = await page.$$eval('figure[data-chart-id="response_rate_over_periods"] svg text', (ts) => ts.map((t) => t.textContent));
  check(xTitles.some((t) => t.startsWith('Period (day')), `period unit not day: ${xTitles.filter((t) => t.startsWith('Period'))}`);
  await page.screenshot({ path: path.join(artifacts, 'dashboard-filtered.png'), fullPage: false });
  // Filters that leave no brand say so (and still draw without an error).
  await page.selectOption('#f-platform', 'x');
  await page.fill('#f-since', '2030-01-01');
  await page.fill('#f-until', '2030-01-31');
  await page.waitForFunction(() => document.body.dataset.state === 'ready' &&
    document.getElementById('report').dataset.rendered === 'true' && document.querySelector('#report .note.big'));
  const none = await page.$eval('#report .note.big', (n) => n.textContent);
  check(none.startsWith('No brand has events on x'), `empty selection note: ${none}`);
  await page.click('#f-reset');
  await drawn(page, 'reset');

  // 5. New events while the page is open: the next automatic refresh shows them.
  const before = Number(await page.$eval('body', (b) => b.dataset.events));
  const lines = [0, 1, 2, 3, 4].map((i) => JSON.stringify({
    platform: 'x', id: `dash-${i}`, type: 'post', author: `fan${i}`, author_handle: `@fan${i}`,
    created_at: '2024-06-30T20:00:00Z', parent_id: null, conversation_id: null,
    text: 'hello @AcmeHelp, my order is late', metrics: { likes: 1 }, inbound: true,
  })).join('\n') + '\n';
  const posted = await fetch(base + '/v1/events', {
    method: 'POST', body: lines,
    headers: { Authorization: 'Bearer ' + TOKEN, 'Content-Type': 'application/x-ndjson' },
  });
  check(posted.status === 200, `POST /v1/events: ${posted.status} ${await posted.text()}`);
  const tPost = Date.now();
  await page.waitForFunction((n) => Number(document.body.dataset.events) === n, before + 5, { timeout: 25000 });
  console.log(`new events shown ${((Date.now() - tPost) / 1000).toFixed(1)} s after the POST (refresh every 10 s)`);
  await drawn(page, 'after POST');
  const status1 = await page.$eval('#status', (s) => s.textContent);
  check(status1.includes((before + 5).toLocaleString('en-US') + ' events stored'), `status line after the POST: ${status1}`);
  check((await facts(page)).includes((before + 5).toLocaleString('en-US')), 'header events did not change after the POST');

  await page.screenshot({ path: path.join(artifacts, 'dashboard-full.png'), fullPage: true });
  console.log(`screenshots in ${artifacts}/dashboard*.png`);
  check(outside.length === 0, `requests outside the server: ${outside.join(', ')}`);
  check(errors.length === 0, `console errors or warnings: ${errors.join(' | ')}`);
  console.log(`${requests.length} requests, all to ${base}`);
  await page.close();
} catch (e) {
  failures.push(e.message);
} finally {
  await context.close();
  server.kill('SIGTERM');
  fs.rmSync(userData, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(`dashboard test: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (failures.length) {
  console.error('FAILED:\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('dashboard test: OK');
