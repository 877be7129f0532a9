// What the browser tests share: the server's URL, where screenshots go, Debian's
// Chromium launched with the flags this machine needs, the Content-Security-Policy
// watch (a violation fails the run) and axe-core (no serious or critical findings).
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

export const BASE = process.env.ONESTOP_URL;
assert.ok(BASE, 'ONESTOP_URL must point at a running onestop serve');
export const SHOTS = process.env.ONESTOP_ARTIFACTS || new URL('../artifacts/e2e/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });
export const DEMO_PASSWORD = 'onestop-demo';
const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Every page must satisfy its own Content-Security-Policy. */
export const cspViolations = [];
export function watchCsp(context) {
  context.on('page', (page) => page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
  }));
  return context;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** axe-core on the page, evaluated by the driver (the page's CSP forbids inline scripts). */
export async function axe(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], `axe on ${label} ${page.url()}`);
}

/** A JSON (or other `type`) request to the served API: `[status, parsed body or text]`. */
export async function api(method, path, body, token, type = 'application/json') {
  const headers = { 'content-type': type };
  if (token) headers.authorization = `Bearer ${token}`;
  const payload = body === undefined ? undefined : (type === 'application/json' ? JSON.stringify(body) : body);
  const r = await fetch(`${BASE}${path}`, { method, headers, body: payload });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return [r.status, json];
}

/** A signed-in page in a browser context of its own (each party has its own session). */
export async function signIn(browser, locale, username, password, next) {
  const context = watchCsp(await browser.newContext({ locale, extraHTTPHeaders: { 'Accept-Language': locale } }));
  const page = await context.newPage();
  await page.goto(`${BASE}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('main button[type="submit"]');
  await page.waitForLoadState('load');
  return page;
}

/** Numbered full-page screenshots of one suite: `<suite>-01-<name>.png`, ... */
export function snapper(suite) {
  let step = 0;
  return async (page, name) => {
    step += 1;
    await page.screenshot({ path: `${SHOTS}/${suite}-${String(step).padStart(2, '0')}-${name}.png`, fullPage: true });
  };
}

/** Text without Fluent's bidi isolation marks around placeables. */
export const clean = (s) => s.replace(/[\u2068\u2069]/g, '');
