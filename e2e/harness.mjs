// What both browser tests share: the server's URL, where screenshots go, Debian's
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
