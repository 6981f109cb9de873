// Every page the other browser tests do not reach, in a real browser (Debian
// chromium through playwright-core), each checked with axe-core at 1280x800,
// 375x800 and 640x400 (a 1280 px window at 200 % zoom): no serious or
// critical violation, no horizontal scrolling. On the way:
// - the public pages (personnels, aide, mentions légales, contact) and the
//   error pages (nginx's 404, 413, 429 and 503, a wrong link, a service not
//   yet open);
// - a wrong password, then a locked account;
// - self-service recovery: identifiant oublié, mot de passe oublié, the
//   mailed reset link, "Afficher" on a password field, pasting a password;
// - Mon compte: Profil, a password change with errors then right, an address
//   change and its mailed confirmation link, Enfants, the fiche de
//   renseignements with errors;
// - print: the services and Mon compte pages print without the menus;
// - without JavaScript, on a phone: login, the menu in the page, logout.
//
//   TS_BUILD=/tmp/leadbuild node --test tests/browser/pages.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { startStack } from '../integration/harness.mjs';
import { PASSWORD, activate } from '../integration/flows.mjs';
import { PHONE, demoLetters, mainText, newContext, screenshot, signIn, startWalk } from './browser.mjs';

const NEW_PASSWORD = 'Marronnier42';
const RESET_PASSWORD = 'Peuplier2025';

test('browser: public, error, recovery and Mon compte pages', async (t) => {
  const stack = await startStack({
    mail: 'smtp',
    // Three failures lock an account, so the locked page is reached quickly.
    extraConf: '[security]\nmax_failed_logins = 3\nlogin_ip_max_failures = 1000\n',
  });
  let walk;
  try {
    const L = demoLetters(stack);
    await activate(stack, L.cmartin, 'claire@example.org');
    walk = await startWalk(t, stack, 'pages');
    const { browser, context, page, a11y, shotsDir, step } = walk;
    /** Checks the page at the three sizes and saves a screenshot. */
    const check = async (label) => {
      await a11y.checkSizes(page, label);
      await screenshot(page, shotsDir, label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, ''));
    };
    const h1 = async () => (await page.locator('h1').first().innerText()).trim();
    /** Submits the form holding `button` and returns the HTTP status of the answer. */
    const submit = async (button) => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
        button.click(),
      ]);
      await page.waitForLoadState('load');
      return response.status();
    };
    const mailLink = async (to, subject, prefix) => {
      const mail = await stack.waitForMail((m) => m.to === to && m.subject.endsWith(subject), 20000);
      const link = mail.links.find((l) => l.includes(prefix));
      assert.ok(link, `${prefix} link in:\n${mail.body}`);
      assert.equal(new URL(link).origin, stack.base);
      return link;
    };
    /** The focus is on the error summary, which links to each field in error. */
    const assertErrorSummary = async (fields) => {
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'erreurs');
      const hrefs = await page.locator('#erreurs a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const f of fields) {
        assert.ok(hrefs.includes(`#${f}`), `summary links ${JSON.stringify(hrefs)} lack #${f}`);
        assert.equal(await page.locator(`#${f}`).getAttribute('aria-invalid'), 'true', f);
        assert.ok(await page.locator(`#${f}-error`).isVisible(), `${f}: error shown next to the field`);
      }
    };

    await step('public pages: personnels, aide, mentions légales, contact', async () => {
      for (const [path, title, heading] of [
        ['/personnel', 'Connexion des personnels', /Espace des personnels/],  // the staff sign-in (issue 12)
        ['/aide', 'Aide', /Aide aux parents et aux élèves/],
        ['/mentions-legales', 'Mentions légales', /Mentions légales/],
        ['/contact', 'Contact', /Contact/],
      ]) {
        const res = await page.goto(stack.base + path);
        assert.equal(res.status(), 200, path);
        assert.match(await page.title(), new RegExp(`^${title}.* — Scolarité services$`), path);
        assert.match(await h1(), heading, path);
        // The footer links of the layout are on every page.
        for (const name of ['Mentions légales', 'Contact', 'Aide']) {
          assert.equal(await page.locator('footer').getByRole('link', { name, exact: true }).count(), 1, `${path}: footer ${name}`);
        }
        await check(path.slice(1));
      }
    });

    await step('error pages: unknown address (nginx), wrong link, service not yet open', async () => {
      let res = await page.goto(stack.base + '/cette-page-n-existe-pas');
      assert.equal(res.status(), 404);
      assert.match(await page.title(), / — Scolarité services$/);
      await check('erreur 404');
      res = await page.goto(stack.base + '/validerAdresseMail?code=' + 'A'.repeat(43));
      assert.equal(res.status(), 404);
      assert.match(await mainText(page), /lien/i);
      await check('lien non valide');
      // nginx's other error pages (413, 429, 503) are static files written at
      // start-up; nginx serves them only in place of an error, so the browser
      // gets the very files through a test route on the site's origin.
      for (const code of ['413', '429', '503']) {
        const file = path.join(stack.var, 'app', 'htdocs', 'erreurs', `${code}.html`);
        const url = `${stack.base}/__tests__/erreurs/${code}.html`;
        await context.route(url, (route) => route.fulfill({ status: Number(code), contentType: 'text/html; charset=utf-8', body: fs.readFileSync(file) }));
        assert.equal((await page.goto(url)).status(), Number(code));
        assert.match(await page.title(), / — Scolarité services$/);
        await check(`erreur ${code}`);
      }
    });

    await step('login: a wrong password, then the account locked', async () => {
      await page.goto(stack.base + '/connexion');
      await page.getByLabel(/^Identifiant/).fill('kbenali');
      await page.getByLabel(/^Mot de passe/).fill('mauvais1');
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 422);
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'erreurs');
      assert.equal(await page.locator('#identifiant').inputValue(), 'kbenali', 'the identifier is kept');
      await check('connexion (erreur)');
      for (let i = 0; i < 2; i++) {
        await page.getByLabel(/^Mot de passe/).fill('mauvais1');
        await submit(page.getByRole('button', { name: 'Valider' }));
      }
      assert.equal(await h1(), 'Compte temporairement verrouillé');
      assert.match(await mainText(page), /verrouillé jusqu'au/);
      await check('compte verrouillé');
    });

    await step('identifiant oublié: errors, then "message envoyé"; the identifier arrives', async () => {
      await page.goto(stack.base + '/connexion');
      await page.getByRole('link', { name: /identifiant oublié/i }).click();
      await page.waitForURL('**/identifiant-oublie');
      await check('identifiant oublié');
      await page.getByLabel(/^Adresse mail/).fill('pas-une-adresse');
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 422);
      await assertErrorSummary(['email']);
      await check('identifiant oublié (erreurs)');
      await page.getByLabel(/^Adresse mail/).fill('claire@example.org');
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 200);
      assert.match(await mainText(page), /un message vient d'y être envoyé/);
      await check('identifiant oublié (envoyé)');
      const mail = await stack.waitForMail((m) => m.to === 'claire@example.org' && m.subject.endsWith('Votre identifiant'), 20000);
      assert.match(mail.body, /cmartin/);
    });

    await step('mot de passe oublié: the reset link, "Afficher", pasting, errors, then the new password', async () => {
      await page.goto(stack.base + '/connexion');
      await page.getByRole('link', { name: /mot de passe oublié/i }).click();
      await page.waitForURL('**/mot-de-passe-oublie');
      await check('mot de passe oublié');
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 422);
      await assertErrorSummary(['identifiant']);
      await check('mot de passe oublié (erreurs)');
      await page.getByLabel(/^Identifiant/).fill('cmartin');
      await page.getByLabel(/^Adresse mail/).fill('claire@example.org');
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 200);
      await check('mot de passe oublié (envoyé)');

      const link = await mailLink('claire@example.org', 'Réinitialisation de votre mot de passe', '/reinitialiser-mot-de-passe?code=');
      assert.equal((await page.goto(link)).status(), 200);
      assert.match(await mainText(page), /votre compte cmartin/);
      await check('nouveau mot de passe');

      // "Afficher" shows the password in clear, and hides it again.
      const field = page.locator('#mot_de_passe');
      await field.fill(RESET_PASSWORD);
      assert.equal(await field.getAttribute('type'), 'password');
      await page.locator('label[for="mot_de_passe-afficher"]').click();
      await page.waitForFunction(() => document.getElementById('mot_de_passe').type === 'text');
      await page.locator('label[for="mot_de_passe-afficher"]').click();
      await page.waitForFunction(() => document.getElementById('mot_de_passe').type === 'password');
      // Pasting is allowed: nothing cancels the paste event of a password field.
      const pasteCancelled = await page.evaluate(() => {
        const input = document.getElementById('mot_de_passe_confirmation');
        const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
        return !input.dispatchEvent(event);
      });
      assert.equal(pasteCancelled, false, 'the paste event is not cancelled');

      await page.locator('#mot_de_passe_confirmation').fill(RESET_PASSWORD + 'x');
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 422);
      await assertErrorSummary(['mot_de_passe_confirmation']);
      await check('nouveau mot de passe (erreurs)');
      await page.locator('#mot_de_passe').fill(RESET_PASSWORD);
      await page.locator('#mot_de_passe_confirmation').fill(RESET_PASSWORD);
      assert.equal(await submit(page.getByRole('button', { name: 'Valider' })), 200);
      assert.match(await mainText(page), /Votre mot de passe a été modifié/);
      await check('mot de passe modifié');
    });

    await step('login with the new password; a service not yet open', async () => {
      await signIn(page, stack.base, 'cmartin', RESET_PASSWORD);
      // The services menu of the guide, in its order, with the académie and the school.
      const menu = page.getByRole('navigation', { name: 'Menu principal' });
      const entries = await menu.getByRole('link').evaluateAll((as) =>
        as.map((a) => [a.childNodes[0].textContent.trim(), a.getAttribute('href')]));
      assert.deepEqual(entries, [
        ['Mon compte', '/compte'], ['Accueil', '/services'], ['Vie scolaire', '/services/vie-scolaire'],
        ['Notes', '/services/notes'], ['Livret personnel de compétences', '/services/livret'],
        ['Folios', 'https://folios.onisep.fr/'], ['Services en ligne', '/services/ressources'],
        ['Académie de démonstration', 'https://www.education.gouv.fr'],
        ['Collège des Tilleuls', 'https://college-des-tilleuls.example/'], ['Contact', '/contact'],
      ]);
      const res = await page.goto(stack.base + '/services/notes');
      assert.equal(res.status(), 404);
      assert.equal(await h1(), 'Service bientôt disponible');
      await check('service bientôt disponible');
    });

    await step('Mon compte: Profil, password change with errors, then right', async () => {
      await page.goto(stack.base + '/services');
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon compte' }).click();
      await page.waitForURL('**/compte');
      assert.match(await mainText(page), /cmartin/);
      await check('compte (profil)');
      await page.locator('#mot_de_passe_actuel').fill('pas-le-bon1');
      await page.locator('#nouveau_mot_de_passe').fill('court');
      await page.locator('#confirmation').fill('autre');
      assert.equal(await submit(page.getByRole('button', { name: 'Changer de mot de passe' })), 422);
      await assertErrorSummary(['mot_de_passe_actuel', 'nouveau_mot_de_passe']);
      assert.equal(await page.title(), 'Erreur : Mon compte — Scolarité services');
      await check('compte (erreurs mot de passe)');
      await page.locator('#mot_de_passe_actuel').fill(RESET_PASSWORD);
      await page.locator('#nouveau_mot_de_passe').fill(NEW_PASSWORD);
      await page.locator('#confirmation').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
      await page.waitForURL('**/compte?modifie=mot-de-passe');
      assert.match(await page.getByRole('status').innerText(), /Votre mot de passe a été modifié/);
      await check('compte (mot de passe modifié)');
    });

    await step('Mon compte: address change with errors, then the mailed confirmation link', async () => {
      await page.locator('#nouvelle_adresse').fill('claire.nouvelle@example');
      await page.locator('#confirmation_adresse').fill('autre@example.org');
      await page.locator('#mot_de_passe').fill(NEW_PASSWORD);
      assert.equal(await submit(page.getByRole('button', { name: "Changer d'adresse mail" })), 422);
      await assertErrorSummary(['nouvelle_adresse']);
      await check('compte (erreurs adresse)');
      await page.locator('#nouvelle_adresse').fill('claire.nouvelle@example.org');
      await page.locator('#confirmation_adresse').fill('claire.nouvelle@example.org');
      await page.locator('#mot_de_passe').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: "Changer d'adresse mail" }).click();
      await page.waitForURL('**/compte?modifie=adresse');
      assert.match(await page.getByRole('status').innerText(), /claire\.nouvelle@example\.org/);
      await check('compte (adresse en attente)');
      const link = await mailLink('claire.nouvelle@example.org', 'Confirmation de votre nouvelle adresse', '/validerNouvelleAdresse?code=');
      assert.equal((await page.goto(link)).status(), 200);
      assert.equal(await h1(), 'Nouvelle adresse mail confirmée');
      await check('nouvelle adresse confirmée');
    });

    await step('Mon compte: Enfants, fiche de renseignements with errors', async () => {
      await page.goto(stack.base + '/compte');
      await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Enfants' }).click();
      await page.waitForURL('**/compte/enfants');
      assert.match(await mainText(page), /Enfants rattachés au compte/);
      assert.match(await mainText(page), /Dylan Martin/);
      assert.equal((await page.locator('.fr-sidemenu [aria-current="page"]').textContent()).trim(), 'Enfants');
      await check('compte (enfants)');
      await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Fiche de renseignements' }).click();
      await page.waitForURL('**/compte/fiche');
      // The frame of every Mon compte page, with the current entry marked.
      assert.match(await h1(), /Compte de Claire Martin/i);
      assert.equal((await page.locator('.fr-sidemenu [aria-current="page"]').textContent()).trim(), 'Fiche de renseignements');
      await check('fiche de renseignements');
      const form = page.locator('form').filter({ has: page.locator('input[name="telephone"]') }).first();
      await form.locator('input[name="telephone"]').fill('12ab');
      assert.equal(await submit(form.getByRole('button')), 422);
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'erreurs');
      assert.ok(await page.locator('.fr-error-text').first().isVisible(), 'the error next to the field');
      await check('fiche de renseignements (erreurs)');
    });

    await step('print: the services and Mon compte pages print without menus, header tools or footer', async () => {
      for (const path of ['/services', '/compte/enfants']) {
        await page.goto(stack.base + path);
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() => {
          const visible = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
          return {
            main: visible('main h1'),
            menu: visible('#navigation'),
            sidemenu: visible('.fr-sidemenu'),
            tools: visible('.fr-header__tools'),
            logout: visible('.ts-deconnexion button'),
            footer: visible('footer'),
            skiplinks: visible('.fr-skiplinks'),
          };
        });
        assert.deepEqual(shown, { main: true, menu: false, sidemenu: false, tools: false, logout: false, footer: false, skiplinks: false }, path);
        await page.pdf({ path: `${shotsDir}/impression${path.replace(/\//g, '-')}.pdf` });
        await page.emulateMedia({ media: 'screen' });
      }
    });

    await step('without JavaScript, on a phone: login, the menu in the page, logout', async () => {
      const noJs = await newContext(browser, stack.base, { javaScriptEnabled: false, viewport: PHONE });
      try {
        const p = await noJs.newPage();
        await signIn(p, stack.base, 'cmartin', NEW_PASSWORD);
        // DSFR's JS is not running (it marks <html> with data-fr-js when it does).
        assert.equal(await p.evaluate(() => document.documentElement.hasAttribute('data-fr-js')), false);
        const link = p.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon compte' });
        assert.ok(await link.isVisible(), 'the services menu is shown in the page');
        const scroll = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(scroll <= 0, `no horizontal scrolling without JS (${scroll} px too wide)`);
        await screenshot(p, shotsDir, 'sans-javascript-services');
        await link.click();
        await p.waitForURL('**/compte');
        await p.getByRole('button', { name: 'Se déconnecter' }).first().click();
        await p.waitForURL((u) => u.pathname === '/connexion');
        assert.match(await p.locator('main').innerText(), /Vous êtes déconnecté/);
        assert.deepEqual(noJs.problems, []);
      } finally {
        await noJs.close();
      }
    });

    await t.test('axe-core: no serious or critical violation at 1280, 375 and 640 px', () => {
      console.log(a11y.report());
      assert.ok(a11y.checked.length >= 3 * 28, `checks: ${a11y.checked.length}`);
      assert.equal(a11y.failures(), '');
    });

    await t.test('no horizontal scrolling at 375 px nor at 200 % zoom', () => {
      assert.equal(a11y.overflows(), '');
    });

    await t.test('no console error and no CSP refusal', () => {
      assert.deepEqual(context.problems, []);
    });
  } finally {
    if (walk) await walk.close();
    await stack.stop();
  }
});
