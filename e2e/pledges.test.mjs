// IP pledges in a real browser (issue 15), with their three parties, each in a context
// of its own: the pledgor (demo-enterprise) applies in English naming its bank; the
// public register says the patent is not pledged; the bank (demo-bank), in Chinese,
// sees the application waiting and countersigns; the IP office's officer, in Arabic,
// registers it; the public register shows it pledged to the bank since the business
// date; the pledgor's attempt to release (a release form sent from its own page) is
// refused and the pledge stands; the bank releases it; the public register shows it
// released. Run by scripts/e2e.sh against a server with the demonstration accounts on
// business date 2026-06-15 (ONESTOP_URL, ONESTOP_TODAY).
import assert from 'node:assert/strict';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp } from './harness.mjs';

const browser = await launch();
const TODAY = process.env.ONESTOP_TODAY || '2026-06-15';
let step = 0;
async function snap(page, name) {
  step += 1;
  await page.screenshot({ path: `${SHOTS}/pledges-${String(step).padStart(2, '0')}-${name}.png`, fullPage: true });
}

/** A signed-in page in a context of its own. */
async function signIn(locale, username, next) {
  const context = watchCsp(await browser.newContext({ locale, extraHTTPHeaders: { 'Accept-Language': locale } }));
  const page = await context.newPage();
  await page.goto(`${BASE}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button[type="submit"]');
  await page.waitForLoadState('load');
  return page;
}

/** The text of an element without Fluent's bidi isolation marks around placeables. */
async function text(page, selector) {
  return (await page.locator(selector).innerText()).replace(/[\u2068\u2069]/g, '');
}

async function submit(page, form) {
  await page.click(`${form} button[type="submit"]`);
  await page.waitForLoadState('load');
}

try {
  // A patent number of this run, so a rerun against the same server starts clean.
  const number = `ZL2024${String(Date.now()).slice(-7)}.5`;
  const publicPage = async (page, lang) => {
    await page.goto(`${BASE}/pledges/status?right_kind=patent&right_number=${encodeURIComponent(number)}&lang=${lang}`);
    return text(page, 'section.pledge-found');
  };
  const visitor = await (await watchCsp(await browser.newContext({ locale: 'en' }))).newPage();

  // 1. The pledgor applies in English, naming its bank.
  const pledgor = await signIn('en', 'demo-enterprise', '/pledges');
  await pledgor.goto(`${BASE}/pledges?lang=en`);
  assert.equal(await pledgor.locator('form.pledge-apply').count(), 1, 'the application form');
  await axe(pledgor, 'en-pledges');
  await pledgor.selectOption('#right-kind', 'patent');
  await pledgor.fill('#right-number', number);
  await pledgor.fill('#counterparty', 'demo-bank');
  await pledgor.fill('#secured-amount', '3 000 000');
  await snap(pledgor, 'en-apply-form');
  await submit(pledgor, 'form.pledge-apply');
  assert.match(pledgor.url(), /\/pledges\/[0-9a-f-]{36}$/, 'applied: on the pledge page');
  const pledgeUrl = pledgor.url();
  assert.equal(await pledgor.locator('dd.pledge-state-applied').count(), 1, 'waiting for the countersignature');
  assert.ok((await text(pledgor, 'dd.pledge-pledgee')).includes('Demo Bank of Beijing'));
  assert.equal(await pledgor.locator('form.pledge-countersign').count(), 0, 'the pledgor does not countersign its own application');
  await axe(pledgor, 'en-pledge-applied');
  await snap(pledgor, 'en-pledge-applied');
  let shown = await publicPage(visitor, 'en');
  assert.ok(shown.includes('Not pledged.'), `nothing public before registration: ${shown}`);
  await axe(visitor, 'en-status-not-pledged');
  await snap(visitor, 'en-status-applied');

  // 2. The bank, in Chinese, sees it waiting and countersigns.
  const bank = await signIn('zh-CN', 'demo-bank', '/pledges');
  await bank.goto(`${BASE}/pledges`);
  const row = bank.locator('table.pledges tr', { hasText: number });
  assert.ok((await row.innerText()).includes('待您办理'), 'flagged as waiting for the bank');
  await axe(bank, 'zh-bank-pledges');
  await snap(bank, 'zh-bank-pledges');
  await row.locator('a').first().click();
  await bank.waitForLoadState('load');
  assert.equal(await bank.locator('form.pledge-release').count(), 0, 'nothing to release yet');
  await submit(bank, 'form.pledge-countersign');
  assert.equal(await bank.locator('dd.pledge-state-signed').count(), 1, 'signed by both');
  assert.ok((await text(bank, 'ol.pledge-steps')).includes('demo-bank'), 'the countersignature is recorded with its signatory');
  await axe(bank, 'zh-pledge-signed');
  await snap(bank, 'zh-pledge-signed');
  shown = await publicPage(visitor, 'en');
  assert.ok(shown.includes('Not pledged.'), `still not public before registration: ${shown}`);

  // 3. The IP office's officer, in Arabic, registers it.
  const officer = await signIn('ar', 'officer-ip-office', '/pledges');
  await officer.goto(`${BASE}/pledges?lang=ar`);
  assert.equal(await officer.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await officer.locator('form.pledge-apply').count(), 0, 'officers do not apply');
  await axe(officer, 'ar-officer-pledges');
  await officer.goto(pledgeUrl);
  assert.equal(await officer.locator('form.pledge-refuse').count(), 1, 'the officer may refuse');
  await axe(officer, 'ar-officer-pledge');
  await snap(officer, 'ar-officer-pledge');
  await submit(officer, 'form.pledge-register');
  assert.equal(await officer.locator('dd.pledge-state-registered').count(), 1, 'registered');
  assert.equal(await officer.locator('form.pledge-release').count(), 0, 'the officer releases only on a court order');
  assert.equal(await officer.locator('form.pledge-release-by-order').count(), 1, 'the court-order form');
  await snap(officer, 'ar-pledge-registered');
  shown = await publicPage(visitor, 'en');
  assert.ok(shown.includes(`Pledged to Demo Bank of Beijing since ${TODAY}.`), `public once registered: ${shown}`);
  assert.ok(!shown.includes('3000000'), 'no amount in public');
  await axe(visitor, 'en-status-pledged');
  await snap(visitor, 'en-status-registered');

  // 4. The pledgor tries to release it: no form is offered, and one sent anyway (built
  // in its own page, with its own CSRF token) is refused; the pledge stands.
  await pledgor.goto(pledgeUrl);
  assert.equal(await pledgor.locator('dd.pledge-state-registered').count(), 1);
  assert.equal(await pledgor.locator('form.pledge-release').count(), 0, 'no release form for the pledgor');
  assert.ok((await text(pledgor, 'p.pledge-next')).includes('Only the pledgee releases this pledge'));
  await pledgor.evaluate(() => {
    const csrf = document.querySelector('input[name="csrf"]').value;
    const f = document.createElement('form');
    f.method = 'post';
    f.action = window.location.pathname;
    f.className = 'forged-release';
    for (const [name, value] of [['csrf', csrf], ['action', 'release'], ['reason', 'I repaid it myself']]) {
      const i = document.createElement('input');
      i.type = 'hidden';
      i.name = name;
      i.value = value;
      f.appendChild(i);
    }
    const b = document.createElement('button');
    b.type = 'submit';
    b.textContent = 'release';
    f.appendChild(b);
    document.querySelector('main').appendChild(f);
  });
  const [refused] = await Promise.all([
    pledgor.waitForNavigation(),
    pledgor.click('form.forged-release button'),
  ]);
  assert.equal(refused.status(), 403, 'the pledgor alone may not release');
  const why = await text(pledgor, 'main');
  assert.ok(why.includes('only the pledgee releases a pledge'), `refused with the reason: ${why}`);
  await snap(pledgor, 'en-release-refused');
  shown = await publicPage(visitor, 'en');
  assert.ok(shown.includes('Pledged to Demo Bank of Beijing'), `still pledged: ${shown}`);

  // 5. The bank releases it.
  await bank.goto(pledgeUrl);
  await bank.fill('#release-reason', '贷款已还清');
  await axe(bank, 'zh-bank-release');
  await submit(bank, 'form.pledge-release');
  assert.equal(await bank.locator('dd.pledge-state-released').count(), 1, 'released');
  assert.ok((await text(bank, 'li.step-released')).includes('贷款已还清'));
  await snap(bank, 'zh-pledge-released');

  // 6. The public register shows it released, in English and in Arabic.
  shown = await publicPage(visitor, 'en');
  assert.ok(shown.includes('Not pledged.') && shown.includes('Released') && shown.includes(TODAY), `released in public: ${shown}`);
  await axe(visitor, 'en-status-released');
  await snap(visitor, 'en-status-released');
  shown = await publicPage(visitor, 'ar');
  assert.equal(await visitor.getAttribute('html', 'dir'), 'rtl');
  assert.ok(shown.includes('غير مرهونة') && shown.includes('مفكوك'), `in Arabic: ${shown}`);
  await axe(visitor, 'ar-status-released');
  await snap(visitor, 'ar-status-released');

  console.log('e2e pledges: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
