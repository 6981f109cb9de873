// Page screenshots for the documentation (`make screenshots`): starts a
// private stack with the demo data and walks, in Debian's chromium, a
// parent's first connection, Mon compte, a regroupement de comptes, the fiche
// de renseignements, a forgotten password, the staff side (sign-in,
// enrolment with its QR code and recovery codes, /etablissement, the
// personnels, the journal) and an error page;
// writes docs/screenshots/NN-name.png (the previous NN-*.png removed first),
// then stops the stack. Not a test: it only fails when a page is not what it
// should be.
//
//   node tests/browser/screenshots.mjs          (TS_BUILD=... for another build folder)
import { spawnSync } from 'node:child_process'; // issue 13 — courriers
import fs from 'node:fs';
import path from 'node:path';

import { startStack } from '../integration/harness.mjs';
import { STAFF_PASSWORD, TEST_TOTP_KEY, createStaff, freshCode } from '../integration/staff.mjs';
import { DESKTOP, PHONE, REPO, demoLetters, launchBrowser, newContext, pngSize, signIn } from './browser.mjs';

const OUT = path.join(REPO, 'docs', 'screenshots');
const NEW_PASSWORD = 'Tilleul2024x';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const stack = await startStack({ mail: 'maildir', extraConf: `[staff]\ntotp_key = ${TEST_TOTP_KEY}\n` });
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
    for (const f of fs.readdirSync(OUT)) if (/^\d\d-.*\.png$/.test(f)) fs.rmSync(path.join(OUT, f));

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

    // Mon compte: Profil, a password change with errors, Enfants.
    await signIn(page, stack.base, letter.identifier, NEW_PASSWORD);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon compte' }).click();
    await page.waitForURL('**/compte');
    await h1(/Compte de Claire Martin/i);
    await shot('compte');
    await page.locator('#mot_de_passe_actuel').fill('pas-le-bon1');
    await page.locator('#nouveau_mot_de_passe').fill('court');
    await page.locator('#confirmation').fill('autre');
    await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
    await page.locator('#erreurs').waitFor();
    await shot('compte-erreurs');
    await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Enfants' }).click();
    await page.waitForURL('**/compte/enfants');
    await shot('compte-enfants');

    // Regroupement with the second letter of the same parent, then the fiche.
    const other = demoLetters(stack).cmartin1;
    expect(other, 'no demo letter cmartin1');
    await page.getByRole('link', { name: 'Regrouper des comptes' }).click();
    await page.waitForURL('**/compte/regroupement');
    await page.getByLabel(/^Identifiant du compte/).fill(other.identifier);
    await page.getByLabel(/^Mot de passe du compte/).fill(other.password);
    await shot('regroupement');
    await page.getByRole('button', { name: 'SUIVANT' }).click();
    await page.getByRole('button', { name: 'VALIDER' }).waitFor();
    await shot('regroupement-confirmation');
    await page.getByRole('button', { name: 'VALIDER' }).click();
    await page.waitForURL('**/compte/regroupement/confirmer');
    await shot('regroupement-effectue');
    await page.goto(stack.base + '/compte/fiche');
    await page.getByRole('heading', { level: 2, name: 'Fiche de renseignements' }).waitFor();
    await shot('fiche-renseignements');
    await shot('fiche-renseignements-mobile', { size: PHONE });

    // A forgotten password: the request, then the mailed link's form.
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL((u) => u.pathname === '/connexion');
    await page.getByRole('link', { name: /mot de passe oublié/i }).click();
    await page.waitForURL('**/mot-de-passe-oublie');
    await page.getByLabel(/^Identifiant/).fill(letter.identifier);
    await page.getByLabel(/^Adresse mail/).fill(email);
    await shot('mot-de-passe-oublie');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForLoadState('load');
    await shot('mot-de-passe-oublie-envoye');
    const reset = await stack.waitForMail((mail) => mail.to === email && mail.subject.endsWith('Réinitialisation de votre mot de passe'), 20000);
    await page.goto(reset.links.find((l) => l.includes('/reinitialiser-mot-de-passe?code=')));
    await h1(/Nouveau mot de passe/);
    await shot('nouveau-mot-de-passe');

    // The staff side: the sign-in page, an enrolment (link, QR code, recovery
    // codes), /etablissement, the personnels and the journal of a direction.
    await page.goto(stack.base + '/personnel');
    await shot('personnel');
    await shot('personnel-mobile', { size: PHONE });
    const staff = createStaff(stack, { roles: ['direction'], name: 'Anne Proviseure', email: 'anne.proviseure@example.org' });
    const submit = (action) => page.locator(`form[action="${action}"] [type="submit"]`).first().click();
    await page.goto(stack.base + staff.link);
    await page.locator('input[name="mot_de_passe"]').fill(STAFF_PASSWORD);
    await page.locator('input[name="confirmation"]').fill(STAFF_PASSWORD);
    await shot('personnel-activer');
    await submit('/personnel/activer');
    await page.waitForURL((u) => u.pathname === '/personnel/code');
    await page.locator('img[src="/personnel/qr.svg"]').waitFor();
    await shot('personnel-enrolement');
    staff.secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '').toUpperCase();
    await page.locator('input[name="code"]').fill(freshCode(stack, staff));
    await submit('/personnel/code');
    await page.locator('#codes-de-secours').waitFor();
    await shot('personnel-codes-de-secours');
    await page.goto(stack.base + '/etablissement');
    await shot('etablissement');
    await shot('etablissement-mobile', { size: PHONE });
    await page.goto(stack.base + '/etablissement/personnels');
    await shot('etablissement-personnels');
    await page.goto(stack.base + '/etablissement/journal');
    await shot('etablissement-journal');
    await submit('/deconnexion');
    await page.waitForURL((u) => u.pathname === '/personnel');
    await page.goto(stack.base + '/cette-page-n-existe-pas');
    await shot('erreur-404');

    // issue 13 — courriers: a notification letter as printed (the first page
    // of a class's PDF, teleservices-admin letters), rendered by pdftoppm.
    {
      const pdf = path.join(OUT, 'courriers.tmp.pdf');
      const uai = stack.sqlValue("SELECT uai FROM establishment ORDER BY id LIMIT 1");
      stack.admin('letters', '--uai', uai, '--classe', '4 C', '--responsables', '--out', pdf);
      const file = path.join(OUT, `${String(written.length + 1).padStart(2, '0')}-courrier-de-notification`);
      const r = spawnSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', pdf, file], { encoding: 'utf8' });
      fs.rmSync(pdf, { force: true });
      expect(r.status === 0, `pdftoppm: ${r.stderr}`);
      expect(pngSize(`${file}.png`) > 0, `${file}.png is not a PNG`);
      written.push(`${file}.png`);
    }

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
