// The enterprise interview in Korean, Russian, Arabic and Spanish, in a real browser
// (issue 17): every question, the results and the explanation must be in the page's
// language, not English behind translated chrome. Run by scripts/e2e.sh.
//
// The check over the rendered text:
// - ko, ru, ar: no Latin letter outside what the page marks as a name or code
//   (<code>: rule names and rule text in the explanation), a citation (<cite>, and
//   the results' source list, bdi.src) or the rules version (16 hex digits).
// - es (Latin script, so letters prove nothing): every question, option, measure
//   title, output title and missing-fact label must be a text of the Spanish
//   catalogues (rules/locales/es.ftl, catalog/locales/es.ftl, locales/es/main.ftl),
//   and every word of the explanation (outside <code>/<cite>, numbers and dates) a
//   word those catalogues or the explanation's Spanish phrases use. An English
//   question, title or connecting word therefore fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, SHOTS, axe, cspViolations, launch, watchCsp } from './harness.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const browser = await launch();

let step = 0;
async function snap(page, name, fullPage = true) {
  step += 1;
  await page.screenshot({ path: `${SHOTS}/i18n-${String(step).padStart(2, '0')}-${name}.png`, fullPage });
}

// An enterprise with technology transfer income in a Zhongguancun pilot park: the
// relief applies and the explanation walks through parameters, exceptions and sources.
const ANSWERS = {
  is_resident_enterprise: 'true',
  tax_year: '2021',
  tech_transfer_income: '30000000',
  zgc_park: 'haidian_park',
  is_high_tech_enterprise: 'false',
  registration_region: 'beijing',
  industry: 'artificial_intelligence',
  is_technology_enterprise: 'true',
};

/** Plain messages of a Fluent file (key -> text); placeables become a wildcard. */
function fluent(path) {
  const out = new Map();
  for (const line of readFileSync(`${ROOT}${path}`, 'utf8').split('\n')) {
    const m = line.match(/^([a-zA-Z][\w-]*) = (.*)$/);
    if (m) out.set(m[1], m[2].trim());
  }
  return out;
}

/** The Spanish the portal may show: the three catalogues and the explanation's phrases. */
function spanish() {
  const texts = new Set();
  for (const f of ['rules/locales/es.ftl', 'catalog/locales/es.ftl', 'locales/es/main.ftl']) {
    for (const v of fluent(f).values()) texts.add(v);
  }
  const phrases = readFileSync(`${ROOT}crates/engine/src/phrases.rs`, 'utf8');
  // Rows of (English, Korean, Russian, Spanish, Arabic): the fourth string is Spanish.
  for (const row of phrases.matchAll(/\(\s*"[^"]*",\s*"[^"]*",\s*"[^"]*",\s*"([^"]*)",\s*"[^"]*",?\s*\)/g)) texts.add(row[1]);
  for (const m of phrases.matchAll(/"es" => format!\(\s*"([^"]*)"/g)) texts.add(m[1]);
  assert.ok(texts.has('desconocido') && texts.has('fuente'), 'the Spanish phrases were read from phrases.rs');
  // The unit word ICU4X's number is followed by (crates/engine/src/localize.rs).
  texts.add('yuanes');
  const words = new Set();
  // Placeables ({ $date }) name variables, not Spanish words.
  for (const t of texts) for (const w of t.replace(/\{[^}]*\}/g, ' ').toLowerCase().match(/\p{L}+/gu) || []) words.add(w);
  return { texts, words };
}
const ES = spanish();

/** The page's text inside `selector`, without names, codes and citations. */
async function prose(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('code, cite, .src, input, script, style').forEach((n) => n.remove());
      // Text nodes apart (a table's cells are separate words, not one).
      const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.nodeValue);
    }
    return out.join(' ');
  }, selector);
}

/** Latin letters left in non-Latin text, with some context, after the rules version. */
function latinRuns(text) {
  const t = text.replace(/\b[0-9a-f]{16}\b/g, ' ');
  return [...t.matchAll(/[A-Za-z]+/g)].map((m) => t.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' '));
}

function assertNoLatin(lang, where, text) {
  const runs = latinRuns(text);
  assert.deepEqual(runs, [], `${lang} ${where}: Latin letters outside names, codes and citations`);
}

function assertSpanishText(where, text) {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return;
  assert.ok(ES.texts.has(t), `es ${where}: ${JSON.stringify(t)} is not a text of the Spanish catalogues`);
}

function assertSpanishWords(where, text) {
  // Dates and numbers are ICU4X's (month names are CLDR's, not ours).
  const t = text
    .replace(/\d{1,2} de \p{L}+ de \d{4}/gu, ' ')
    .replace(/\b[0-9a-f]{16}\b/g, ' ');
  const unknown = [...new Set((t.toLowerCase().match(/\p{L}+/gu) || []).filter((w) => !ES.words.has(w)))];
  assert.deepEqual(unknown, [], `es ${where}: words that no Spanish catalogue uses`);
}

async function checkQuestion(page, lang, name) {
  const legend = page.locator('form.question legend, form.question label[for="answer"]');
  const question = (await legend.first().innerText()).trim();
  assert.ok(question.length > 0, `${lang} ${name}: a question`);
  const options = await page.locator('form.question .choice label').allInnerTexts();
  if (lang === 'es') {
    assertSpanishText(`question ${name}`, question);
    for (const o of options) assertSpanishText(`option of ${name}`, o);
  } else {
    assertNoLatin(lang, `question ${name}`, await prose(page, 'main'));
  }
  return question;
}

async function walk(lang) {
  const ctx = watchCsp(await browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } }));
  const page = await ctx.newPage();
  await page.goto(`${BASE}/?lang=${lang}`);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  await page.click('a[href="/interview/enterprise"]');
  await page.waitForLoadState('load');
  const asked = [];
  for (let i = 0; i < 200; i++) {
    const q = page.locator('input[name="question"]');
    if ((await q.count()) === 0) break;
    const name = await q.getAttribute('value');
    const question = await checkQuestion(page, lang, name);
    asked.push(name);
    if (i === 0) {
      await axe(page, `${lang}-interview`);
      await snap(page, `${lang}-question-${name}`);
    }
    const answer = ANSWERS[name];
    if (answer === undefined) {
      await page.click('button[name="skip"]');
    } else {
      const radio = page.locator(`input[name="answer"][value="${answer}"]`);
      if ((await radio.count()) > 0) await radio.check();
      else await page.fill('#answer', answer);
      await page.click('button[name="next"]');
    }
    await page.waitForLoadState('load');
    assert.equal(await page.locator('.error').count(), 0, `${lang}: the answer to ${name} (${question}) was refused`);
  }
  assert.equal(await page.locator('input[name="question"]').count(), 0, `${lang}: the interview ended`);
  assert.ok(asked.length >= Object.keys(ANSWERS).length, `${lang}: asked ${asked.length} questions`);

  // The results: measure titles, statuses, what each is worth, the missing facts.
  const titles = await page.locator('ul.results h2').allInnerTexts();
  assert.ok(titles.length > 5, `${lang}: measures on the result page`);
  const eligible = await page.locator('li.status-eligible h2').allInnerTexts();
  assert.ok(eligible.length >= 1, `${lang}: at least one measure applies`);
  await page.click('details summary');
  const explanation = await prose(page, 'pre.explanation');
  assert.ok(explanation.length > 500, `${lang}: an explanation`);
  assert.ok((await page.locator('pre.explanation code').count()) > 10, `${lang}: rule names marked as code`);
  assert.ok((await page.locator('pre.explanation cite').count()) > 5, `${lang}: citations marked`);
  if (lang === 'es') {
    for (const t of titles) assertSpanishText('measure title', t);
    for (const t of await page.locator('ul.results th[scope="row"]').allInnerTexts()) assertSpanishText('output title', t);
    // "<result-missing> a; b": the label is the portal's, each fact a rule's title.
    const label = fluent('locales/es/main.ftl').get('result-missing');
    const missing = await page.locator('ul.results li > p.missing').allInnerTexts();
    assert.ok(missing.length >= 1, 'es: some measure lacks facts');
    for (const p of missing) {
      assert.ok(p.startsWith(label), `es: ${JSON.stringify(p)} starts with ${JSON.stringify(label)}`);
      for (const f of p.slice(label.length).trim().split('; ')) assertSpanishText('missing fact', f);
    }
    // The doubt notes (a measure whose legal basis is not confirmed) come from the catalogue too.
    const doubtNote = fluent('locales/es/main.ftl').get('result-status-uncertain');
    for (const p of await page.locator('ul.results li > p.doubt-note').allInnerTexts()) {
      assert.equal(p.trim(), doubtNote, 'es: the doubt note');
    }
    assertSpanishWords('results', await prose(page, 'ul.results'));
    assertSpanishWords('explanation', explanation);
  } else {
    assertNoLatin(lang, 'results', await prose(page, 'main'));
  }
  await axe(page, `${lang}-result`);
  // The top of the results, and the start of the explanation, as a reader sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, `${lang}-result-top`, false);
  await page.locator('pre.explanation').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  await snap(page, `${lang}-explanation`, false);
  await snap(page, `${lang}-result`);
  // Arabic reads right to left throughout: the explanation too, with its code isolated left to right.
  if (lang === 'ar') {
    const dirs = await page.evaluate(() => ({
      pre: getComputedStyle(document.querySelector('pre.explanation')).direction,
      code: getComputedStyle(document.querySelector('pre.explanation code')).direction,
      table: getComputedStyle(document.querySelector('ul.results')).direction,
    }));
    assert.deepEqual(dirs, { pre: 'rtl', code: 'ltr', table: 'rtl' });
  }
  await ctx.close();
  return asked.length;
}

try {
  const counts = {};
  for (const lang of ['ko', 'ru', 'ar', 'es']) counts[lang] = await walk(lang);
  // The check can fail: English in a Korean page is found.
  assert.notDeepEqual(latinRuns('세금 Tax 감면'), [], 'the Latin check finds English');
  assert.throws(() => assertSpanishText('self-test', 'Qualifying technology transfer income in the tax year'));
  assert.throws(() => assertSpanishWords('self-test', 'fuente: how it was worked out'));
  console.log(`e2e i18n: the enterprise interview in ko, ru, ar, es (${JSON.stringify(counts)} questions) has no English; screenshots in ${SHOTS}`);
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
