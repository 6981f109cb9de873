// A real browser (Debian chromium through playwright-core) enrols a member
// of staff (docs/STAFF.md, issue 12): the enrolment link made by
// `teleservices-admin staff create`, a password chosen, the QR code read
// back by zbarimg (the otpauth:// URI with the secret the page shows), the
// first code computed by oathtool, the recovery codes; then signs out,
// signs in with password and code, and reaches /etablissement, the
// personnels and the journal. Every page is checked with axe-core at
// 1280x800, 375x800 and 640x400 (200 % zoom), and screenshotted into
// tests/output/browser/staff/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';

import { startStack } from '../integration/harness.mjs';
import { STAFF_PASSWORD, TEST_TOTP_KEY, createStaff, freshCode, recoveryCodesOf, totp } from '../integration/staff.mjs';
import { endOfWalkChecks, mainText, screenshot, startWalk } from './browser.mjs';

test('browser: a member of staff enrols, signs out, signs in with a code', async (t) => {
  const stack = await startStack({
    mail: 'maildir',
    extraConf: `[security]\nargon2_memory_kib = 1024\nargon2_iterations = 1\n[staff]\ntotp_key = ${TEST_TOTP_KEY}\n`,
  });
  let walk;
  const shots = [];
  try {
    stack.admin('demo'); // the demo school
    const staff = createStaff(stack, { roles: ['direction'], name: 'Anne Proviseure', email: 'anne.proviseure@example.org' });
    walk = await startWalk(t, stack, 'staff');
    const { page, a11y, step } = walk;
    const capture = async (name) => shots.push(await screenshot(page, walk.shotsDir, `${String(shots.length + 1).padStart(2, '0')}-${name}`));
    const check = (label) => a11y.checkSizes(page, label);
    const submit = (action) => page.locator(`form[action="${action}"] [type="submit"]`).first().click();

    await step('the enrolment link: choose a password', async () => {
      const res = await page.goto(stack.base + staff.link);
      assert.equal(res.status(), 200);
      await check('personnel/activer');
      await capture('activer');
      await page.locator('input[name="mot_de_passe"]').fill(STAFF_PASSWORD);
      await page.locator('input[name="confirmation"]').fill(STAFF_PASSWORD);
      await submit('/personnel/activer');
      await page.waitForURL((u) => u.pathname === '/personnel/code');
    });

    await step('the enrolment page: the QR code is the otpauth:// URI of the secret shown', async () => {
      await check('personnel/code (enrôlement)');
      await capture('enrolement');
      staff.secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '').toUpperCase();
      staff.password = STAFF_PASSWORD;
      assert.match(staff.secret, /^[A-Z2-7]{32}$/);
      const img = page.locator('img[src="/personnel/qr.svg"]');
      await img.waitFor();
      assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the QR image loaded');
      assert.ok((await img.getAttribute('alt'))?.trim(), 'the QR image has a text alternative');
      // The element with a white margin around it (the quiet zone zbar needs).
      const box = await img.boundingBox();
      const file = path.join(walk.shotsDir, 'qr.png');
      await page.screenshot({ path: file, clip: { x: Math.max(0, box.x - 24), y: Math.max(0, box.y - 24), width: box.width + 48, height: box.height + 48 } });
      const z = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
      assert.equal(z.status, 0, `zbarimg: ${z.stderr}`);
      const uri = new URL(z.stdout.trim());
      assert.equal(uri.protocol, 'otpauth:');
      assert.equal(uri.host, 'totp');
      assert.equal(uri.searchParams.get('secret').toUpperCase(), staff.secret, 'the same secret');
      assert.ok(decodeURIComponent(uri.pathname).includes(staff.identifier), `the account in the label: ${uri.pathname}`);
      for (const [k, v] of [['digits', '6'], ['period', '30'], ['algorithm', 'SHA1']]) {
        if (uri.searchParams.has(k)) assert.equal(uri.searchParams.get(k), v, k);
      }
    });

    await step('the first code: the 10 recovery codes, shown once', async () => {
      await page.locator('input[name="code"]').fill(freshCode(stack, staff));
      await submit('/personnel/code');
      const list = page.locator('#codes-de-secours');
      await list.waitFor();
      staff.codes = recoveryCodesOf(await page.content());
      assert.equal(staff.codes.length, 10);
      assert.equal(await list.locator('li').count(), 10);
      await check('codes de secours');
      await capture('codes-de-secours');
      await page.locator('a[href="/etablissement"]').first().click();
      await page.waitForURL((u) => u.pathname === '/etablissement');
      const s = await mainText(page);
      assert.match(s, /Collège des Tilleuls/);
      for (const c of staff.codes) assert.ok(!s.includes(c));
      await check('etablissement');
      await capture('etablissement');
    });

    await step('sign out: back to the staff sign-in', async () => {
      await submit('/deconnexion');
      await page.waitForURL((u) => u.pathname === '/personnel' && u.searchParams.get('deconnexion') === '1');
      await check('personnel (déconnecté)');
      await capture('deconnecte');
      await page.goto(stack.base + '/etablissement');
      await page.waitForURL((u) => u.pathname === '/personnel');
    });

    await step('sign in: password, then a code', async () => {
      await check('personnel');
      await capture('personnel');
      await page.locator('input[name="identifiant"]').fill(staff.identifier);
      await page.locator('input[name="mot_de_passe"]').fill(STAFF_PASSWORD);
      await submit('/personnel');
      await page.waitForURL((u) => u.pathname === '/personnel/code');
      assert.equal(await page.locator('#totp-secret').count(), 0, 'enrolled: no secret');
      await check('personnel/code');
      await capture('code');
      // A wrong code first: the French message, the field still there.
      const [wrong] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/personnel/code'),
        (async () => { await page.locator('input[name="code"]').fill(totp(staff.secret, { steps: 6 })); await submit('/personnel/code'); })(),
      ]);
      assert.equal(wrong.status(), 422);
      await page.waitForLoadState('load');
      assert.match(await mainText(page), /Code incorrect\./);
      await check('personnel/code (code incorrect)');
      await capture('code-incorrect');
      await page.locator('input[name="code"]').fill(freshCode(stack, staff));
      await submit('/personnel/code');
      await page.waitForURL((u) => u.pathname === '/etablissement');
    });

    await step('the direction\'s pages: personnels, a fiche, the journal, Mon compte', async () => {
      for (const [p, label] of [['/etablissement/personnels', 'personnels'], ['/etablissement/journal', 'journal'], ['/etablissement/compte', 'compte']]) {
        const res = await page.goto(stack.base + p);
        assert.equal(res.status(), 200, p);
        await check(label);
        await capture(label);
      }
      await page.goto(stack.base + '/etablissement/personnels');
      await page.locator('a[href^="/etablissement/personnels/fiche?id="]').first().click();
      await page.waitForURL((u) => u.pathname === '/etablissement/personnels/fiche');
      await check('fiche');
      await capture('fiche');
    });

    await endOfWalkChecks(t, walk, shots, { pages: 12, minShots: 12, required: ['qr.png'] });
  } finally {
    if (walk) await walk.close();
    await stack.stop();
  }
});
