// Statistical monitoring (issue 16 item 4), in a real browser. The Science and
// Technology Commission's officer uploads the shipped sample table (CSV) on the
// analyst's statistics page; the page charts the figures as server-rendered SVG by
// district, park, industry and the Three Cities and One Area, each chart beside its
// table, with a known figure visible. A malformed table is refused with its row and
// column, and nothing of it is stored. The same in Arabic, right to left.
// Run by scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, snapper, clean } from './harness.mjs';

const browser = await launch();
const SAMPLE = new URL('../data/statistics/monitoring-sample.csv', import.meta.url).pathname;
const BAD = 'period,dimension,code,indicator,unit,value\n2024,district,chaoyang,spin_offs,firms,5\n2024,district,haidain,spin_offs,firms,7\n';
const snap = snapper('statistics');

const signIn = (...args) => signInAs(browser, ...args);

async function upload(page, file) {
  await page.setInputFiles('#table', file);
  await page.click('form.statistics-upload button[type="submit"]');
  await page.waitForLoadState('load');
}

try {
  // Nobody signed in: the page says there is nothing yet and offers no upload.
  const context = watchCsp(await browser.newContext({ locale: 'en' }));
  const visitor = await context.newPage();
  await visitor.goto(`${BASE}/analyst/statistics?lang=en`);
  assert.equal(await visitor.locator('form.statistics-upload').count(), 0, 'only officers import');

  const officer = await signIn('en', 'officer-sci-tech', DEMO_PASSWORD, '/analyst/statistics');
  await officer.goto(`${BASE}/analyst/statistics?lang=en`);
  await upload(officer, { name: 'monitoring-sample.csv', mimeType: 'text/csv', buffer: readFileSync(SAMPLE) });
  assert.ok(clean(await officer.locator('p.imported').innerText()).includes('66 figures stored'), await officer.locator('main').innerText());
  for (const dim of ['district', 'park', 'industry', 'area']) {
    assert.equal(await officer.locator(`section[data-dimension="${dim}"] svg`).count(), 1, `a chart by ${dim}`);
    assert.equal(await officer.locator(`section[data-dimension="${dim}"] table.stat-table`).count(), 1, `a table by ${dim}`);
  }
  const haidian = officer.locator('section[data-dimension="district"] svg text.figure', { hasText: '10610' });
  assert.equal(await haidian.count(), 1, 'Haidian 2024 is drawn with its figure');
  assert.ok(await haidian.isVisible(), 'the figure is visible');
  assert.equal(clean(await officer.locator('section[data-dimension="district"] tr[data-code="haidian"]').innerText()).replace(/\s+/g, ' ').trim(), 'Haidian 10240 10610');
  assert.ok(clean(await officer.locator('section[data-dimension="area"]').innerText()).includes('Zhongguancun Science City'));
  await axe(officer, 'en-statistics');
  await snap(officer, 'en-charts');

  // Another indicator: the R&D expenditure of the Three Cities and One Area, exact.
  await officer.selectOption('#indicator', 'rd_expenditure');
  await officer.click('form.analyst button[type="submit"]');
  await officer.waitForLoadState('load');
  assert.equal(await officer.locator('section[data-dimension="area"] svg text.figure', { hasText: '70.25' }).count(), 1);
  await snap(officer, 'en-rd-expenditure');

  // A malformed table: refused with the row and the column; nothing stored.
  await upload(officer, { name: 'districts-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
  const problem = officer.locator('div.refused table.problems tbody tr').first();
  assert.equal(clean(await problem.locator('td.row').innerText()).trim(), '3');
  assert.equal(clean(await problem.locator('td.column').innerText()).trim(), 'code');
  assert.ok((await problem.innerText()).includes('did you mean `haidian`?'), await problem.innerText());
  assert.ok(clean(await officer.locator('div.refused').innerText()).includes('districts-bad.csv was refused; nothing was stored'));
  assert.equal(await officer.locator('#indicator option[value="spin_offs"]').count(), 0, 'nothing of it was stored');
  await axe(officer, 'en-statistics-refused');
  await snap(officer, 'en-refused');

  // Arabic: right to left, the charts and the refusal in Arabic.
  await officer.goto(`${BASE}/analyst/statistics?indicator=high_tech_enterprises&lang=ar`);
  assert.equal(await officer.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await officer.locator('section.stat-section svg').count(), 4);
  assert.equal(await officer.locator('section[data-dimension="district"] svg text.figure', { hasText: '10610' }).count(), 1);
  assert.ok(clean(await officer.locator('section[data-dimension="area"]').innerText()).includes('مدينة تشونغقوانتسون العلمية'));
  assert.ok(clean(await officer.locator('h1').innerText()).includes('الرصد الإحصائي'));
  await axe(officer, 'ar-statistics');
  await snap(officer, 'ar-charts');
  await upload(officer, { name: 'districts-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
  const ar = officer.locator('div.refused table.problems tbody tr').first();
  assert.equal(clean(await ar.locator('td.row').innerText()).trim(), '3');
  assert.equal(clean(await ar.locator('td.column').innerText()).trim(), 'code');
  assert.ok(clean(await officer.locator('div.refused').innerText()).includes('رُفض'));
  await snap(officer, 'ar-refused');

  console.log('e2e statistics: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
