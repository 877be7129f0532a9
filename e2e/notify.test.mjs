// Policy finds the applicant and the tracker kept by people (issue 16), in a real
// browser. An enterprise's profile changes so that it becomes eligible for a measure;
// the server's matching run puts a notification in its inbox: the header shows the
// unread count, the inbox lists it (English and Arabic), and opening it shows the
// explanation and the link to the one-window form. Then the Science and Technology
// Commission's officer records progress on an overdue measure of the tracker and the
// overdue list changes.
// Run by scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, api, snapper, clean } from './harness.mjs';

const browser = await launch();
const PASSWORD = 'a long passphrase';
const MEASURE = 'enterprise.mnc-rd-centre';
const TRACKED = 'gov.academic-exchange-platforms';
const snap = snapper('notify');

const signIn = (...args) => signInAs(browser, ...args);

try {
  // An enterprise registers and describes itself: a foreign-funded R&D centre.
  const stamp = Date.now();
  const username = `rd-centre-${stamp}`;
  let [st, body] = await api('POST', '/api/accounts', { username, password: PASSWORD, entity: 'enterprise', display_name: 'Global R&D Centre' });
  assert.equal(st, 201, JSON.stringify(body));
  [st, body] = await api('POST', '/api/sessions', { username, password: PASSWORD });
  assert.equal(st, 200, JSON.stringify(body));
  const token = body.token;
  const facts = (global) => ({ mnc_is_foreign_funded: true, mnc_is_rd_centre: true, mnc_is_global_rd_centre: global, mnc_has_independent_legal_personality: false });
  [st, body] = await api('PUT', '/api/profile', { facts: facts(false) }, token);
  assert.equal(st, 200, JSON.stringify(body));

  const page = await signIn('en', username, PASSWORD, '/notifications');
  await page.goto(`${BASE}/notifications?lang=en`);
  assert.equal(await page.locator('li.notification').count(), 0, 'not eligible yet, nothing said');
  await axe(page, 'en-notifications-empty');

  // The profile changes: now the group's global R&D centre. serve matches every
  // profile again and the inbox gets the news.
  [st, body] = await api('PUT', '/api/profile', { facts: facts(true) }, token);
  assert.equal(st, 200, JSON.stringify(body));
  let found = null;
  for (let i = 0; i < 120 && !found; i++) {
    [st, body] = await api('GET', '/api/notifications?lang=en', undefined, token);
    assert.equal(st, 200, JSON.stringify(body));
    found = body.notifications.find((n) => n.kind === 'eligible' && n.measure === MEASURE);
    if (!found) await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(found, 'the matching run notified the new eligibility');

  await page.goto(`${BASE}/?lang=en`);
  const unread = await page.locator('a.notifications-link span.unread').innerText();
  assert.ok(Number(unread) >= 1, `the header shows the unread count: ${unread}`);
  await page.goto(`${BASE}/notifications?lang=en`);
  const item = page.locator(`li.notification.unread a[href="/notifications/${found.id}"]`);
  assert.equal(await item.count(), 1, 'the inbox lists it, unread');
  assert.ok(clean(await item.innerText()).startsWith('You may now be eligible'), await item.innerText());
  await axe(page, 'en-notifications');
  await snap(page, 'en-inbox');

  // Opening it: the explanation over the stored profile, and where to apply.
  await item.click();
  await page.waitForLoadState('load');
  const explanation = await page.locator('pre.explanation').innerText();
  assert.ok(explanation.includes(MEASURE) || explanation.length > 40, `an explanation: ${explanation}`);
  const apply = await page.locator('p.apply a').first().getAttribute('href');
  assert.ok(apply.startsWith('/interview/enterprise') || apply.startsWith('/apply/'), apply);
  await axe(page, 'en-notification');
  await snap(page, 'en-notification');
  await page.goto(`${BASE}/notifications?lang=en`);
  assert.equal(await page.locator(`li.notification.unread a[href="/notifications/${found.id}"]`).count(), 0, 'read once opened');

  // The same inbox in Arabic, right to left; the subscription form keeps an address.
  await page.goto(`${BASE}/notifications?lang=ar`);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.ok(clean(await page.locator('ul.notifications').innerText()).includes('قد تكون مؤهلًا الآن'));
  await page.fill('#sub-email', 'rd@example.org');
  await page.click('form:has(input[value="subscribe"]) button[type="submit"]');
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#sub-email').inputValue(), 'rd@example.org');
  await axe(page, 'ar-notifications');
  await snap(page, 'ar-inbox');

  // The tracker: the commission's officer records progress on an overdue measure.
  const officer = await signIn('en', 'officer-sci-tech', DEMO_PASSWORD, '/tracker');
  await officer.goto(`${BASE}/tracker?lang=en`);
  const overdue = officer.locator('ul.overdue-list li');
  const before = await overdue.count();
  assert.equal(await officer.locator(`ul.overdue-list li[data-measure="${TRACKED}"]`).count(), 1, 'overdue before');
  assert.equal(await officer.locator('ul.overdue-list li[data-measure="talent.one-window"]').count(), 0, 'what onestop ships is not overdue');
  assert.equal(await officer.locator('a[href="/tracker.csv"]').count(), 1, 'the supervising office may export');
  await axe(officer, 'en-tracker');
  await snap(officer, 'en-tracker-before');
  await officer.goto(`${BASE}/tracker/${TRACKED}?lang=en`);
  await officer.selectOption('#t-status', 'completed');
  await officer.fill('#t-note', 'Zhongguancun Forum and the Beijing International Academic Season held.');
  await officer.fill('#t-evidence', 'https://www.zgcforum.com.cn/');
  await officer.click('form.record-progress button[type="submit"]');
  await officer.waitForLoadState('load');
  assert.ok((await officer.locator('ol.history').innerText()).includes('Zhongguancun Forum'), 'the history has the record');
  await axe(officer, 'en-tracker-measure');
  await snap(officer, 'en-tracker-recorded');
  await officer.goto(`${BASE}/tracker?lang=en`);
  assert.equal(await officer.locator(`ul.overdue-list li[data-measure="${TRACKED}"]`).count(), 0, 'no longer overdue');
  assert.equal(await overdue.count(), before - 1, 'the overdue list is one shorter');
  assert.equal(clean(await officer.locator(`tr[data-measure="${TRACKED}"] td.progress`).innerText()), 'Completed');
  await snap(officer, 'en-tracker-after');

  // An applicant sees no form to record progress.
  await page.goto(`${BASE}/tracker/${TRACKED}?lang=en`);
  assert.equal(await page.locator('form.record-progress').count(), 0);

  console.log('e2e notify and tracker: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
