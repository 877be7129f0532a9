// The working-day calendar in a real browser, on a server whose business date is
// 2026-12-28 (scripts/e2e.sh): a Category A work permit accepted that day is due on
// 2027-01-07, a day only the statutory holidays fix, so the officer's inbox and the
// applicant's case page (in Arabic) mark it provisional. The administrator is warned
// that official coverage ends, a malformed notice is refused on the admin page, and
// loading the 2027 notice recounts the deadline to 2027-01-08 without the mark.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp } from './harness.mjs';

assert.equal(process.env.ONESTOP_TODAY, '2026-12-28', 'this test runs on business date 2026-12-28');
const PASSWORD = 'a long passphrase';

const NOTICE_2027 = `# year: 2027
# notice: 国务院办公厅关于2027年部分节假日安排的通知
# reference: 国办发明电〔2026〕99号 (test notice)
# published: 2026-12-01
date,kind,name
2027-01-01,holiday,New Year's Day
2027-01-04,holiday,New Year's Day
2027-02-05..2027-02-11,holiday,Spring Festival
2027-02-20,workday,Spring Festival
`;
const BAD_2027 = NOTICE_2027.replace('2027-02-20,workday', '2027-02-19,workday');

const browser = await launch();

async function snap(page, name) {
  await page.screenshot({ path: `${SHOTS}/calendar-${name}.png`, fullPage: true });
}

async function api(method, path, body, token, type = 'application/json') {
  const headers = { 'content-type': type };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : (type === 'application/json' ? JSON.stringify(body) : body) });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return [r.status, json];
}

async function signIn(context, username, password, next) {
  const page = await context.newPage();
  await page.goto(`${BASE}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('main button[type="submit"]');
  await page.waitForLoadState('load');
  return page;
}

try {
  // An applicant submits through the API (the portal's own flow is portal.test.mjs).
  const username = `leila-${Date.now()}`;
  let [st, body] = await api('POST', '/api/accounts', { username, password: PASSWORD, entity: 'person', display_name: 'Leila' });
  assert.equal(st, 201, JSON.stringify(body));
  [st, body] = await api('POST', '/api/sessions', { username, password: PASSWORD });
  const token = body.token;
  const sample = JSON.parse(readFileSync(new URL('../data/samples/person.json', import.meta.url), 'utf8'));
  [st] = await api('PUT', '/api/profile', { facts: sample.facts }, token);
  assert.equal(st, 200);
  [st, body] = await api('POST', '/api/materials?filename=passport.pdf', '%PDF-1.4\n% passport\n', token, 'application/pdf');
  assert.equal(st, 201, JSON.stringify(body));
  [st, body] = await api('POST', '/api/bundles', { service: 'category-a-permits', idempotency_key: username, documents: { passport: body.hash } }, token);
  assert.equal(st, 201, JSON.stringify(body));
  const workPermit = body.cases.find((c) => c.agency === 'foreign-experts').id;
  const residence = body.cases.find((c) => c.agency === 'exit-entry').id;

  // The officer accepts in the portal: the deadline crosses into 2027 and says so.
  const zh = watchCsp(await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } }));
  const officer = await signIn(zh, 'officer-foreign-experts', DEMO_PASSWORD, `/cases/${workPermit}`);
  await officer.check('#act-accept');
  await officer.click('form button[type="submit"] >> nth=-1');
  await officer.waitForLoadState('load');
  assert.ok((await officer.locator('dl.facts').innerText()).includes('2027-01-07'), 'due 2027-01-07');
  assert.equal(await officer.locator('dl.facts .provisional-flag').count(), 1, 'the case page marks the deadline provisional');
  assert.ok((await officer.locator('.provisional-why').innerText()).includes('2027'));
  await officer.goto(`${BASE}/officer`);
  const row = officer.locator('table.cases tbody tr', { has: officer.locator(`a[href="/cases/${workPermit}"]`) });
  assert.equal(await row.count(), 1, 'the case is in the inbox');
  assert.equal(await row.locator('.provisional-flag').count(), 1, 'the inbox marks the deadline provisional');
  assert.equal((await row.locator('.provisional-flag').innerText()).trim(), '暂定');
  await axe(officer, 'zh-inbox-provisional');
  await snap(officer, 'zh-inbox-provisional');

  // The applicant, in Arabic, sees the same mark on the case page, right to left.
  const ar = watchCsp(await browser.newContext({ locale: 'ar', extraHTTPHeaders: { 'Accept-Language': 'ar' } }));
  const applicant = await signIn(ar, username, PASSWORD, `/cases/${workPermit}`);
  assert.equal(await applicant.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await applicant.locator('dl.facts .provisional-flag').count(), 1, 'the applicant sees the mark');
  const why = (await applicant.locator('.provisional-why').innerText()).replace(/[\u2068\u2069]/g, '');
  assert.ok(why.includes('2027') && !/[A-Za-z]{3,}/.test(why), `the explanation is in Arabic: ${why}`);
  await axe(applicant, 'ar-case-provisional');
  await snap(applicant, 'ar-case-provisional');
  await applicant.goto(`${BASE}/cases`);
  assert.ok((await applicant.locator('table.cases .provisional-flag').count()) >= 1, 'my cases marks it too');

  // The administrator is warned, a malformed notice is refused, the real one loads.
  const en = watchCsp(await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'Accept-Language': 'en' } }));
  const admin = await signIn(en, 'admin', DEMO_PASSWORD, '/admin/calendar');
  assert.equal(new URL(admin.url()).pathname, '/admin/calendar');
  assert.ok((await admin.locator('p.warning').innerText()).includes('2027'), 'warned that coverage ends');
  assert.ok((await admin.locator('p.coverage').innerText()).includes('2026-12-31'));
  assert.equal(await admin.locator('table.calendar-years tr.provisional').count() >= 1, true);
  await axe(admin, 'en-admin-calendar');
  await snap(admin, 'en-admin-calendar-warning');
  await admin.setInputFiles('#notice', { name: '2027.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_2027) });
  await admin.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await admin.waitForLoadState('load');
  const refused = (await admin.locator('.error-box pre').innerText()).replace(/[\u2068\u2069]/g, '');
  assert.ok(refused.includes('2027.csv:9: error:') && refused.includes('hint:'), `diagnostics: ${refused}`);
  await snap(admin, 'en-admin-calendar-refused');
  await applicant.goto(`${BASE}/cases/${workPermit}`);
  assert.ok((await applicant.locator('dl.facts').innerText()).includes('2027-01-07'), 'a refused file changes nothing');
  await admin.goto(`${BASE}/admin/calendar`);
  await admin.setInputFiles('#notice', { name: '2027.csv', mimeType: 'text/csv', buffer: Buffer.from(NOTICE_2027) });
  await admin.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await admin.waitForLoadState('load');
  const loaded = (await admin.locator('.notice-loaded').innerText()).replace(/[\u2068\u2069]/g, '');
  assert.ok(loaded.includes('2027-01-07 → 2027-01-08'), `the recount is listed: ${loaded}`);
  assert.equal(await admin.locator('p.warning').count(), 0, 'no warning once 2027 is official');
  await axe(admin, 'en-admin-calendar-loaded');
  await snap(admin, 'en-admin-calendar-loaded');

  // The applicant's page now shows the recounted, official deadline and its history.
  await applicant.goto(`${BASE}/cases/${workPermit}`);
  assert.ok((await applicant.locator('dl.facts').innerText()).includes('2027-01-08'));
  assert.equal(await applicant.locator('dl.facts .provisional-flag').count(), 0, 'no mark once official');
  assert.ok((await applicant.locator('ol.audit').innerText()).includes('2027-01-07 (provisional) -> 2027-01-08'));
  await snap(applicant, 'ar-case-official');

  // The exit-entry officer asks for more material: the clock stops (inbox and case
  // page say so); the applicant answers in the portal, in Arabic, and it restarts.
  const ee = watchCsp(await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } }));
  const eeOfficer = await signIn(ee, 'officer-exit-entry', DEMO_PASSWORD, `/cases/${residence}`);
  for (const [action, reason] of [['accept', ''], ['request_info', '请补充护照信息页清晰扫描件']]) {
    await eeOfficer.check(`#act-${action}`);
    await eeOfficer.fill('#reason', reason);
    await eeOfficer.click('form button[type="submit"] >> nth=-1');
    await eeOfficer.waitForLoadState('load');
  }
  assert.equal(await eeOfficer.locator('dd.clock-stopped').count(), 1, 'the case page shows the stopped clock');
  await eeOfficer.goto(`${BASE}/officer`);
  const eeRow = eeOfficer.locator('table.cases tbody tr', { has: eeOfficer.locator(`a[href="/cases/${residence}"]`) });
  assert.equal((await eeRow.locator('.clock-flag').innerText()).trim(), '时限暂停');
  await snap(eeOfficer, 'zh-inbox-clock-stopped');
  await applicant.goto(`${BASE}/cases/${residence}`);
  assert.equal(await applicant.locator('dd.clock-stopped').count(), 1);
  await axe(applicant, 'ar-case-clock-stopped');
  await snap(applicant, 'ar-case-clock-stopped');
  await applicant.fill('#reason', 'أرفقتُ نسخة واضحة من صفحة البيانات');
  await applicant.click('section[aria-labelledby="respond-h"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('dd.state-in_review').count(), 1, 'the answer puts the case back in review');
  assert.equal(await applicant.locator('dd.clock-stopped').count(), 0, 'the clock runs again');
  assert.ok((await applicant.locator('ol.audit').innerText()).includes('clock restarted'));
  // The applicant can also withdraw a case from its page.
  await applicant.click('form.withdraw button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('dd.state-withdrawn').count(), 1, 'withdrawn in the portal');
  assert.equal(await applicant.locator('form.withdraw').count(), 0, 'a withdrawn case cannot be withdrawn again');
  await ee.close();

  // The admin page in every language, axe on each; Arabic right to left.
  for (const lang of ['zh-CN', 'ko', 'ru', 'es', 'ar']) {
    await admin.goto(`${BASE}/admin/calendar?lang=${lang}`);
    assert.equal(await admin.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    await axe(admin, `${lang}-admin-calendar`);
    if (lang === 'ar') await snap(admin, 'ar-admin-calendar');
  }
  console.log('e2e calendar: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
