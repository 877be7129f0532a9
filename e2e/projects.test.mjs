// Research projects in a real browser (issue 15), with their three parties, each in a
// context of its own: a project leader files in English (the fund rules first refuse
// an indirect cost over its cap, the form keeping what was typed), the Science and
// Technology Commission's officer accepts the filing in Chinese, the leader reports a
// milestone and asks for an equipment increase; the undertaking unit, in Arabic, sees
// it waiting and approves it; the officer accepts the milestone; the acceptance page
// lists the increase to be filed, and after the final acceptance shows it filed.
// Run by scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, api, snapper } from './harness.mjs';

const browser = await launch();
const PASSWORD = 'a long passphrase';
const snap = snapper('projects');

const signIn = (...args) => signInAs(browser, ...args);

/** The text of an element without Fluent's bidi isolation marks around placeables. */
async function text(page, selector) {
  return (await page.locator(selector).innerText()).replace(/[\u2068\u2069]/g, '');
}

async function submit(page, form) {
  await page.click(`${form} button[type="submit"]`);
  await page.waitForLoadState('load');
}

try {
  // Two new accounts: the leader (a researcher) and the university's organisation
  // account, the undertaking unit. The commission's officer is a demo account.
  const stamp = Date.now();
  const leader = `prof-li-${stamp}`;
  const unit = `pku-${stamp}`;
  for (const [username, entity, display_name] of [[leader, 'person', 'Li Wei'], [unit, 'enterprise', 'Peking University']]) {
    const [st, body] = await api('POST', '/api/accounts', { username, password: PASSWORD, entity, display_name });
    assert.equal(st, 201, JSON.stringify(body));
  }
  const facts = JSON.parse(readFileSync(new URL('../data/samples/project.json', import.meta.url), 'utf8')).facts;

  // 1. The leader files in English: over the indirect-cost cap first.
  const lead = await signIn('en', leader, PASSWORD, '/projects');
  await lead.goto(`${BASE}/projects?lang=en`);
  assert.equal(await lead.locator('form.project-file').count(), 1, 'the filing form');
  await axe(lead, 'en-projects-empty');
  await lead.fill('#title', 'Arithmetic geometry of moduli spaces');
  await lead.fill('#unit', unit);
  for (const name of ['funding_source', 'institution_type', 'discipline']) await lead.selectOption(`#f-${name}`, facts[name]);
  for (const name of ['is_basic_research', 'is_pure_theoretical_research', 'selected_for_indirect_cost_pilot']) await lead.selectOption(`#f-${name}`, String(facts[name]));
  for (const name of ['direct_cost', 'equipment_cost', 'proposed_performance_pay']) await lead.fill(`#f-${name}`, facts[name]);
  await lead.fill('#f-proposed_indirect_cost', '1 900 000');
  await lead.fill('#f-implementation_start_date', facts.implementation_start_date);
  await lead.fill('#f-implementation_end_date', facts.implementation_end_date);
  await lead.fill('#milestone-name-1', 'Mid-term: moduli of curves');
  await lead.fill('#milestone-due-1', '2025-06-30');
  await lead.fill('#milestone-name-2', 'Final: monograph');
  await lead.fill('#milestone-due-2', '2026-06-30');
  await snap(lead, 'en-file-form');
  await submit(lead, 'form.project-file');
  const refusal = await lead.locator('#file-error').innerText();
  assert.ok(refusal.includes('exceeds its cap') && refusal.includes('§17'), `refused with the rule's reason: ${refusal}`);
  assert.equal(await lead.inputValue('#title'), 'Arithmetic geometry of moduli spaces', 'the form keeps what was typed');
  assert.equal(await lead.inputValue('#f-discipline'), 'project_discipline_mathematics');
  await axe(lead, 'en-file-refused');
  await snap(lead, 'en-file-refused');
  await lead.fill('#f-proposed_indirect_cost', '1500000');
  await submit(lead, 'form.project-file');
  assert.match(lead.url(), /\/projects\/[0-9a-f-]{36}$/, 'filed: on the project page');
  const projectUrl = lead.url();
  const id = projectUrl.split('/').pop();
  assert.equal(await lead.locator('dd.project-status-filed').count(), 1);
  assert.ok((await lead.locator('dd.inspection').innerText()).includes('under three years'), 'the rule exempts a 30-month project');
  assert.ok((await lead.locator('dd.project-unit').innerText()).includes('Peking University'));
  await axe(lead, 'en-project-filed');
  await snap(lead, 'en-project-filed');

  // 2. The commission's officer, in Chinese, finds it in the project inbox and accepts it.
  const officer = await signIn('zh-CN', 'officer-sci-tech', DEMO_PASSWORD, '/officer/projects');
  await officer.goto(`${BASE}/officer/projects`);
  const row = officer.locator('table.projects tr', { hasText: leader });
  assert.ok((await row.innerText()).includes('审核项目申报'), 'the inbox says what waits: the review');
  await axe(officer, 'zh-officer-projects');
  await snap(officer, 'zh-officer-projects');
  await row.locator('a').first().click();
  await officer.waitForLoadState('load');
  await officer.check('#review-accept');
  await officer.fill('#review-note', '材料齐全，同意立项');
  await submit(officer, 'section[aria-labelledby="review-h"] form');
  assert.equal(await officer.locator('dd.project-status-active').count(), 1, 'being implemented');
  await axe(officer, 'zh-project-active');

  // 3. The leader reports the first milestone and asks for an equipment increase.
  await lead.goto(projectUrl);
  await lead.fill('#report-1', 'The moduli of stable curves: two chapters written and circulated.');
  await submit(lead, 'form.report');
  assert.ok((await lead.locator('#milestone-1').innerText()).includes('two chapters'), 'reported');
  assert.equal(await lead.inputValue('#adjust-equipment_budget'), '200000.00', 'the form starts from the budget in force');
  await lead.fill('#adjust-equipment_budget', '260000.00');
  await lead.fill('#adjust-other_direct_budget', '2940000.00');
  await lead.fill('#adjust-reason', 'A second computing workstation for the enumerative computations.');
  await submit(lead, 'form.adjust');
  const asked = await lead.locator('#change-1').innerText();
  assert.ok(asked.includes('200000.00 → 260000.00'), `the history shows the increase: ${asked}`);
  assert.ok(asked.includes('The undertaking unit'), 'the rule names the unit as approver');
  assert.ok(asked.includes('Waiting for a decision') && asked.includes('To be filed at acceptance'), asked);
  assert.equal(await lead.locator('form.adjust').count(), 0, 'one adjustment at a time');
  assert.equal(await lead.locator('form.decide-budget').count(), 0, 'the leader never approves its own request');
  await axe(lead, 'en-adjustment-asked');
  await snap(lead, 'en-adjustment-asked');
  // The commission sees it but may not decide it.
  await officer.goto(projectUrl);
  assert.equal(await officer.locator('form.decide-budget').count(), 0, 'not the commission\'s to decide');

  // 4. The undertaking unit, in Arabic, sees it waiting and approves it.
  const uni = await signIn('ar', unit, PASSWORD, '/projects');
  await uni.goto(`${BASE}/projects?lang=ar`);
  assert.equal(await uni.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await uni.locator('.waiting-unit').count(), 1, 'flagged as waiting for the unit');
  assert.equal(await uni.locator('form.project-file').count(), 1, 'an organisation may file too, as a leader');
  await axe(uni, 'ar-unit-projects');
  await snap(uni, 'ar-unit-projects');
  await uni.goto(`${BASE}/projects/${id}`);
  await uni.check('#decide-approve-1');
  await uni.fill('#decide-note-1', 'تمت الموافقة وفق الاحتياج الفعلي');
  await axe(uni, 'ar-unit-decides');
  await snap(uni, 'ar-unit-decides');
  await submit(uni, 'form.decide-budget');
  const approved = await uni.locator('#change-1').innerText();
  assert.ok(approved.includes('معتمد') && approved.includes(unit), `approved by the unit, recorded with its name: ${approved}`);
  assert.ok((await uni.locator('table.budget').innerText()).includes('260000.00'), 'the budget in force changed');
  assert.equal(await uni.locator('form.report').count(), 0, 'the unit does not report milestones');
  await snap(uni, 'ar-unit-approved');

  // 5. The officer accepts the milestone.
  await officer.goto(projectUrl);
  await officer.fill('#accept-note-1', '进展良好');
  await submit(officer, 'form.accept-milestone');
  const m1 = await officer.locator('#milestone-1 .milestone-acceptance').innerText();
  assert.ok(m1.includes('officer-sci-tech'), `accepted by the officer: ${m1}`);
  await axe(officer, 'zh-milestone-accepted');
  await snap(officer, 'zh-milestone-accepted');

  // 6. The acceptance page lists the increase to be filed; the leader sees it too.
  await lead.goto(`${BASE}/projects/${id}/acceptance?lang=en`);
  const filing = await lead.locator('table.filings').innerText();
  assert.ok(filing.includes('200000.00 → 260000.00') && filing.includes('To be filed at acceptance'), `listed: ${filing}`);
  assert.ok((await text(lead, 'ul.blockers')).includes('Milestone 2 has not been reported'), 'what still blocks the acceptance');
  assert.equal(await lead.locator('form[method="post"][action$="/acceptance"]').count(), 0, 'only the commission does the final acceptance');
  await axe(lead, 'en-acceptance-open');
  await snap(lead, 'en-acceptance-open');

  // 7. To the end: the last milestone, the inspection waived by the rule, final acceptance.
  await lead.goto(projectUrl);
  await lead.fill('#report-2', 'Monograph submitted to the publisher.');
  await submit(lead, 'form.report');
  await officer.goto(projectUrl);
  await submit(officer, 'form.accept-milestone');
  await officer.check('#inspection-waive');
  await officer.fill('#inspection-note', '实施周期不足三年，免于过程检查');
  await submit(officer, 'section[aria-labelledby="inspection-h"] form');
  assert.equal(await officer.locator('dd.inspection-waived').count(), 1);
  await officer.goto(`${BASE}/projects/${id}/acceptance`);
  assert.equal(await officer.locator('p.ready').count(), 1, 'ready for final acceptance');
  await officer.fill('#acceptance-note', '通过验收');
  await submit(officer, 'section[aria-labelledby="blockers-h"] form');
  assert.equal(await officer.locator('dd.project-status-accepted').count(), 1, 'accepted');
  const filed = await officer.locator('table.filings').innerText();
  assert.ok(filed.includes('已于'), `the increase is filed with the department: ${filed}`);
  await axe(officer, 'zh-acceptance-done');
  await snap(officer, 'zh-acceptance-done');
  await uni.goto(`${BASE}/projects/${id}/acceptance?lang=ar`);
  assert.ok((await uni.locator('table.filings').innerText()).includes('سُجِّل لدى الجهة المختصة'), 'filed, in Arabic');
  await axe(uni, 'ar-acceptance-done');
  await snap(uni, 'ar-acceptance-done');

  // Another organisation sees none of it.
  const [st, body] = await api('POST', '/api/accounts', { username: `rival-${stamp}`, password: PASSWORD, entity: 'enterprise', display_name: 'Rival' });
  assert.equal(st, 201, JSON.stringify(body));
  const rival = await signIn('en', `rival-${stamp}`, PASSWORD, '/projects');
  const r = await rival.goto(`${BASE}/projects/${id}`);
  assert.equal(r.status(), 403);

  console.log('e2e projects: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
