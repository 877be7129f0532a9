// Consultation (issue 16 item 2), in a real browser. An enterprise asks a question
// about a measure in Arabic (right to left); it reaches the inbox of the agency that
// leads the measure (the Science and Technology Commission) with its due date in
// working days; the officer's answer without a citation is refused, the answer with
// one is shown with the citation as a link that opens the cited section; the officer
// publishes it and it appears in the measure's FAQ and in the FAQ's own search; the
// asker's "my questions" marks the new answer. Then a draft measure collects the
// enterprise's opinion until the commission closes it.
// Run by scripts/e2e.sh against a server on business date 2026-06-15 (ONESTOP_URL).
import assert from 'node:assert/strict';
import { BASE, SHOTS, DEMO_PASSWORD, axe, cspViolations, launch, watchCsp, signIn as signInAs, api, snapper, clean } from './harness.mjs';

const browser = await launch();
const PASSWORD = 'a long passphrase';
const MEASURE = 'talent.category-a-fast-track';
const QUESTION = 'هل يمكن تقديم طلب تصريح العمل من الفئة أ عبر الإنترنت؟';
const CITATION = '000_abb21015abc8a560.txt §15(2)';
const CITED_URL = '/sources/000_abb21015abc8a560#s-15-2';
const snap = snapper('consult');

const signIn = (...args) => signInAs(browser, ...args);

try {
  const username = `asking-co-${Date.now()}`;
  const [st, body] = await api('POST', '/api/accounts', { username, password: PASSWORD, entity: 'enterprise', display_name: 'Asking Co' });
  assert.equal(st, 201, JSON.stringify(body));

  // The question, asked in Arabic from the measure's page.
  const asker = await signIn('ar', username, PASSWORD, `/measures/${MEASURE}`);
  await asker.goto(`${BASE}/measures/${MEASURE}?lang=ar`);
  assert.equal(await asker.locator('html').getAttribute('dir'), 'rtl');
  await asker.click(`a[href="/consultation?measure=${MEASURE}"]`);
  await asker.waitForLoadState('load');
  assert.equal(await asker.locator('#q-measure').inputValue(), MEASURE, 'the measure is chosen');
  assert.equal(await asker.locator('#q-lang').inputValue(), 'ar', 'the page language is the question language');
  await asker.fill('#q-text', QUESTION);
  await axe(asker, 'ar-ask');
  await snap(asker, 'ar-ask');
  await asker.click('form.ask-question button[type="submit"]');
  await asker.waitForLoadState('load');
  const match = asker.url().match(/\/consultation\/questions\/([0-9a-f-]+)/);
  assert.ok(match, `the question's page: ${asker.url()}`);
  const id = match[1];
  assert.ok(clean(await asker.locator('blockquote.question-text').innerText()).includes(QUESTION));
  // Ten working days from Monday 15 June 2026, the Dragon Boat Festival (19 June) not counted.
  assert.ok(clean(await asker.locator('dl.facts').innerText()).includes('2026-06-30'), 'due in working days');
  await snap(asker, 'ar-asked');

  // The Science and Technology Commission's inbox has it, with its due date.
  const officer = await signIn('en', 'officer-sci-tech', DEMO_PASSWORD, '/consultation');
  await officer.goto(`${BASE}/consultation?lang=en`);
  const row = officer.locator(`table.question-inbox tr[data-question="${id}"]`);
  assert.equal(await row.count(), 1, 'the agency inbox lists the question');
  assert.ok(clean(await row.innerText()).includes('2026-06-30'), await row.innerText());
  assert.ok(clean(await row.innerText()).includes('Waiting for an answer'));
  await axe(officer, 'en-inbox');
  await snap(officer, 'en-inbox');
  // Another agency's officer does not see it.
  const other = await signIn('en', 'officer-tax', DEMO_PASSWORD, '/consultation');
  await other.goto(`${BASE}/consultation?lang=en`);
  assert.equal(await other.locator(`tr[data-question="${id}"]`).count(), 0, 'not in another agency\'s inbox');

  // An answer without a citation is refused with a message; with one it is shown.
  await row.locator('a').click();
  await officer.waitForLoadState('load');
  await officer.fill('#a-answer', 'Yes, online through the one-window service.');
  await officer.click('form.answer-question button[type="submit"]');
  await officer.waitForLoadState('load');
  assert.ok((await officer.locator('p.error').innerText()).includes('cites its source'), 'refused without a citation');
  assert.equal(await officer.locator('#a-answer').inputValue(), 'Yes, online through the one-window service.', 'the draft is kept');
  await snap(officer, 'en-answer-refused');
  await officer.fill('#a-answer', `نعم. Yes: apply online through the one-window service; consultancy for foreign professionals is provided under ${CITATION}.`);
  await officer.click('form.answer-question button[type="submit"]');
  await officer.waitForLoadState('load');
  const link = officer.locator(`p.answer-text a.src[href="${CITED_URL}"]`);
  assert.equal(await link.count(), 1, 'the citation is a link to its section');
  await axe(officer, 'en-answered');
  await snap(officer, 'en-answered');
  // The link works: the cited section of the document.
  await link.click();
  await officer.waitForLoadState('load');
  assert.ok(officer.url().endsWith(CITED_URL), officer.url());
  assert.equal(await officer.locator('#s-15-2').count(), 1, 'the anchor exists');
  assert.ok((await officer.locator('#s-15-2').locator('xpath=..').innerText()).includes('Consultancy'), 'the cited text');
  await officer.goBack();
  await officer.waitForLoadState('load');
  // Published in the FAQ.
  await officer.click('form.publish-faq button[type="submit"]');
  await officer.waitForLoadState('load');
  assert.ok((await officer.locator('dd.question-status').innerText()).includes('in the questions and answers'));

  // The public FAQ under the measure, and the FAQ's own search, in Arabic.
  const reader = await (watchCsp(await browser.newContext({ locale: 'ar' }))).newPage();
  await reader.goto(`${BASE}/measures/${MEASURE}?lang=ar`);
  const faq = reader.locator('section.measure-faq dl.faq');
  assert.ok(clean(await faq.innerText()).includes(QUESTION), 'the measure page shows the FAQ');
  assert.equal(await faq.locator(`a.src[href="${CITED_URL}"]`).count(), 1);
  await axe(reader, 'ar-measure-faq');
  await snap(reader, 'ar-measure-faq');
  await reader.goto(`${BASE}/faq?lang=ar`);
  await reader.fill('#faq-q', 'تصريح العمل');
  await reader.click('form.faq-search button[type="submit"]');
  await reader.waitForLoadState('load');
  assert.equal(await reader.locator(`dt[data-question="${id}"]`).count(), 1, 'found by the FAQ search');
  await axe(reader, 'ar-faq-search');
  await snap(reader, 'ar-faq-search');
  await reader.goto(`${BASE}/faq?lang=ar&q=zzzqqq`);
  assert.equal(await reader.locator('dl.faq').count(), 0, 'nothing for words it lacks');

  // The asker is told: "my questions" marks the new answer until it is opened.
  await asker.goto(`${BASE}/consultation?lang=ar`);
  const mine = asker.locator(`ul.my-questions li[data-question="${id}"]`);
  assert.equal(await mine.locator('strong.new-answer').count(), 1, 'marked as a new answer');
  assert.equal(await asker.locator('p.new-answers').count(), 1);
  await axe(asker, 'ar-my-questions');
  await snap(asker, 'ar-my-questions');
  await mine.locator('a').click();
  await asker.waitForLoadState('load');
  assert.equal(await asker.locator(`p.answer-text a.src[href="${CITED_URL}"]`).count(), 1);
  await asker.goto(`${BASE}/consultation?lang=ar`);
  assert.equal(await asker.locator(`ul.my-questions li[data-question="${id}"] strong.new-answer`).count(), 0, 'seen once opened');

  // Opinions on a draft measure (001 §5): the commission publishes a draft, the
  // enterprise gives its opinion in Arabic, the commission reads it and closes the period.
  await officer.goto(`${BASE}/consultation/drafts?lang=en`);
  await officer.fill('#d-title', 'Draft measures on application scenario lists');
  await officer.fill('#d-text', 'Article 1. Agencies publish lists of application scenarios.\nArticle 2. Enterprises submit solutions.');
  await officer.fill('#d-days', '10');
  await axe(officer, 'en-drafts');
  await officer.click('form.publish-draft button[type="submit"]');
  await officer.waitForLoadState('load');
  const draftUrl = officer.url().replace(/\?.*$/, '');
  assert.match(draftUrl, /\/consultation\/drafts\/[0-9a-f-]+$/);
  assert.ok(clean(await officer.locator('dd.draft-status').innerText()).includes('2026-06-30'), 'open for ten working days');
  await asker.goto(`${draftUrl}?lang=ar`);
  await asker.fill('#o-text', 'نقترح تحديد الجهة المسؤولة عن كل سيناريو.');
  await asker.click('form.submit-opinion button[type="submit"]');
  await asker.waitForLoadState('load');
  assert.equal(await asker.locator('p.error').count(), 0, 'the opinion is received');
  assert.equal(await asker.locator('ol.opinions').count(), 0, 'an enterprise does not read the opinions');
  await officer.goto(`${draftUrl}?lang=en`);
  assert.ok(clean(await officer.locator('ol.opinions').innerText()).includes('نقترح تحديد الجهة'), 'the agency reads the opinion');
  await axe(officer, 'en-draft-opinions');
  await snap(officer, 'en-draft-opinions');
  await officer.click('form.close-draft button[type="submit"]');
  await officer.waitForLoadState('load');
  assert.ok(clean(await officer.locator('dd.draft-status').innerText()).includes('opinion period closed'));
  await asker.goto(`${draftUrl}?lang=ar`);
  assert.equal(await asker.locator('form.submit-opinion').count(), 0, 'no opinions once closed');

  console.log('e2e consultation: all checks passed');
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
