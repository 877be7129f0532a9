// The commission's platforms (issue 16 item 4), in a real browser. The Science and
// Technology Commission publishes a list of application scenarios (001 §25); the
// demonstration enterprise finds the scenario suggested with the reason, in Arabic
// (right to left), and submits a solution; the commission selects it and publishes
// the results, which an anonymous reader sees. Then the enterprise, as a unit, lists
// an instrument with its fee in yuan (001 §28); the demonstration professional books
// the business date; a second booking of that day is refused with a message; the
// unit confirms, reports the usage, and the public sharing report shows it.
// Meant for scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { BASE, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, snapper, clean } from './harness.mjs';

const browser = await launch();
const TODAY = process.env.ONESTOP_TODAY || '2026-06-15';
const snap = snapper('platforms');
const signIn = (...args) => signInAs(browser, ...args);

try {
  // The commission publishes a list with two scenarios.
  const officer = await signIn('en', 'officer-sci-tech', DEMO_PASSWORD, '/scenarios');
  await officer.goto(`${BASE}/scenarios?lang=en`);
  await officer.fill('#l-title', 'Smart transport scenarios');
  await officer.fill('#l-days', '10');
  await officer.fill('#t-1', 'Crossing cameras');
  await officer.fill('#n-1', 'Detect congestion at crossings');
  await officer.fill('#i-1', 'transport');
  await officer.fill('#c-1', 'computer-vision, 5g');
  await officer.fill('#t-2', 'Hospital records');
  await officer.fill('#n-2', 'Share records between hospitals');
  await officer.fill('#i-2', 'health');
  await officer.fill('#c-2', 'blockchain');
  await axe(officer, 'en-publish');
  await officer.click('form.publish-scenarios button[type="submit"]');
  await officer.waitForLoadState('load');
  const listUrl = officer.url().replace(/\?.*$/, '');
  assert.match(listUrl, /\/scenarios\/[0-9a-f-]+$/);
  // Ten working days from Monday 15 June 2026, the Dragon Boat Festival not counted.
  if (TODAY === '2026-06-15') {
    assert.ok(clean(await officer.locator('dd.list-status').innerText()).includes('2026-06-30'));
  }
  await snap(officer, 'en-published');

  // The enterprise, in Arabic: the scenario suggested with the reason, then its solution.
  const ent = await signIn('ar', 'demo-enterprise', DEMO_PASSWORD, '/scenarios');
  await ent.goto(`${BASE}/scenarios?lang=ar&industry=transport&capabilities=5g`);
  assert.equal(await ent.locator('html').getAttribute('dir'), 'rtl');
  const suggestion = ent.locator('ol.suggestions li').first();
  assert.ok(clean(await suggestion.innerText()).includes('Crossing cameras'));
  assert.ok(clean(await suggestion.innerText()).includes('القطاع نفسه'), 'the reason, in Arabic');
  await axe(ent, 'ar-suggestions');
  await snap(ent, 'ar-suggestions');
  await suggestion.locator('a').click();
  await ent.waitForLoadState('load');
  const form = ent.locator('form.submit-solution').first();
  await form.locator('textarea[name="text"]').fill('كاميرات طرفية مع نماذج على الجهاز');
  await form.locator('input[name="industry"]').fill('transport');
  await form.locator('input[name="capabilities"]').fill('computer-vision');
  await axe(ent, 'ar-submit');
  await form.locator('button[type="submit"]').click();
  await ent.waitForLoadState('load');
  assert.equal(await ent.locator('p.submitted').count(), 1, 'the solution is received');
  assert.equal(await ent.locator('ol.solutions').count(), 0, 'an enterprise does not read the solutions');
  await snap(ent, 'ar-submitted');

  // The commission selects it and publishes the results.
  await officer.goto(`${listUrl}?lang=en`);
  assert.ok(clean(await officer.locator('ol.solutions').innerText()).includes('كاميرات طرفية'));
  await axe(officer, 'en-solutions');
  await officer.click('form.select-solution button[type="submit"]');
  await officer.waitForLoadState('load');
  await officer.click('form.publish-results button[type="submit"]');
  await officer.waitForLoadState('load');
  const reader = await (watchCsp(await browser.newContext({ locale: 'en' }))).newPage();
  await reader.goto(`${listUrl}?lang=en`);
  assert.ok(clean(await reader.locator('section.results').innerText()).includes('Crossing cameras'));
  assert.equal(await reader.locator('form.submit-solution').count(), 0, 'closed');
  await axe(reader, 'en-results');
  await snap(reader, 'en-results');

  // The enterprise lists an instrument as a unit; the fee is typed in yuan.
  await ent.goto(`${BASE}/instruments?lang=en`);
  await ent.fill('#i-name', 'Cryo-electron microscope');
  await ent.fill('#i-cat', 'imaging');
  await ent.fill('#i-loc', 'Huairou Science City');
  await ent.fill('#i-rules', 'Trained operators only');
  await ent.fill('#i-fee', '1500.50');
  await axe(ent, 'en-list-instrument');
  await ent.click('form.list-instrument button[type="submit"]');
  await ent.waitForLoadState('load');
  const instrumentUrl = ent.url().replace(/\?.*$/, '');
  assert.match(instrumentUrl, /\/instruments\/[0-9a-f-]+$/);
  const facts = clean(await ent.locator('dl.facts').innerText());
  assert.ok(facts.includes('1500.50'), facts);

  // The professional books the business date; a second booking of it is refused.
  const person = await signIn('en', 'demo-person', DEMO_PASSWORD, '/instruments');
  await person.goto(`${instrumentUrl}?lang=en`);
  await person.fill('#b-days', TODAY);
  await person.fill('#b-purpose', 'Protein structures');
  await axe(person, 'en-book');
  await person.click('form.book-instrument button[type="submit"]');
  await person.waitForLoadState('load');
  assert.ok(clean(await person.locator('p.held').innerText()).includes(TODAY));
  await person.fill('#b-days', TODAY);
  await person.fill('#b-purpose', 'Again');
  await person.click('form.book-instrument button[type="submit"]');
  await person.waitForLoadState('load');
  assert.ok((await person.locator('p.error').innerText()).includes('already booked'));
  await snap(person, 'en-double-booking');

  // The unit confirms and reports the usage; the public report shows it.
  await ent.goto(`${instrumentUrl}?lang=en`);
  await ent.click('form.decide-booking button[value="confirm"]');
  await ent.waitForLoadState('load');
  await ent.fill('form.report-usage input[name="hours"]', '6');
  await ent.fill('form.report-usage textarea[name="result"]', 'Three structures');
  await axe(ent, 'en-usage');
  await ent.click('form.report-usage button[type="submit"]');
  await ent.waitForLoadState('load');
  assert.ok(clean(await ent.locator('p.usage').innerText()).includes('6 hours'));
  await ent.click('dl.facts a');
  await ent.waitForLoadState('load');
  const total = clean(await ent.locator('table.sharing-report tfoot').innerText());
  assert.ok(total.includes('1500.50') && total.includes('6'), total);
  await axe(ent, 'en-report');
  await snap(ent, 'en-report');

  assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
  console.log('e2e platforms: all checks passed');
} finally {
  await browser.close();
}
