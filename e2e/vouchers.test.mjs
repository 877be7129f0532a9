// Innovation vouchers in a real browser (issue 15; 001 §28), every party in a context
// of its own: a Tianjin enterprise applies in English (the rule first refuses it for
// asking Beijing, with its explanation, the form keeping what was typed), the Tianjin
// agency's officer issues it in Chinese, the enterprise asks the demo provider (a
// Tianjin testing centre) for a redemption, the provider confirms it in Arabic, and
// the officer's settlement page (and its CSV) shows what Tianjin owes the provider.
// Run by scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, snapper } from './harness.mjs';

const browser = await launch();
const PASSWORD = 'a long passphrase';
const snap = snapper('vouchers');

async function api(method, path, body) {
  const r = await fetch(`${BASE}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return [r.status, await r.text()];
}

const signIn = (...args) => signInAs(browser, ...args);

async function submit(page, form) {
  await page.click(`${form} button[type="submit"]`);
  await page.waitForLoadState('load');
}

try {
  const stamp = Date.now();
  const enterprise = `binhai-robotics-${stamp}`;
  for (const [username, display_name] of [[enterprise, 'Binhai Robotics Co.'], [`rival-${stamp}`, 'Rival']]) {
    const [st, body] = await api('POST', '/api/accounts', { username, password: PASSWORD, entity: 'enterprise', display_name });
    assert.equal(st, 201, body);
  }

  // 1. The enterprise applies in English: to Beijing first, which the rule refuses.
  const ent = await signIn('en', enterprise, PASSWORD, '/vouchers');
  await ent.goto(`${BASE}/vouchers?lang=en`);
  assert.equal(await ent.locator('form.voucher-apply').count(), 1, 'the application form');
  await axe(ent, 'en-vouchers-empty');
  await ent.selectOption('#apply-region', 'beijing');
  await ent.fill('#apply-amount', '80 000');
  await ent.fill('#apply-purpose', 'Fatigue testing of a robot arm');
  await ent.selectOption('#apply-registration_region', 'tianjin');
  await ent.selectOption('#apply-is_tech_sme', 'true');
  await snap(ent, 'en-apply-form');
  await submit(ent, 'form.voucher-apply');
  const refusal = await ent.locator('#apply-error').innerText();
  assert.ok(refusal.includes('§28') && refusal.includes('voucher_asks_home_region'), `refused with the rule's explanation: ${refusal}`);
  assert.equal(await ent.inputValue('#apply-purpose'), 'Fatigue testing of a robot arm', 'the form keeps what was typed');
  assert.equal(await ent.inputValue('#apply-registration_region'), 'tianjin');
  await axe(ent, 'en-apply-refused');
  await snap(ent, 'en-apply-refused');
  await ent.selectOption('#apply-region', 'tianjin');
  await submit(ent, 'form.voucher-apply');
  assert.equal(await ent.locator('#apply-error').count(), 0, 'accepted');
  const pending = await ent.locator('table.voucher-applications tbody tr').first().innerText();
  assert.ok(pending.includes('Waiting for the agency') && pending.includes('80000.00'), pending);
  await snap(ent, 'en-applied');

  // 2. The Tianjin officer, in Chinese, issues it.
  const officer = await signIn('zh-CN', 'officer-tianjin-sci-tech', DEMO_PASSWORD, '/vouchers');
  await officer.goto(`${BASE}/vouchers`);
  const row = officer.locator('table.voucher-applications tr', { hasText: 'Binhai Robotics Co.' });
  assert.equal(await row.locator('form.issue-application').count(), 1, 'the officer may issue it');
  await axe(officer, 'zh-officer-applications');
  await snap(officer, 'zh-officer-applications');
  await row.locator('form.issue-application button[type="submit"]').click();
  await officer.waitForLoadState('load');
  const issuedRow = await officer.locator('table.voucher-applications tr', { hasText: 'Binhai Robotics Co.' }).innerText();
  assert.ok(issuedRow.includes('已发放') && issuedRow.includes('officer-tianjin-sci-tech'), issuedRow);
  await axe(officer, 'zh-officer-issued');

  // 3. The enterprise asks the Tianjin testing centre for a redemption.
  await ent.goto(`${BASE}/vouchers?lang=en`);
  await ent.locator('table.vouchers a').first().click();
  await ent.waitForLoadState('load');
  const voucherUrl = ent.url();
  assert.match(voucherUrl, /\/vouchers\/[0-9a-f-]{36}$/);
  assert.equal((await ent.locator('dd.balance').innerText()).trim(), '80000.00');
  await ent.selectOption('#redeem-provider', 'demo-provider');
  await ent.fill('#redeem-amount', '30000');
  await ent.fill('#redeem-service', 'Fatigue testing, 2 million cycles');
  await submit(ent, 'form.voucher-redeem');
  assert.equal((await ent.locator('dd.reserved').innerText()).trim(), '30000.00', 'reserved until the provider confirms');
  assert.equal((await ent.locator('dd.redeemed').innerText()).trim(), '0.00');
  assert.ok((await ent.locator('table.redemptions').innerText()).includes('Waiting for the provider'));
  await axe(ent, 'en-redemption-asked');
  await snap(ent, 'en-redemption-asked');

  // 4. The provider, in Arabic, confirms it.
  const provider = await signIn('ar', 'demo-provider', DEMO_PASSWORD, '/vouchers');
  await provider.goto(`${BASE}/vouchers?lang=ar`);
  assert.equal(await provider.getAttribute('html', 'dir'), 'rtl');
  const asked = provider.locator('table.redemptions tr', { hasText: 'Fatigue testing, 2 million cycles' });
  assert.equal(await asked.locator('form.confirm-redemption').count(), 1, 'the provider may confirm');
  await axe(provider, 'ar-provider-redemptions');
  await snap(provider, 'ar-provider-redemptions');
  await asked.locator('form.confirm-redemption button[type="submit"]').click();
  await provider.waitForLoadState('load');
  const done = await provider.locator('table.redemptions tr', { hasText: 'Fatigue testing, 2 million cycles' }).innerText();
  assert.ok(done.includes('مؤكد') && done.includes('demo-provider'), done);
  await snap(provider, 'ar-provider-confirmed');
  await ent.goto(voucherUrl);
  assert.equal((await ent.locator('dd.redeemed').innerText()).trim(), '30000.00', 'counted once confirmed');
  assert.equal((await ent.locator('dd.balance').innerText()).trim(), '50000.00');

  // 5. The settlement: Tianjin owes the testing centre 30 000 yuan for June.
  await officer.goto(`${BASE}/vouchers/settlement?month=2026-06`);
  const settlement = await officer.locator('table.settlement').innerText();
  assert.ok(settlement.includes('Tianjin Binhai Testing Centre') && settlement.includes('30000.00'), settlement);
  await axe(officer, 'zh-settlement');
  await snap(officer, 'zh-settlement');
  const href = await officer.locator('a.csv').getAttribute('href');
  const csv = await officer.context().request.get(`${BASE}${href}`);
  assert.equal(csv.status(), 200);
  const text = await csv.text();
  assert.ok(text.includes('2026-06,tianjin-sci-tech,tianjin,Tianjin Binhai Testing Centre,demo-provider,tianjin,1,30000.00'), text);
  // The provider sees its own line too; another enterprise sees nothing of it.
  await provider.goto(`${BASE}/vouchers/settlement?lang=ar`);
  assert.ok((await provider.locator('table.settlement').innerText()).includes('30000.00'));
  await axe(provider, 'ar-settlement');
  const rival = await signIn('en', `rival-${stamp}`, PASSWORD, '/vouchers');
  assert.equal((await rival.goto(voucherUrl)).status(), 403);
  assert.equal((await rival.goto(`${BASE}/vouchers/settlement`)).status(), 403);

  console.log('e2e vouchers: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
