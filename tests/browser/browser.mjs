// Shared helpers of the real-browser tests (tests/browser/*.test.mjs) and of
// the screenshot script: Debian's chromium driven by playwright-core, axe-core
// accessibility checks, screenshots, focus and layout probes.
// Test-only code.
//
//   import { launchBrowser, A11y, demoLetters } from './browser.mjs';
//   const browser = await launchBrowser();
//   const context = await newContext(browser, stack.base);   // 1280x800, fr-FR
//   const page = await context.newPage();
//   const a11y = new A11y();
//   await page.goto(stack.base + '/');
//   const bad = await a11y.check(page, 'portail');             // serious/critical violations
//   ...
//   a11y.report();                                             // the list of pages checked
//   await browser.close();

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { REPO } from '../integration/harness.mjs';

export { REPO };
/** The demo letters: identifier -> { identifier, password, kind, name, child, klass, birth }. */
export { letters as demoLetters } from '../integration/flows.mjs';

export const CHROMIUM = process.env.TS_CHROMIUM || '/usr/bin/chromium';

/** Chromium flags: headless, no sandbox (we run as root), nothing that talks to the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 800 };
/** A 1280x800 window at 200 % zoom lays pages out in 640x400 CSS pixels. */
export const ZOOM_200 = { width: 640, height: 400 };

/**
 * Launches Debian's chromium. playwright-core refuses a --user-data-dir in
 * args: chromium.launch() itself gives every browser a fresh temporary
 * profile (--user-data-dir=<tmp>/playwright_chromiumdev_profile-XXXXXX),
 * removed again by browser.close().
 */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
}

const require = createRequire(import.meta.url);
/** node_modules/axe-core/axe.min.js */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
/** The same-origin URL the browser loads axe from (served by page.route, never by the site). */
const AXE_URL_PATH = '/__tests__/axe.min.js';

/**
 * A browser context for the site at base: desktop viewport, French, and a
 * route that serves axe-core from the site's own origin so that the page's
 * CSP (default-src 'self') stays in force and still lets axe in. Console
 * errors and CSP refusals are collected in context.problems.
 */
export async function newContext(browser, base, options = {}) {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    ...options,
  });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(20000);
  const axe = fs.readFileSync(AXE_PATH);
  await context.route(new URL(AXE_URL_PATH, base).toString(), (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: axe }),
  );
  context.problems = [];
  context.on('page', (page) => watchPage(page, context.problems));
  return context;
}

function watchPage(page, problems) {
  page.on('console', (msg) => {
    // Chromium logs every 4xx/5xx response, pages too (a form sent back with
    // errors is a 422); failed resources are reported below, by URL.
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(msg.text())) {
      problems.push(`${page.url()}: console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: uncaught ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document') {
      problems.push(`${page.url()}: ${res.request().resourceType()} ${res.url()} answered ${res.status()}`);
    }
  });
  page.on('requestfailed', (req) => {
    // ERR_ABORTED: the browser cancelled the request because the page navigated
    // away (e.g. the favicon of a page left at once), not a failure of the site.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`${page.url()}: ${req.resourceType()} ${req.url()} failed: ${req.failure()?.errorText}`);
  });
}

/** Loads axe-core into the page (once per document). */
export async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  const url = new URL(AXE_URL_PATH, page.url()).toString();
  await page.addScriptTag({ url });
  await page.waitForFunction(() => typeof window.axe === 'object');
}

/**
 * Runs axe-core over the whole page; returns the violations of impact
 * serious or critical as [{ id, impact, help, helpUrl, nodes: [{ target, html, summary }] }].
 */
export async function axeViolations(page) {
  await injectAxe(page);
  const result = await page.evaluate(async () => {
    // Every rule axe runs by default (WCAG 2.0/2.1/2.2 A and AA and best practices).
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      tags: v.tags,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: n.failureSummary })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and element, for assertion messages and reports. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) lines.push(`      ${n.target}\n        ${n.html}\n        ${(n.summary || '').replace(/\n/g, ' ')}`);
  }
  return lines.join('\n');
}

/** Horizontal overflow: { scrollWidth, innerWidth, overflowing: [selectors of elements wider than the viewport] }. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const overflowing = [];
    if (scrollWidth > innerWidth) {
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        // Either the box itself sticks out, or its content spills out of it (overflow: visible).
        const spills = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && r.left + el.scrollWidth > innerWidth + 0.5;
        if ((r.right > innerWidth + 0.5 && r.width > 0) || spills) {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
          overflowing.push(`${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(r.right)})`);
          if (overflowing.length >= 8) break;
        }
      }
    }
    return { scrollWidth, innerWidth, overflowing };
  });
}

/**
 * Records the accessibility checks of a run: check() runs axe at the current
 * viewport and remembers the page; checkSizes() runs it at 1280x800, at
 * 375x800 (phone) and at 640x400 (1280x800 at 200 % zoom), measuring
 * horizontal scrolling each time, then restores the viewport.
 */
export class A11y {
  constructor() {
    this.checked = []; // { label, url, viewport, width, violations, overflow: { scrollWidth, innerWidth, overflowing } }
  }

  async check(page, label) {
    const vp = page.viewportSize();
    const violations = await axeViolations(page);
    const overflow = await horizontalOverflow(page);
    const entry = { label, url: new URL(page.url()).pathname, viewport: `${vp.width}x${vp.height}`, width: vp.width, violations, overflow };
    this.checked.push(entry);
    return entry;
  }

  /** Desktop, phone, 200 % zoom; returns { desktop, phone, zoom } entries. */
  async checkSizes(page, label) {
    const original = page.viewportSize();
    const at = async (size) => {
      await page.setViewportSize(size);
      await page.waitForFunction((w) => window.innerWidth === w, size.width);
      return this.check(page, label);
    };
    const desktop = await at(DESKTOP);
    const phone = await at(PHONE);
    const zoom = await at(ZOOM_200);
    await page.setViewportSize(original || DESKTOP);
    return { desktop, phone, zoom };
  }

  /** The checks with a serious or critical violation, described for an assertion message ('' when none). */
  failures() {
    return this.checked
      .filter((e) => e.violations.length)
      .map((e) => `${e.label} ${e.url} at ${e.viewport}:\n${formatViolations(e.violations)}`)
      .join('\n');
  }

  /** The checks where the page scrolls sideways, described ('' when none). */
  overflows() {
    return this.checked
      .filter((e) => e.overflow.scrollWidth > e.overflow.innerWidth)
      .map((e) => `${e.label} ${e.url} at ${e.viewport}: scrollWidth ${e.overflow.scrollWidth} > ${e.overflow.innerWidth}; ${e.overflow.overflowing.join(', ')}`)
      .join('\n');
  }

  /** The pages checked, one line each (printed by the tests). */
  report() {
    const lines = [`axe-core checks (${this.checked.length}):`];
    for (const e of this.checked) {
      const scroll = `, scrollWidth ${e.overflow.scrollWidth} / ${e.overflow.innerWidth}`;
      lines.push(`  ${e.viewport.padEnd(8)} ${e.label.padEnd(36)} ${e.url.padEnd(24)} ${e.violations.length} serious/critical${scroll}`);
    }
    return lines.join('\n');
  }
}

/** What the focused element looks like: { tag, id, text, outline, boxShadow, visible }. */
export async function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', id: '', text: '', outline: 'none', boxShadow: 'none', visible: false };
    const cs = getComputedStyle(el);
    const outlineVisible = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadowVisible = cs.boxShadow && cs.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name') || '',
      href: el.getAttribute('href') || '',
      text: (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 80),
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
      visible: Boolean(outlineVisible || shadowVisible),
    };
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True when file exists, is non-empty and starts with the PNG signature; returns its size or 0. */
export function pngSize(file) {
  try {
    const buf = fs.readFileSync(file);
    return buf.length > PNG_SIGNATURE.length && buf.subarray(0, 8).equals(PNG_SIGNATURE) ? buf.length : 0;
  } catch {
    return 0;
  }
}

/** Full-page PNG of the page into dir/name.png; returns the path. */
export async function screenshot(page, dir, name, { fullPage = true } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
  return file;
}

/** tests/output/browser/<name>, emptied first (tests/output/ is gitignored). */
export function outputDir(name) {
  const dir = path.join(REPO, 'tests', 'output', 'browser', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The visible text of the page's <main>, whitespace collapsed. */
export async function mainText(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

/**
 * The subtests of a walk through a flow: they run in order, and once one
 * fails the following ones are skipped (they would only fail for the same
 * reason). `const step = steps(t); await step('name', async () => {...});`
 */
export function steps(t) {
  let broken = null;
  return (name, fn) =>
    t.test(name, async (st) => {
      if (broken) return st.skip(`after the failure of: ${broken}`);
      try {
        await fn(st);
      } catch (e) {
        broken = name;
        throw e;
      }
    });
}

/** Signs in through the login form of `base`; waits for `landing` (default /services). */
export async function signIn(page, base, identifier, password, landing = '/services') {
  await page.goto(base + '/connexion');
  await page.getByLabel(/^Identifiant/).fill(identifier);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL((u) => u.pathname === landing);
}

/**
 * What a browser walk through the site needs: Debian's chromium, a context
 * and a page on the stack's site, an A11y record, an emptied output folder
 * tests/output/browser/<name> and ordered steps. Close with walk.close().
 */
export async function startWalk(t, stack, name) {
  const browser = await launchBrowser();
  const context = await newContext(browser, stack.base);
  const page = await context.newPage();
  return { browser, context, page, a11y: new A11y(), shotsDir: outputDir(name), step: steps(t), close: () => browser.close() };
}

/**
 * The checks that end a walk, as four sub-tests of `t`: no serious or
 * critical axe-core violation on at least `pages` pages at the three sizes;
 * no horizontal scrolling at 375 px nor at 200 % zoom; no console error nor
 * CSP refusal; a non-empty PNG for each of `shots` (at least `minShots`),
 * and each file of `required` (names in the walk's folder) among them.
 */
export async function endOfWalkChecks(t, walk, shots, { pages, minShots, required = [] }) {
  await t.test(`no serious or critical axe-core violation, at 1280, 375 and 640 px (200 % zoom)`, () => {
    console.log(walk.a11y.report());
    assert.ok(walk.a11y.checked.length >= 3 * pages, `checks: ${walk.a11y.checked.length}`);
    assert.equal(walk.a11y.failures(), '');
  });
  await t.test('no horizontal scrolling at 375 px nor at 200 % zoom', () => {
    assert.equal(walk.a11y.overflows(), '');
  });
  await t.test('no console error and no CSP refusal', () => {
    assert.deepEqual(walk.context.problems, []);
  });
  await t.test(`a non-empty PNG for each step${required.length ? `, ${required.join(', ')} among them` : ''}`, () => {
    assert.ok(shots.length >= minShots, `screenshots: ${shots.length}`);
    for (const f of shots) assert.ok(pngSize(f) > 1000, `${f} is a non-empty PNG`);
    for (const name of required) assert.ok(fs.existsSync(path.join(walk.shotsDir, name)), name);
  });
}
