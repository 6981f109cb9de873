// The first connection of a parent, then a regroupement de comptes, with the
// keyboard only (Tab, typing, Enter), in a real browser: the skip link
// "Aller au contenu" is the first tab stop, every control reached shows a
// visible focus indicator, the error summary takes the focus and its links
// lead to the fields. Only the activation link is opened by URL, as a mail
// client would.
//
//   TS_BUILD=/tmp/leadbuild node --test tests/browser/keyboard.test.mjs
import assert from 'node:assert/strict';
import test from 'node:test';

import { startStack } from '../integration/harness.mjs';
import { PASSWORD, activate } from '../integration/flows.mjs';
import { demoLetters, focusInfo, launchBrowser, mainText, newContext, outputDir, screenshot } from './browser.mjs';

const NEW_PASSWORD = 'Cerisier2024k';

test('browser: first connection and regroupement with the keyboard only', async (t) => {
  const stack = await startStack({ mail: 'smtp' });
  let browser;
  const shotsDir = outputDir('keyboard');
  const focusLog = []; // every focus-visibility check, printed at the end
  try {
    const letter = demoLetters(stack).kbenali;
    assert.ok(letter, 'demo letter kbenali');
    assert.equal(letter.kind, 'responsable');
    const email = `${letter.identifier}@example.org`;

    browser = await launchBrowser();
    const context = await newContext(browser, stack.base);
    const page = await context.newPage();

    const describe = (f) => `${f.tag}${f.id ? '#' + f.id : ''}${f.href ? `[href=${f.href}]` : ''} "${f.text}"`;

    /** Asserts the focused element shows an outline or a box-shadow; returns its description. */
    const assertFocusVisible = async (where) => {
      const f = await focusInfo(page);
      focusLog.push(`${where.padEnd(28)} ${describe(f).padEnd(60)} outline: ${f.outline}; box-shadow: ${f.boxShadow}`);
      assert.ok(f.visible, `${where}: no visible focus on ${describe(f)} (outline ${f.outline}, box-shadow ${f.boxShadow})`);
      return f;
    };

    /** Presses Tab until the focused element matches; at most `max` presses. */
    const tabTo = async (match, max = 6, key = 'Tab') => {
      const seen = [];
      for (let i = 0; i < max; i++) {
        await page.keyboard.press(key);
        const f = await focusInfo(page);
        seen.push(describe(f));
        if (match(f)) return f;
      }
      assert.fail(`not reached in ${max} presses of ${key}; focus went: ${seen.join(' -> ')}`);
    };
    const byId = (id) => (f) => f.id === id;

    /** From the top of a fresh page: the first Tab is the skip link; Enter jumps into <main>. */
    const skipToContent = async (where) => {
      await page.keyboard.press('Tab');
      const f = await focusInfo(page);
      assert.equal(f.tag, 'a', `${where}: first tab stop is a link (${describe(f)})`);
      assert.equal(f.text, 'Aller au contenu', `${where}: first tab stop`);
      assert.equal(f.href, '#contenu');
      await assertFocusVisible(`${where}: skip link`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'contenu');
    };

    const waitForPath = (p) => page.waitForURL((u) => u.pathname === p);

    await t.test('login page: skip link, identifier, password, Valider', async () => {
      await page.goto(stack.base + '/connexion');
      await skipToContent('connexion');
      await tabTo(byId('identifiant'), 1);
      await assertFocusVisible('connexion: identifiant');
      await page.keyboard.type(letter.identifier);
      await tabTo(byId('mot_de_passe'), 1);
      await assertFocusVisible('connexion: mot_de_passe');
      await page.keyboard.type(letter.password);
      const button = await tabTo((f) => f.tag === 'button' && f.text === 'Valider', 3);
      assert.ok(button);
      await assertFocusVisible('connexion: Valider');
      await screenshot(page, shotsDir, '01-connexion-valider', { fullPage: false });
      await page.keyboard.press('Enter');
      await waitForPath('/premiere-connexion');
    });

    const fillForm = async (birth) => {
      await skipToContent('premiere-connexion');
      await tabTo(byId('mot_de_passe'), 1);
      await assertFocusVisible('premiere: mot_de_passe');
      await page.keyboard.type(NEW_PASSWORD);
      await tabTo(byId('mot_de_passe_confirmation'), 2); // past "Afficher"
      await page.keyboard.type(NEW_PASSWORD);
      await tabTo(byId('email'), 2);
      await assertFocusVisible('premiere: email');
      await page.keyboard.type(email);
      await tabTo(byId('email_confirmation'), 1);
      await page.keyboard.type(email);
      await tabTo(byId('date_naissance'), 1);
      await assertFocusVisible('premiere: date_naissance');
      await page.keyboard.type(birth);
      await tabTo((f) => f.tag === 'button' && f.text === 'Valider', 1);
      await assertFocusVisible('premiere: Valider');
    };

    await t.test('first connection, a wrong date: the summary takes the focus, its link leads to the field', async () => {
      const [d, m, y] = letter.birth.split('/');
      await fillForm(`${d}/${m}/${Number(y) + 1}`);
      await page.keyboard.press('Enter');
      await page.waitForLoadState('load');
      await page.locator('#erreurs').waitFor();
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'erreurs');
      const link = await tabTo((f) => f.href === '#date_naissance', 1);
      assert.match(link.text, /date de naissance/);
      await assertFocusVisible('erreurs: lien du résumé');
      await screenshot(page, shotsDir, '02-resume-erreurs', { fullPage: false });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'date_naissance');
      await assertFocusVisible('erreurs: date_naissance');
      assert.equal(await page.locator('#email').inputValue(), email, 'the address is kept');
    });

    await t.test('first connection, right: the waiting page', async () => {
      // The focus is on the date: put the right one, then go back up to the passwords (emptied).
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(letter.birth);
      await tabTo(byId('mot_de_passe'), 8, 'Shift+Tab');
      await assertFocusVisible('erreurs: mot_de_passe (Maj+Tab)');
      await page.keyboard.type(NEW_PASSWORD);
      await tabTo(byId('mot_de_passe_confirmation'), 2);
      await page.keyboard.type(NEW_PASSWORD);
      await tabTo((f) => f.tag === 'button' && f.text === 'Valider', 8);
      await page.keyboard.press('Enter');
      await waitForPath('/compte-en-attente');
      assert.match(await mainText(page), /Compte en attente de validation/);
      // The resend button is reachable and shows its focus.
      await skipToContent('compte-en-attente');
      await tabTo((f) => f.tag === 'button' && /Renvoyer le mail d'activation/.test(f.text), 3);
      await assertFocusVisible('attente: Renvoyer');
    });

    await t.test('activation link, then "Accéder aux services" and "Se déconnecter" with the keyboard', async () => {
      const mail = await stack.waitForMail((m) => m.to === email, 20000);
      const link = mail.links.find((l) => l.includes('/validerAdresseMail?code='));
      assert.ok(link, 'activation link');
      await page.goto(link);
      assert.match(await mainText(page), /Confirmation de votre adresse mail/);
      await skipToContent('confirmation');
      await tabTo((f) => f.tag === 'a' && f.text === 'Accéder aux services', 2);
      await assertFocusVisible('confirmation: Accéder');
      await page.keyboard.press('Enter');
      await waitForPath('/services');
      assert.match(await mainText(page), /Karim Benali/);
      assert.match(await mainText(page), /Inès Benali/);

      // The logout button is in the header: Tab from the top of the page.
      await page.keyboard.press('Tab');
      assert.equal((await focusInfo(page)).text, 'Aller au contenu', 'services: first tab stop');
      await tabTo((f) => f.tag === 'button' && f.text === 'Se déconnecter', 6);
      await assertFocusVisible('services: Se déconnecter');
      await tabTo((f) => f.tag === 'a' && f.href === '/services' && /Accueil/i.test(f.text), 4);
      await assertFocusVisible('services: menu Accueil');
      await tabTo((f) => f.tag === 'button' && f.text === 'Se déconnecter', 4, 'Shift+Tab');
      await screenshot(page, shotsDir, '03-services-deconnexion', { fullPage: false });
      await page.keyboard.press('Enter');
      await waitForPath('/connexion');
      assert.match(await mainText(page), /Vous êtes déconnecté/);
    });

    await t.test('regroupement: Mon compte, Enfants, Regrouper des comptes, SUIVANT, VALIDER', async () => {
      const L = demoLetters(stack);
      await activate(stack, L.cmartin, 'claire.clavier@example.org');
      // Back on the login page after the logout above.
      await skipToContent('connexion (cmartin)');
      await tabTo(byId('identifiant'), 1);
      await page.keyboard.type('cmartin');
      await tabTo(byId('mot_de_passe'), 1);
      await page.keyboard.type(PASSWORD);
      await tabTo((f) => f.tag === 'button' && f.text === 'Valider', 3);
      await page.keyboard.press('Enter');
      await waitForPath('/services');

      // Mon compte is the first entry of the services menu, in the header.
      await page.keyboard.press('Tab');
      assert.equal((await focusInfo(page)).text, 'Aller au contenu', 'services: first tab stop');
      await tabTo((f) => f.tag === 'a' && f.href === '/compte', 8);
      await assertFocusVisible('services: menu Mon compte');
      await page.keyboard.press('Enter');
      await waitForPath('/compte');

      await skipToContent('compte');
      await tabTo((f) => f.tag === 'a' && f.href === '/compte/enfants', 4);
      await assertFocusVisible('compte: Enfants');
      await page.keyboard.press('Enter');
      await waitForPath('/compte/enfants');
      assert.match(await mainText(page), /Dylan/);

      await skipToContent('compte/enfants');
      await tabTo((f) => f.tag === 'a' && f.href === '/compte/regroupement', 12);
      await assertFocusVisible('enfants: Regrouper des comptes');
      await page.keyboard.press('Enter');
      await waitForPath('/compte/regroupement');

      await skipToContent('regroupement');
      await tabTo(byId('identifiant'), 12);
      await assertFocusVisible('regroupement: identifiant');
      await page.keyboard.type('cmartin1');
      await tabTo(byId('mot_de_passe'), 1);
      await assertFocusVisible('regroupement: mot_de_passe');
      await page.keyboard.type(L.cmartin1.password);
      await tabTo((f) => f.tag === 'button' && f.text === 'SUIVANT', 3);
      await assertFocusVisible('regroupement: SUIVANT');
      await page.keyboard.press('Enter');
      await page.getByText('Elèves rattachés au compte que vous souhaitez regrouper : cmartin1').waitFor();
      assert.match(await mainText(page), /Florian/);

      await skipToContent('regroupement: confirmation');
      await tabTo((f) => f.tag === 'button' && f.text === 'VALIDER', 12);
      await assertFocusVisible('confirmation: VALIDER');
      await screenshot(page, shotsDir, '04-regroupement-valider', { fullPage: false });
      await page.keyboard.press('Enter');
      await waitForPath('/compte/regroupement/confirmer');
      assert.match(await mainText(page), /L'opération de regroupement des comptes a été effectuée avec succès/);

      await skipToContent('regroupement effectué');
      await tabTo((f) => f.tag === 'a' && f.href === '/compte/enfants' && /Voir les enfants/.test(f.text), 12);
      await assertFocusVisible('effectué: Voir les enfants');
      await page.keyboard.press('Enter');
      await waitForPath('/compte/enfants');
      const s = await mainText(page);
      assert.match(s, /Dylan/);
      assert.match(s, /Florian/);
      assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'cmartin1'"), 'closed');
    });

    await t.test('no console error and no CSP refusal', () => {
      console.log('focus checks:\n' + focusLog.map((l) => '  ' + l).join('\n'));
      assert.deepEqual(context.problems, []);
    });
  } finally {
    if (browser) await browser.close();
    await stack.stop();
  }
});
