// End-to-end test of the portal in a real browser: Debian's Chromium driven by
// playwright-core, axe-core on every page. Run by scripts/e2e.sh, which starts the
// server (ONESTOP_URL) on a fresh embedded database with the demonstration accounts.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const BASE = process.env.ONESTOP_URL;
assert.ok(BASE, 'ONESTOP_URL must point at a running onestop serve');
const SHOTS = process.env.ONESTOP_ARTIFACTS || new URL('../artifacts/e2e/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });
const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const DEMO_PASSWORD = 'onestop-demo';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let step = 0;
const checked = new Set();
async function snap(page, name) {
  step += 1;
  await page.screenshot({ path: `${SHOTS}/${String(step).padStart(2, '0')}-${name}.png`, fullPage: true });
}

/** axe-core on the page: no serious or critical violations, once per distinct page. */
async function axe(page, label) {
  const key = `${label}:${new URL(page.url()).pathname}`;
  if (checked.has(key)) return;
  checked.add(key);
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], `axe on ${label} ${page.url()}`);
}

// Answers that make a foreign AI researcher a Category A talent by points.
const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const ANSWERS = {
  is_foreign_national: 'true',
  holds_permanent_resident_id_card: 'false',
  birth_date: '1986-04-12',
  highest_education: 'wp_edu_doctorate',
  graduated_top_100_university: 'true',
  relevant_work_experience_years: '9',
  months_in_china_per_year: '11',
  chinese_level: 'wp_chinese_hsk3',
  annual_salary_in_china: '720000',
  fortune_500_experience: 'false',
  beijing_bonus_points: '0',
  employed_by_eligible_st_service_provider: 'false',
  certified_highly_skilled_by_authorities: 'false',
  work_permit_accepted_on: today,
};

async function answerInterview(page, label) {
  for (let i = 0; i < 80; i++) {
    const q = page.locator('input[name="question"]');
    if ((await q.count()) === 0) return;
    const name = await q.getAttribute('value');
    await axe(page, label);
    if (i < 6) await snap(page, `${label}-question-${name}`);
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
    assert.equal(await page.locator('.error').count(), 0, `answer to ${name} was refused: ${await page.locator('.error').allInnerTexts()}`);
  }
  throw new Error('the interview did not end within 80 questions');
}

try {
  // 1. A foreign professional, in Arabic, completes the interview.
  const ar = await browser.newContext({ locale: 'ar', extraHTTPHeaders: { 'Accept-Language': 'ar' } });
  const applicant = await ar.newPage();
  await applicant.goto(`${BASE}/`);
  assert.equal(await applicant.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await applicant.getAttribute('html', 'lang'), 'ar');
  await axe(applicant, 'ar');
  await snap(applicant, 'ar-home');
  await applicant.click('a[href="/interview/foreign-professional"]');
  await answerInterview(applicant, 'ar');
  await axe(applicant, 'ar-result');
  await snap(applicant, 'ar-result');
  const eligible = applicant.locator('li.status-eligible h2');
  const titles = await eligible.allInnerTexts();
  assert.ok(titles.length >= 1, 'at least one measure applies');
  // 2. Apply for both permits at once; register; upload the passport once.
  await applicant.click('form[action="/apply/category-a-permits"] button');
  await applicant.waitForLoadState('load');
  await axe(applicant, 'ar-signin');
  await snap(applicant, 'ar-signin');
  const username = `amira-${Date.now()}`;
  await applicant.fill('#username', username);
  await applicant.fill('#password', 'a long passphrase');
  await applicant.check('#mode-register');
  await applicant.click('main button[type="submit"]');
  await applicant.waitForLoadState('load');
  await axe(applicant, 'ar-apply');
  await snap(applicant, 'ar-apply');
  await applicant.setInputFiles('#material', { name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% passport scan\n') });
  await applicant.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await applicant.waitForURL(`${BASE}/cases`);
  await axe(applicant, 'ar-cases');
  await snap(applicant, 'ar-cases-submitted');
  assert.equal(await applicant.locator('table.cases tbody tr').count(), 2, 'one submission opened two cases');

  // 3. An officer of each agency accepts and approves.
  for (const officer of ['officer-foreign-experts', 'officer-exit-entry']) {
    const ctx = await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
    const page = await ctx.newPage();
    await page.goto(`${BASE}/login`);
    await axe(page, `${officer}-login`);
    await page.fill('#username', officer);
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${BASE}/officer`);
    await axe(page, `${officer}-inbox`);
    await snap(page, `${officer}-inbox`);
    const rows = page.locator('table.cases tbody tr');
    assert.ok((await rows.count()) >= 1, `${officer} sees the case`);
    await rows.first().locator('a').click();
    await page.waitForLoadState('load');
    await axe(page, `${officer}-case`);
    for (const [action, reason] of [['accept', ''], ['approve', '符合A类条件 / criteria met']]) {
      await page.check(`#act-${action}`);
      await page.fill('#reason', reason);
      await page.click('form button[type="submit"] >> nth=-1');
      await page.waitForLoadState('load');
    }
    await snap(page, `${officer}-approved`);
    assert.equal(await page.locator('dd.state-approved').count(), 1, `${officer} approved`);
    await ctx.close();
  }

  // 4. The applicant sees both decisions.
  await applicant.goto(`${BASE}/cases`);
  await snap(applicant, 'ar-cases-decided');
  assert.equal(await applicant.locator('td.state-approved').count(), 2, 'both permits approved');

  // 5. A Chinese search finds the technology-transfer measure.
  const zh = await browser.newContext({ locale: 'zh-CN' });
  const zp = await zh.newPage();
  await zp.goto(`${BASE}/search?q=${encodeURIComponent('技术转让')}&lang=zh-CN`);
  await axe(zp, 'zh-search');
  await snap(zp, 'zh-search');
  const links = await zp.locator('#results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.slice(0, 3).includes('/measures/enterprise.tech-transfer-tax'), `search results: ${links}`);
  await zp.goto(`${BASE}/measures/enterprise.tech-transfer-tax`);
  await axe(zp, 'zh-measure');

  // 6. Every language renders the catalogue and the tracker; axe on each.
  for (const lang of ['zh-CN', 'en', 'ko', 'ru', 'es', 'ar']) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${BASE}/measures?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    await axe(page, `${lang}-measures`);
    await snap(page, `${lang}-measures`);
    await page.goto(`${BASE}/tracker`);
    assert.equal(await page.getAttribute('html', 'lang'), lang, 'the language choice is remembered');
    await axe(page, `${lang}-tracker`);
    await ctx.close();
  }
  console.log(`e2e: all checks passed; ${checked.size} pages checked with axe; screenshots in ${SHOTS}`);
} finally {
  await browser.close();
}
