// End-to-end test of the portal in a real browser: Debian's Chromium driven by
// playwright-core, axe-core on every page. Run by scripts/e2e.sh, which starts the
// server (ONESTOP_URL) on a fresh embedded database with the demonstration accounts.
import assert from 'node:assert/strict';
import { BASE, SHOTS, DEMO_PASSWORD, axe as axeOnce, cspViolations, launch, watchCsp } from './harness.mjs';

const browser = await launch();

let step = 0;
const checked = new Set();
async function snap(page, name) {
  step += 1;
  await page.screenshot({ path: `${SHOTS}/${String(step).padStart(2, '0')}-${name}.png`, fullPage: true });
}

/** axe-core once per distinct page. */
async function axe(page, label) {
  const key = `${label}:${new URL(page.url()).pathname}`;
  if (checked.has(key)) return;
  checked.add(key);
  await axeOnce(page, label);
}

// Answers that make a foreign AI researcher a Category A talent by points.
// The server's business date (scripts/e2e.sh fixes it with ONESTOP_TODAY).
const today = process.env.ONESTOP_TODAY || new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
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
  const ar = watchCsp(await browser.newContext({ locale: 'ar', extraHTTPHeaders: { 'Accept-Language': 'ar' } }));
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
  await applicant.setInputFiles('#material-passport', { name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% passport scan\n') });
  await applicant.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await applicant.waitForURL(`${BASE}/cases`);
  await axe(applicant, 'ar-cases');
  await snap(applicant, 'ar-cases-submitted');
  assert.equal(await applicant.locator('table.cases tbody tr').count(), 2, 'one submission opened two cases');

  // 3. An officer of each agency accepts and approves.
  for (const officer of ['officer-foreign-experts', 'officer-exit-entry']) {
    const ctx = watchCsp(await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } }));
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

  // 4a. Both decisions were on time: the public performance page (in Arabic) says so.
  await applicant.goto(`${BASE}/performance`);
  const rates = await applicant.locator('table.agencies td.rate').allInnerTexts();
  assert.ok(rates.filter((r) => r.includes('100%')).length >= 2, `on-time rates: ${rates}`);
  await axe(applicant, 'ar-performance');
  await snap(applicant, 'ar-performance');
  await applicant.goto(`${BASE}/cases`);

  // 4b. Each approval issued an e-licence; its code verifies on the portal's
  // verification page (in Arabic), a downloaded copy verifies by upload, and an
  // edited copy does not.
  await applicant.locator('table.cases tbody tr a').first().click();
  await applicant.waitForLoadState('load');
  const code = (await applicant.locator('a.licence-code').innerText()).trim();
  assert.match(code, /\S{6,}/, 'the approved case shows its licence code');
  await applicant.click('a.licence-code');
  await applicant.waitForLoadState('load');
  await axe(applicant, 'ar-verify');
  await snap(applicant, 'ar-verify-valid');
  assert.equal(await applicant.locator('.verdict-valid').count(), 1, 'the licence verifies by its code');
  assert.ok((await applicant.locator('.verdict dl').innerText()).includes(code));
  const licence = await (await applicant.request.get(`${BASE}/api/licences/${encodeURIComponent(code)}`)).json();
  await applicant.goto(`${BASE}/verify`);
  await applicant.setInputFiles('#licence-file', { name: 'licence.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(licence)) });
  await applicant.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  assert.equal(await applicant.locator('.verdict-valid').count(), 1, 'the downloaded licence verifies by upload');
  const forged = structuredClone(licence);
  forged.entry.validity.until = '2099-12-31';
  await applicant.goto(`${BASE}/verify`);
  await applicant.setInputFiles('#licence-file', { name: 'licence.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(forged)) });
  await applicant.click('form[enctype="multipart/form-data"] button[type="submit"]');
  await applicant.waitForLoadState('load');
  await snap(applicant, 'ar-verify-forged');
  assert.equal(await applicant.locator('.verdict-invalid').count(), 1, 'an edited licence fails');
  const unknown = code === 'BJ-22222-22222' ? 'BJ-33333-33333' : 'BJ-22222-22222';
  const wrong = await applicant.goto(`${BASE}/verify?code=${unknown}`);
  assert.equal(wrong.status(), 404, 'an unknown code is not found');
  assert.equal(await applicant.locator('.verdict-invalid').count(), 1, 'an unknown code is not verified');
  const malformed = await applicant.goto(`${BASE}/verify?code=not-a-code`);
  assert.equal(malformed.status(), 422, 'a malformed code is a 4xx');

  // 5. A Chinese search finds the technology-transfer measure.
  const zh = watchCsp(await browser.newContext({ locale: 'zh-CN' }));
  const zp = await zh.newPage();
  await zp.goto(`${BASE}/search?q=${encodeURIComponent('技术转让')}&lang=zh-CN`);
  await axe(zp, 'zh-search');
  await snap(zp, 'zh-search');
  const links = await zp.locator('#results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.slice(0, 3).includes('/measures/enterprise.tech-transfer-tax'), `search results: ${links}`);
  await zp.goto(`${BASE}/measures/enterprise.tech-transfer-tax`);
  await axe(zp, 'zh-measure');

  // 5b. An analyst runs the shipped reform over the shipped population and reads
  // its report: winners, cost, charts, breakdowns.
  const an = watchCsp(await browser.newContext({ locale: 'en-GB' }));
  const ap = await an.newPage();
  await ap.goto(`${BASE}/analyst?lang=en`);
  await axe(ap, 'en-analyst-form');
  await ap.selectOption('#reform', 'tech-transfer-20m-beijing');
  await ap.selectOption('#population', 'enterprises-10k.parquet');
  await ap.fill('#date', '2024-05-31');
  await ap.click('form.analyst button[type="submit"]');
  await ap.waitForSelector('section.report', { timeout: 240000 });
  await axe(ap, 'en-analyst-report');
  await snap(ap, 'en-analyst-report');
  const winners = Number((await ap.locator('dd.winners').innerText()).replace(/\D/g, ''));
  assert.ok(winners > 0, `the 20 million exemption for all of Beijing has winners (${winners})`);
  const cost = (await ap.locator('dd.cost bdi').innerText()).trim();
  assert.ok(/[1-9]/.test(cost) && !cost.startsWith('-'), `the reform costs something: ${cost}`);
  assert.ok((await ap.locator('figure img').count()) >= 1, 'charts are shown');
  const changed = await ap.locator('table.measures-changed a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(changed.includes('/measures/enterprise.tech-transfer-tax'), `the changed measures: ${changed}`);
  assert.ok((await ap.locator('table.by-district tbody tr').count()) >= 1, 'a breakdown by district');
  for (const [query, why] of [
    ['reform=no-such-reform&population=enterprises-10k.parquet', 'an unknown reform'],
    ['reform=tech-transfer-20m-beijing&population=../../etc/passwd', 'a population outside the shipped ones'],
    ['reform=tech-transfer-20m-beijing&population=enterprises-10k.parquet&date=31/05/2024', 'a malformed date'],
  ]) {
    const r = await ap.request.get(`${BASE}/analyst?${query}`);
    assert.equal(r.status(), 422, `${why} is a 422`);
    assert.ok((await r.text()).includes('role="alert"'), `${why} is explained on the page`);
  }
  await an.close();

  // 6. Every language renders the catalogue, the tracker and the reform page; axe on each.
  for (const lang of ['zh-CN', 'en', 'ko', 'ru', 'es', 'ar']) {
    const ctx = watchCsp(await browser.newContext());
    const page = await ctx.newPage();
    await page.goto(`${BASE}/measures?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    await axe(page, `${lang}-measures`);
    await snap(page, `${lang}-measures`);
    await page.goto(`${BASE}/tracker`);
    assert.equal(await page.getAttribute('html', 'lang'), lang, 'the language choice is remembered');
    await axe(page, `${lang}-tracker`);
    await page.goto(`${BASE}/analyst`);
    await axe(page, `${lang}-analyst`);
    await page.goto(`${BASE}/verify`);
    await axe(page, `${lang}-verify`);
    await page.goto(`${BASE}/performance`);
    await axe(page, `${lang}-performance`);
    await ctx.close();
  }
  console.log(`e2e: all checks passed; ${checked.size} pages checked with axe; screenshots in ${SHOTS}`);
  assert.deepEqual(cspViolations, [], 'no page broke its Content-Security-Policy');
} finally {
  await browser.close();
}
