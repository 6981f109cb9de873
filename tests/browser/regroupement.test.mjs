// A real browser walks the guide's "Comment faire un regroupement ?": Enfants
// -> Regrouper des comptes -> identifier and password of the cmartin1 letter ->
// confirmation -> VALIDER -> confirmation de regroupement -> Enfants shows both
// children. Every page is checked with axe-core at 1280 and 375 px; the three
// regroupement screens are saved as docs/screenshots/13-15.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { Browser, startStack } from '../integration/harness.mjs';
import { A11y, REPO, demoLetters, formatViolations, launchBrowser, mainText, newContext, outputDir, pngSize, screenshot } from './browser.mjs';

const PASSWORD = 'Tilleul2024x';

async function activate(stack, letter, email) {
  const b = new Browser(stack.base);
  const login = await b.submit('/connexion', { identifiant: letter.identifier, mot_de_passe: letter.password });
  assert.equal(login.location, '/premiere-connexion');
  const form = await b.get('/premiere-connexion');
  const res = await b.post('/premiere-connexion', {
    csrf_token: b.csrf(form.body), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
    email, email_confirmation: email, date_naissance: letter.birth,
  });
  assert.equal(res.status, 303);
  const mail = await stack.waitForMail((m) => m.to === email && m.body.includes(`Votre identifiant : ${letter.identifier}\n`), 15000);
  const link = new URL(mail.links.find((l) => l.includes('/validerAdresseMail?code=')));
  assert.equal((await new Browser(stack.base).get(link.pathname + link.search)).status, 200);
}

test('browser: regroupement of a letter into an activated account', async (t) => {
  const stack = await startStack({ mail: 'smtp' });
  let browser;
  const a11y = new A11y();
  const shotsDir = outputDir('regroupement');
  const docs = path.join(REPO, 'docs', 'screenshots');
  try {
    const L = demoLetters(stack);
    await activate(stack, L.cmartin, 'claire@example.org');
    browser = await launchBrowser();
    const context = await newContext(browser, stack.base);
    const page = await context.newPage();
    let broken = null;
    const step = (name, fn) => t.test(name, async (st) => {
      if (broken) return st.skip(`after the failure of: ${broken}`);
      try { await fn(st); } catch (e) { broken = name; throw e; }
    });
    const doc = async (name) => {
      const file = await screenshot(page, shotsDir, name);
      fs.mkdirSync(docs, { recursive: true });
      fs.copyFileSync(file, path.join(docs, `${name}.png`));
      assert.ok(pngSize(path.join(docs, `${name}.png`)) > 0);
    };

    await step('login, Enfants', async () => {
      await page.goto(stack.base + '/connexion');
      await page.getByLabel(/^Identifiant/).fill('cmartin');
      await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL('**/services');
      await page.goto(stack.base + '/compte/enfants');
      assert.match(await mainText(page), /Dylan/);
    });

    await step('Regrouper des comptes: identifier and password of the other letter', async () => {
      await page.goto(stack.base + '/compte/regroupement');
      assert.equal(await page.title(), 'Regrouper des comptes — Scolarité services');
      assert.match(await mainText(page), /Compte à regrouper avec cmartin/);
      await a11y.checkBoth(page, 'regroupement');
      await page.getByLabel(/^Identifiant du compte/).fill('cmartin1');
      await page.getByLabel(/^Mot de passe du compte/).fill(L.cmartin1.password.toLowerCase());
      await doc('13-regroupement');
      await page.getByRole('button', { name: 'SUIVANT' }).click();
      await page.waitForLoadState('load');
    });

    await step('confirmation: both accounts\' pupils', async () => {
      const s = await mainText(page);
      assert.match(s, /Elèves rattachés à votre compte : cmartin/);
      assert.match(s, /Elèves rattachés au compte que vous souhaitez regrouper : cmartin1/);
      assert.match(s, /Florian/);
      await a11y.checkBoth(page, 'regroupement-confirmation');
      await doc('14-regroupement-confirmation');
      await page.getByRole('button', { name: 'VALIDER' }).click();
      await page.waitForLoadState('load');
    });

    await step('confirmation de regroupement, then Enfants shows both children', async () => {
      assert.match(await mainText(page), /L'opération de regroupement des comptes a été effectuée avec succès/);
      await a11y.checkBoth(page, 'regroupement-effectue');
      await doc('15-regroupement-effectue');
      await page.getByRole('link', { name: /Voir les enfants/ }).click();
      await page.waitForURL('**/compte/enfants');
      const s = await mainText(page);
      assert.match(s, /Dylan/);
      assert.match(s, /Florian/);
      await page.goto(stack.base + '/compte/fiche');
      await a11y.checkBoth(page, 'fiche');
    });

    await step('axe: no serious or critical violation, no horizontal scroll', async () => {
      console.log(a11y.report());
      const bad = a11y.checked.filter((e) => e.violations.length);
      assert.equal(bad.length, 0, bad.map((e) => `${e.label} ${e.viewport}:\n${formatViolations(e.violations)}`).join('\n'));
      const wide = a11y.checked.filter((e) => e.overflow.scrollWidth > e.overflow.innerWidth);
      assert.equal(wide.length, 0, wide.map((e) => `${e.label} ${e.viewport}`).join(', '));
    });
  } finally {
    if (browser) await browser.close();
    await stack.stop();
  }
});
