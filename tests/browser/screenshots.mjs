// Page screenshots for the documentation (`make screenshots`): starts a
// private stack with the demo data, walks a parent's first connection in
// Debian's chromium and writes docs/screenshots/NN-name.png (overwriting),
// then stops the stack. Not a test: it only fails when a page is not what it
// should be.
//
//   node tests/browser/screenshots.mjs          (TS_BUILD=... for another build folder)
import fs from 'node:fs';
import path from 'node:path';

import { startStack } from '../integration/harness.mjs';
import { DESKTOP, PHONE, REPO, demoLetters, launchBrowser, newContext, pngSize } from './browser.mjs';

const OUT = path.join(REPO, 'docs', 'screenshots');
const NEW_PASSWORD = 'Tilleul2024x';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const stack = await startStack({ mail: 'maildir' });
  let browser;
  const written = [];
  try {
    const letter = demoLetters(stack).cmartin;
    expect(letter, 'no demo letter cmartin');
    const email = 'claire.martin@example.org';

    browser = await launchBrowser();
    const context = await newContext(browser, stack.base);
    const page = await context.newPage();
    fs.mkdirSync(OUT, { recursive: true });

    const shot = async (name, { size = DESKTOP } = {}) => {
      await page.setViewportSize(size);
      await page.waitForFunction((w) => window.innerWidth === w, size.width);
      await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
      await page.evaluate(() => window.scrollTo(0, 0));
      const file = path.join(OUT, `${String(written.length + 1).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      expect(pngSize(file) > 0, `${file} is not a PNG`);
      written.push(file);
      await page.setViewportSize(DESKTOP);
    };
    const h1 = async (re) => {
      const text = await page.locator('h1').first().innerText();
      expect(re.test(text), `expected a page titled ${re} at ${page.url()}, got "${text}"`);
    };
    const fillForm = async ({ confirmation, birth }) => {
      await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
      await page.getByLabel(/^Confirmation du mot de passe/).fill(confirmation);
      await page.getByLabel(/^Adresse mail/).fill(email);
      await page.getByLabel(/^Confirmation de votre adresse mail/).fill(email);
      await page.getByLabel(/^Date de naissance de votre enfant/).fill(birth);
    };

    await page.goto(stack.base + '/');
    await h1(/Services en ligne/);
    await shot('portail');
    await shot('portail-mobile', { size: PHONE });

    await page.getByRole('link', { name: /Élève ou parent d'élève/ }).click();
    await page.waitForURL('**/connexion');
    await h1(/Scolarité services/);
    await page.getByLabel(/^Identifiant/).fill(letter.identifier);
    await page.getByLabel(/^Mot de passe/).fill(letter.password);
    await shot('connexion');

    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/premiere-connexion');
    await h1(/Première connexion/);
    const [d, m, y] = letter.birth.split('/');
    await fillForm({ confirmation: 'Autre2024xx', birth: `${d}/${m}/${Number(y) - 1}` });
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.locator('#erreurs').waitFor();
    await shot('premiere-connexion-erreurs');
    await shot('premiere-connexion-erreurs-mobile', { size: PHONE });

    await fillForm({ confirmation: NEW_PASSWORD, birth: letter.birth });
    await shot('premiere-connexion-remplie');

    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/compte-en-attente');
    await h1(/Compte en attente de validation/);
    await shot('compte-en-attente');

    await stack.waitForMail((mail) => mail.to === email, 20000);
    await page.goto(stack.base + '/dev/courriels');
    await h1(/Courriels reçus/);
    await shot('dev-courriels');

    await page.getByRole('link', { name: /validerAdresseMail/ }).first().click();
    await page.waitForURL('**/validerAdresseMail*');
    await h1(/Confirmation de votre adresse mail/);
    await shot('confirmation');

    await page.getByRole('link', { name: 'Accéder aux services' }).click();
    await page.waitForURL('**/services');
    await h1(/Bienvenue, Claire Martin/);
    await shot('services');
    await shot('services-mobile', { size: PHONE });

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((u) => u.pathname === '/connexion');
    await page.getByText('Vous êtes déconnecté').waitFor();
    await shot('deconnexion');

    if (context.problems.length) console.warn('browser problems:\n  ' + context.problems.join('\n  '));
    console.log(`${written.length} screenshots in ${path.relative(process.cwd(), OUT) || OUT}:`);
    for (const f of written) console.log(`  ${path.basename(f)} (${fs.statSync(f).size} bytes)`);
  } finally {
    if (browser) await browser.close();
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exitCode = 1;
});
