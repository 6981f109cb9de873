// A real browser (Debian chromium through playwright-core) walks the first
// connection of a parent: portal -> login with the letter -> first-connection
// form (errors first, then right) -> waiting page -> activation mail received
// by a real SMTP server -> its link -> confirmation -> services -> logout.
// Every page is checked with axe-core at 1280x800, at 375x800 and at 640x400
// (200 % zoom): no serious or critical violation, no horizontal scrolling; and
// screenshotted into tests/output/browser/first_connection/.
//
//   TS_BUILD=/tmp/leadbuild node --test tests/browser/first_connection.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { startStack } from '../integration/harness.mjs';
import {
  A11y,
  demoLetters,
  launchBrowser,
  mainText,
  newContext,
  outputDir,
  pngSize,
  screenshot,
  steps,
} from './browser.mjs';

const NEW_PASSWORD = 'Tilleul2024x';

/** A birth date that is valid but not the child's. */
function wrongBirth(birth) {
  const [d, m, y] = birth.split('/');
  return `${d}/${m}/${String(Number(y) - 1)}`;
}

test('browser: first connection of a parent, from the portal to logout', async (t) => {
  const stack = await startStack({ mail: 'smtp' });
  let browser;
  const a11y = new A11y();
  const devA11y = new A11y(); // the demo-only mail page, checked apart
  const shotsDir = outputDir('first_connection');
  const shots = [];
  try {
    const letter = demoLetters(stack).cmartin;
    assert.ok(letter, 'demo letter cmartin');
    assert.equal(letter.kind, 'responsable');
    const email = `${letter.identifier}@example.org`;

    browser = await launchBrowser();
    const context = await newContext(browser, stack.base);
    const page = await context.newPage();

    const step = steps(t); // in order; after a failure the rest is skipped
    const capture = async (name) => {
      const file = await screenshot(page, shotsDir, `${String(shots.length + 1).padStart(2, '0')}-${name}`);
      shots.push(file);
    };
    const check = (label) => a11y.checkSizes(page, label);

    await step('portal: the family profile leads to the login page', async () => {
      const res = await page.goto(stack.base + '/');
      assert.equal(res.status(), 200);
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /Services en ligne/ }).waitFor());
      await check('portail');
      await capture('portail');
      await page.getByRole('link', { name: /Élève ou parent d'élève/ }).click();
      await page.waitForURL('**/connexion');
      assert.equal(await page.title(), 'Connexion — Scolarité services');
      assert.match(await mainText(page), /Bienvenue sur Scolarité services/);
    });

    await step('login with the letter', async () => {
      await check('connexion');
      await capture('connexion');
      await page.getByLabel(/^Identifiant/).fill(letter.identifier);
      await page.getByLabel(/^Mot de passe/).fill(letter.password);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL('**/premiere-connexion');
      const s = await mainText(page);
      assert.match(s, /Première connexion/);
      assert.match(s, new RegExp(`Votre identifiant : ${letter.identifier}`));
      assert.match(s, /Votre enfant : Dylan/);
      await check('premiere-connexion');
      await capture('premiere-connexion');
    });

    await step('first connection with errors: summary, field errors, values kept, passwords emptied', async () => {
      await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Confirmation du mot de passe/).fill('Autre2024xx');
      await page.getByLabel(/^Adresse mail/).fill(email);
      await page.getByLabel(/^Confirmation de votre adresse mail/).fill(email);
      await page.getByLabel(/^Date de naissance de votre enfant/).fill(wrongBirth(letter.birth));
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/premiere-connexion')),
        page.getByRole('button', { name: 'Valider' }).click(),
      ]);
      assert.equal(response.status(), 422);
      await page.waitForLoadState('load');

      const summary = page.locator('#erreurs');
      assert.ok(await summary.isVisible(), 'error summary visible');
      assert.match(await summary.innerText(), /Le formulaire contient des erreurs/);
      assert.equal(await summary.getAttribute('role'), 'alert');
      // app.js moves the focus to the summary.
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'erreurs');

      const links = await summary.locator('a').evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
      );
      const hrefs = links.map((l) => l.href);
      assert.ok(hrefs.includes('#mot_de_passe_confirmation'), `summary links: ${JSON.stringify(links)}`);
      assert.ok(hrefs.includes('#date_naissance'), `summary links: ${JSON.stringify(links)}`);
      for (const { href } of links) {
        assert.match(href, /^#[a-z_]+$/);
        const target = page.locator(href);
        assert.equal(await target.count(), 1, `summary link ${href} points to one element`);
        assert.equal(await target.evaluate((el) => el.tagName), 'INPUT', `summary link ${href} points to a field`);
      }

      for (const [field, message] of [
        ['mot_de_passe_confirmation', /ne correspond pas au mot de passe/],
        ['date_naissance', /ne correspond pas à celle que l'établissement connaît pour votre enfant/],
      ]) {
        const error = page.locator(`#${field}-error`);
        assert.ok(await error.isVisible(), `${field}: error visible next to the field`);
        assert.match(await error.innerText(), message);
        const input = page.locator(`#${field}`);
        assert.equal(await input.getAttribute('aria-invalid'), 'true', field);
        assert.match(await input.getAttribute('aria-describedby'), new RegExp(`\\b${field}-error\\b`), field);
      }
      assert.equal(await page.locator('#email').inputValue(), email, 'the typed email is kept');
      assert.equal(await page.locator('#email_confirmation').inputValue(), email, 'the confirmation is kept');
      assert.equal(await page.locator('#mot_de_passe').inputValue(), '', 'password emptied');
      assert.equal(await page.locator('#mot_de_passe_confirmation').inputValue(), '', 'confirmation emptied');
      assert.doesNotMatch(await page.content(), /Tilleul2024x|Autre2024xx/, 'passwords never sent back');

      // A summary link takes the focus to its field.
      await summary.locator('a[href="#date_naissance"]').click();
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'date_naissance');

      await check('premiere-connexion (erreurs)');
      await page.evaluate(() => window.scrollTo(0, 0));
      await capture('premiere-connexion-erreurs');
    });

    await step('first connection, right this time: the waiting page', async () => {
      await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Confirmation du mot de passe/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Date de naissance de votre enfant/).fill(letter.birth);
      await capture('premiere-connexion-remplie');
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL('**/compte-en-attente');
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Compte en attente de validation' }).waitFor());
      const s = await mainText(page);
      assert.match(s, /ouvrez maintenant le mail que vous venez de recevoir/);
      assert.match(s, new RegExp(email.replace(/\./g, '\\.')));
      await check('compte-en-attente');
      await capture('compte-en-attente');
    });

    await step('the activation mail arrives over SMTP; its link confirms the address', async () => {
      const mail = await stack.waitForMail((m) => m.to === email, 20000);
      assert.equal(mail.subject, 'Message des services en ligne - Activation de votre compte');
      const link = mail.links.find((l) => l.includes('/validerAdresseMail?code='));
      assert.ok(link, `activation link in:\n${mail.body}`);
      assert.equal(new URL(link).origin, stack.base, 'the link leads to this site');
      // The demo-only page that lists the delivered mails shows it too.
      await page.goto(stack.base + '/dev/courriels');
      assert.match(await mainText(page), /Message des services en ligne - Activation de votre compte/);
      assert.ok(await page.locator(`a[href="${link}"]`).count(), 'the dev page links to the activation URL');
      await devA11y.checkSizes(page, 'dev/courriels (démo)');
      await capture('dev-courriels');
      const res = await page.goto(link);
      assert.equal(res.status(), 200);
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Confirmation de votre adresse mail' }).waitFor());
      assert.match(await mainText(page), /Votre compte a été validé/);
      await check('validerAdresseMail (confirmation)');
      await capture('confirmation');
    });

    await step('"Accéder aux services": the home page names the account and the child', async () => {
      await page.getByRole('link', { name: 'Accéder aux services' }).click();
      await page.waitForURL('**/services');
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /Bienvenue, Claire Martin/ }).waitFor());
      const s = await mainText(page);
      assert.match(s, /Enfants rattachés au compte/);
      assert.match(s, /Dylan Martin/);
      assert.match(s, /Responsable : Claire Martin/);
      assert.match(await page.locator('header').innerText(), /Claire Martin/, 'the account name in the header');
      await check('services');
      await capture('services');
    });

    await step('logout: back on the login page, "Vous êtes déconnecté"', async () => {
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL('**/connexion*');
      const status = page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté' });
      await assert.doesNotReject(status.waitFor());
      assert.ok(await status.isVisible());
      await check('connexion (déconnecté)');
      await capture('deconnecte');
      // The session is gone: the services send back to the login page.
      await page.goto(stack.base + '/services');
      await page.waitForURL('**/connexion');
      await capture('final');
    });

    await t.test('no serious or critical axe-core violation, at 1280, 375 and 640 px (200 % zoom)', () => {
      console.log(a11y.report());
      assert.ok(a11y.checked.length >= 24, `checks: ${a11y.checked.length}`);
      assert.equal(a11y.failures(), '');
    });

    await t.test('no horizontal scrolling at 375 px nor at 200 % zoom', () => {
      assert.ok(a11y.checked.filter((e) => e.width === 375).length >= 8, 'phone checks');
      assert.ok(a11y.checked.filter((e) => e.width === 640).length >= 8, '200 % zoom checks');
      assert.equal(a11y.overflows(), '');
    });

    await t.test('the demo mail page /dev/courriels: no serious violation, no horizontal scrolling', () => {
      console.log(devA11y.report());
      assert.equal(devA11y.checked.length, 3);
      assert.equal(devA11y.failures(), '');
      assert.equal(devA11y.overflows(), '');
    });

    await t.test('no console error and no CSP refusal', () => {
      assert.deepEqual(context.problems, []);
    });

    await t.test('a non-empty PNG for each step and a final one', () => {
      console.log(`screenshots in ${shotsDir}:\n` + shots.map((f) => `  ${path.basename(f)} (${fs.statSync(f).size} bytes)`).join('\n'));
      assert.ok(shots.length >= 10, `screenshots: ${shots.length}`);
      for (const f of shots) assert.ok(pngSize(f) > 1000, `${f} is a non-empty PNG`);
      assert.ok(shots.some((f) => path.basename(f).endsWith('-final.png')), 'final screenshot');
    });
  } finally {
    if (browser) await browser.close();
    await stack.stop();
  }
});
