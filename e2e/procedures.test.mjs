// The one window's procedures in a real browser (issue 14): a foreign professional
// whose profile is on file applies once for the work permit, the residence permit and
// permanent residence; three officers of two agencies decide in parallel; one cannot
// accept while a document is missing and asks for it, another stops the clock with a
// request and the applicant's answer in the portal restarts it; the three documents
// are issued together. Then a high-tech filing is approved at once, revoked from the
// supervision queue, and /verify says revoked, in English and in Arabic.
// Run by scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, api, snapper } from './harness.mjs';

const browser = await launch();
const PASSWORD = 'a long passphrase';
const snap = snapper('procedures');

const signIn = (...args) => signInAs(browser, ...args);

/** An officer's action on the case page open in `page`. */
async function act(page, action, reason) {
  await page.check(`#act-${action}`);
  await page.fill('section[aria-labelledby="decide-h"] #reason', reason);
  await page.click('section[aria-labelledby="decide-h"] button[type="submit"]');
  await page.waitForLoadState('load');
}

const pdf = (what) => ({ name: `${what}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${what}\n`) });
const jpeg = { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]) };

try {
  // Set-up through the API: a second exit-entry officer, and the applicant's profile
  // (Category A by a talent programme, four years in Beijing).
  let [st, body] = await api('POST', '/api/sessions', { username: 'admin', password: DEMO_PASSWORD });
  assert.equal(st, 200, JSON.stringify(body));
  [st, body] = await api('POST', '/api/admin/accounts', { username: 'officer-exit-entry-pr', password: DEMO_PASSWORD, role: 'officer', agency: 'exit-entry' }, body.token);
  assert.equal(st, 201, JSON.stringify(body));
  const username = `noor-${Date.now()}`;
  [st, body] = await api('POST', '/api/accounts', { username, password: PASSWORD, entity: 'person', display_name: 'Noor Haddad' });
  assert.equal(st, 201, JSON.stringify(body));
  [st, body] = await api('POST', '/api/sessions', { username, password: PASSWORD });
  const token = body.token;
  const facts = JSON.parse(readFileSync(new URL('../data/samples/person.json', import.meta.url), 'utf8')).facts;
  Object.assign(facts, {
    has_beijing_employer: true, category_a_criteria_met: ['cat_a_talent_programme'],
    pr_recommended_high_level_talent: false, years_worked_in_beijing: 4,
    years_in_china_last_4_years: 3, pr_good_tax_record: true,
  });
  [st, body] = await api('PUT', '/api/profile', { facts }, token);
  assert.equal(st, 200, JSON.stringify(body));

  // 1. Signed in, in English, the interview starts from the profile: nothing left to
  // ask for the one window, so the results offer the three-permit service at once.
  const applicant = await signIn('en', username, PASSWORD, '/cases');
  await applicant.goto(`${BASE}/interview/foreign-professional?lang=en`);
  for (let i = 0; i < 40 && (await applicant.locator('input[name="question"]').count()) > 0; i++) {
    assert.equal(await applicant.locator('.from-profile').count(), 1, 'the interview says it starts from the profile');
    await applicant.click('button[name="skip"]');
    await applicant.waitForLoadState('load');
  }
  assert.equal(await applicant.locator('.saved-to-profile').count(), 1, 'the answers are saved back to the profile');
  await axe(applicant, 'en-result-from-profile');
  await snap(applicant, 'en-result-from-profile');
  await applicant.click('form[action="/apply/foreign-talent"] button');
  await applicant.waitForLoadState('load');
  await axe(applicant, 'en-apply-foreign-talent');
  // 2. The form lists each material once; everything but the health certificate.
  for (const id of ['passport', 'employment-contract', 'degree-certificate', 'criminal-record', 'photo', 'health-certificate']) {
    assert.equal(await applicant.locator(`#material-${id}`).count(), 1, `the form asks for ${id} once`);
  }
  assert.equal(await applicant.getAttribute('#material-photo', 'accept'), 'image/jpeg,image/png');
  await applicant.setInputFiles('#material-passport', pdf('passport'));
  await applicant.setInputFiles('#material-employment-contract', pdf('contract'));
  await applicant.setInputFiles('#material-degree-certificate', pdf('degree'));
  await applicant.setInputFiles('#material-criminal-record', pdf('record'));
  await applicant.setInputFiles('#material-photo', jpeg);
  await snap(applicant, 'en-apply-foreign-talent');
  await applicant.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await applicant.waitForURL(`${BASE}/cases`);
  const caseLinks = applicant.locator('table.cases tbody tr a');
  assert.equal(await caseLinks.count(), 3, 'one submission opened three cases');
  const hrefs = await caseLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const byKind = {};
  for (const href of hrefs) {
    const [, c] = await api('GET', `/api${href}`, undefined, token);
    byKind[c.kind] = href;
  }
  assert.deepEqual(Object.keys(byKind).sort(), ['foreign-residence-permit', 'foreign-work-permit', 'permanent-residence']);
  await snap(applicant, 'en-cases-three');

  // 3. The exit-entry officer cannot accept the residence permit without the health
  // certificate, and asks for it (before acceptance: no clock yet).
  const ee = await signIn('zh-CN', 'officer-exit-entry', DEMO_PASSWORD, byKind['foreign-residence-permit']);
  assert.ok((await ee.locator('table.materials tr.missing').innerText()).includes('健康证明'), 'the missing document is marked');
  await act(ee, 'accept', '');
  assert.ok((await ee.locator('main').innerText()).includes('Health certificate') || (await ee.locator('main').innerText()).includes('健康证明'), 'acceptance refused for the missing document');
  await snap(ee, 'zh-accept-refused');
  await ee.goto(`${BASE}${byKind['foreign-residence-permit']}`);
  await act(ee, 'request_info', '请提交健康证明');
  assert.equal(await ee.locator('dd.state-more_info_needed').count(), 1);

  // The applicant adds it in the portal and answers.
  await applicant.goto(`${BASE}${byKind['foreign-residence-permit']}`);
  await axe(applicant, 'en-case-more-info');
  await applicant.selectOption('#add-material', 'health-certificate');
  await applicant.setInputFiles('#add-material-file', pdf('health'));
  await applicant.click('section[aria-labelledby="add-material-h"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('table.materials tr.missing').count(), 0, 'nothing missing now');
  await applicant.fill('section[aria-labelledby="respond-h"] #reason', 'The health certificate is attached.');
  await applicant.click('section[aria-labelledby="respond-h"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('dd.state-submitted').count(), 1, 'back at the acceptance desk');
  // The permanent-residence case reuses the same certificate without another upload.
  await applicant.goto(`${BASE}${byKind['permanent-residence']}`);
  await applicant.selectOption('#add-material', 'health-certificate');
  const reuse = applicant.locator('#add-material-reuse option', { hasText: 'health.pdf' });
  await applicant.selectOption('#add-material-reuse', await reuse.getAttribute('value'));
  await applicant.click('section[aria-labelledby="add-material-h"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('table.materials tr.missing').count(), 0, 'reused, nothing missing');

  // 4. Three officers of two agencies accept in parallel, each on its own clock.
  const fe = await signIn('zh-CN', 'officer-foreign-experts', DEMO_PASSWORD, byKind['foreign-work-permit']);
  await act(fe, 'accept', '');
  const feFacts = await fe.locator('dl.facts').innerText();
  assert.ok(feFacts.includes('2026-06-25'), `Category A: 7 working days from 15 June: ${feFacts}`);
  await ee.goto(`${BASE}${byKind['foreign-residence-permit']}`);
  await act(ee, 'accept', '');
  const pr = await signIn('zh-CN', 'officer-exit-entry-pr', DEMO_PASSWORD, byKind['permanent-residence']);
  await act(pr, 'accept', '');
  assert.ok((await pr.locator('dl.facts').innerText()).includes('2026-12-15'), 'six months from acceptance');

  // The work-permit officer asks for a clearer degree certificate: the clock stops.
  await act(fe, 'request_info', '学位证书扫描件不清晰，请重新提交');
  assert.equal(await fe.locator('dd.clock-stopped').count(), 1, 'the clock is stopped');
  await snap(fe, 'zh-clock-stopped');
  await applicant.goto(`${BASE}${byKind['foreign-work-permit']}`);
  assert.equal(await applicant.locator('dd.clock-stopped').count(), 1, 'the applicant sees the stopped clock');
  await applicant.selectOption('#add-material', 'degree-certificate');
  await applicant.setInputFiles('#add-material-file', pdf('degree-clear'));
  await applicant.click('section[aria-labelledby="add-material-h"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  await applicant.fill('section[aria-labelledby="respond-h"] #reason', 'A clearer scan is attached.');
  await applicant.click('section[aria-labelledby="respond-h"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('dd.clock-stopped').count(), 0, 'the clock runs again');
  const audit = await applicant.locator('ol.audit').innerText();
  assert.ok(audit.includes('clock stopped') && audit.includes('clock restarted'), `every stop and start is audited: ${audit}`);
  assert.ok((await applicant.locator('dl.facts').innerText()).includes('2026-06-25'), 'no day was suspended: the deadline stands');
  await snap(applicant, 'en-clock-restarted');

  // 5. Decisions come in one by one; nothing is issued until the last.
  await fe.goto(`${BASE}${byKind['foreign-work-permit']}`);
  await act(fe, 'approve', '符合A类条件');
  await ee.goto(`${BASE}${byKind['foreign-residence-permit']}`);
  await act(ee, 'approve', '符合条件');
  await applicant.goto(`${BASE}${byKind['foreign-work-permit']}`);
  assert.equal(await applicant.locator('dd.state-approved').count(), 1);
  assert.equal(await applicant.locator('a.licence-code').count(), 0, 'issued together: not yet');
  await act(pr, 'approve', '符合永久居留条件');
  const codes = [];
  for (const href of Object.values(byKind)) {
    await applicant.goto(`${BASE}${href}`);
    assert.equal(await applicant.locator('a.licence-code').count(), 1, `${href} has its licence`);
    codes.push((await applicant.locator('a.licence-code').innerText()).trim());
  }
  const issued = new Set();
  for (const code of codes) {
    const [s2, v] = await api('GET', `/api/licences/${code}/verification`);
    assert.equal(s2, 200);
    assert.equal(v.status, 'valid');
    issued.add(v.licence.validity.from);
  }
  assert.equal(issued.size, 1, 'all three issued on one day');
  await snap(applicant, 'en-issued-together');
  // The holder's own list of licences, each in force.
  await applicant.click('a[href="/licences"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('table.licences tbody tr.licence-valid').count(), 3, 'three licences in force');
  await axe(applicant, 'en-my-licences');
  await snap(applicant, 'en-my-licences');

  // 6. A high-tech filing on the filing route: approved at once with its licence.
  const firm = `ic-firm-${Date.now()}`;
  [st, body] = await api('POST', '/api/accounts', { username: firm, password: PASSWORD, entity: 'enterprise', display_name: 'IC Firm' });
  assert.equal(st, 201, JSON.stringify(body));
  [st, body] = await api('POST', '/api/sessions', { username: firm, password: PASSWORD });
  const ftoken = body.token;
  const docs = {};
  for (const id of ['hnte-application', 'rd-expense-audit', 'ip-certificates']) {
    [st, body] = await api('POST', `/api/materials?filename=${id}.pdf`, `%PDF-1.4\n% ${id}\n`, ftoken, 'application/pdf');
    assert.equal(st, 201, JSON.stringify(body));
    docs[id] = body.hash;
  }
  const filing = {
    registration_date: '2018-03-01', registration_region: 'beijing', industry: 'integrated_circuits',
    is_above_designated_size: true, sales_revenue_latest_year: '30000000',
    sales_revenue_last_3_years: '80000000', rd_expenses_last_3_years: '5000000',
    rd_expenses_domestic_last_3_years: '2750000', employees_total: 100, st_staff: 25,
    high_tech_income_latest_year: '24000000', total_income_latest_year: '30000000',
    hnte_owns_core_ip: true, hnte_core_tech_in_supported_fields: true,
    hnte_innovation_score: '80', hnte_major_incident_prior_year: false,
  };
  [st, body] = await api('POST', '/api/bundles', { service: 'high-tech-filing', idempotency_key: firm, facts: filing, documents: docs }, ftoken);
  assert.equal(st, 201, JSON.stringify(body));
  const filed = body.cases[0];
  assert.equal(filed.state, 'approved', 'approved upon filing');

  // The sci-tech officer finds it first in the supervision queue and revokes it.
  const st1 = await signIn('zh-CN', 'officer-sci-tech', DEMO_PASSWORD, '/officer');
  const queued = st1.locator('table[aria-labelledby="supervision-h"] tbody tr');
  assert.ok((await queued.count()) >= 1, 'the filing is in the supervision queue');
  assert.equal(await queued.first().locator(`a[href="/cases/${filed.id}"]`).count(), 1, 'the risky filing first');
  await axe(st1, 'zh-officer-supervision');
  await snap(st1, 'zh-officer-supervision');
  await queued.first().locator('a').click();
  await st1.waitForLoadState('load');
  const code = (await st1.locator('a.licence-code').innerText()).trim();
  await st1.check('#outcome-revoke');
  await st1.fill('#supervise-reason', '境内研发费用占比低于国家标准60%');
  await st1.click('section[aria-labelledby="supervise-h"] button[type="submit"]');
  await st1.waitForLoadState('load');
  assert.equal(await st1.locator('dd.state-revoked').count(), 1, 'the case is revoked');
  assert.equal(await st1.locator('dd.licence-revoked').count(), 1, 'and its licence');
  await snap(st1, 'zh-filing-revoked');

  // 7. /verify says revoked, to anyone, in English and in Arabic.
  const anyone = watchCsp(await browser.newContext({ locale: 'en-GB' }));
  const v = await anyone.newPage();
  await v.goto(`${BASE}/verify?code=${code}&lang=en`);
  assert.equal(await v.locator('.verdict-valid').count(), 0, 'never shown as good');
  const verdict = await v.locator('.verdict').innerText();
  assert.ok(verdict.includes('Revoked') && verdict.includes('60%'), `the verdict says revoked and why: ${verdict}`);
  await axe(v, 'en-verify-revoked');
  await snap(v, 'en-verify-revoked');
  await v.goto(`${BASE}/verify?code=${code}&lang=ar`);
  assert.equal(await v.getAttribute('html', 'dir'), 'rtl');
  assert.ok((await v.locator('.verdict h2').innerText()).includes('ملغاة'), 'revoked, in Arabic');
  await axe(v, 'ar-verify-revoked');
  await snap(v, 'ar-verify-revoked');
  await v.goto(`${BASE}/licences/${code}?lang=ar`);
  assert.ok((await v.locator('.stamp').innerText()).includes('ملغاة'), 'the printable licence is stamped');
  await snap(v, 'ar-licence-revoked');
  // The firm's own list says revoked, in Arabic.
  const firmPage = await signIn('ar', firm, PASSWORD, '/licences');
  assert.equal(await firmPage.locator('table.licences tr.licence-revoked').count(), 1, 'the holder sees it revoked');
  assert.ok((await firmPage.locator('td.licence-revoked').innerText()).includes('ملغاة'));
  await axe(firmPage, 'ar-my-licences');
  await snap(firmPage, 'ar-my-licences-revoked');

  // 8. R&D test vehicles imported 2025-01-01 for 18 months: once customs approves, the
  // enterprise's case page (in Spanish) shows the re-export date the rule computed,
  // flagged due within the 30 days' notice.
  const lab = `av-lab-${Date.now()}`;
  [st, body] = await api('POST', '/api/accounts', { username: lab, password: PASSWORD, entity: 'enterprise', display_name: 'AV Lab' });
  assert.equal(st, 201, JSON.stringify(body));
  [st, body] = await api('POST', '/api/sessions', { username: lab, password: PASSWORD });
  const ltoken = body.token;
  const vdocs = {};
  for (const id of ['vehicle-list', 'rd-plan', 'customs-guarantee']) {
    [st, body] = await api('POST', `/api/materials?filename=${id}.pdf`, `%PDF-1.4\n% ${id}\n`, ltoken, 'application/pdf');
    assert.equal(st, 201, JSON.stringify(body));
    vdocs[id] = body.hash;
  }
  [st, body] = await api('POST', '/api/bundles', { service: 'rd-vehicle-import', idempotency_key: lab, documents: vdocs, facts: {
    vehicle_is_eligible_tech_enterprise: true, vehicle_is_rd_test_vehicle: true, vehicle_subject_to_mandatory_inspection: false,
    vehicle_import_date: '2025-01-01', vehicle_requested_period: '18 months' } }, ltoken);
  assert.equal(st, 201, JSON.stringify(body));
  const vcase = body.cases[0].id;
  [st, body] = await api('POST', '/api/sessions', { username: 'officer-customs', password: DEMO_PASSWORD });
  const ctoken = body.token;
  for (const action of ['accept', 'approve']) {
    [st, body] = await api('POST', `/api/cases/${vcase}/actions`, { action, reason: 'ok' }, ctoken);
    assert.equal(st, 200, JSON.stringify(body));
  }
  const es = await signIn('es', lab, PASSWORD, `/cases/${vcase}`);
  const vfacts = await es.locator('dl.facts').innerText();
  assert.ok(vfacts.includes('Reexportar los vehículos antes del') && vfacts.includes('2026-07-01'), `the re-export date: ${vfacts}`);
  assert.equal(await es.locator('dd.reminder-due').count(), 1, 'flagged due within the notice period');
  await axe(es, 'es-case-reminder');
  await snap(es, 'es-case-reminder');

  console.log('e2e procedures: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
