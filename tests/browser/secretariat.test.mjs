// A real browser (Debian chromium through playwright-core) walks a school
// secretary's September morning (issue 13): sign-in with the second factor,
// the import of the national database's two CSV exports in Windows-1252
// (preview, then confirm), the accounts and letters of a class as one PDF
// (downloaded, read by pdftotext, its first page rendered to PNG by
// pdftoppm and its QR code decoded by zbarimg), a family signing in with
// the printed credentials, the follow-up showing its new state, and the
// help given on the family's fiche (the activation mail sent again). Every
// page is checked with axe-core at 1280x800, 375x800 and 640x400 (200 %
// zoom) and screenshotted into tests/output/browser/secretariat/ (the letter
// page too: courrier-page-1.png).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';

import { startStack } from '../integration/harness.mjs';
import { firstConnection } from '../integration/flows.mjs';
import { TEST_TOTP_KEY, createStaff, enrol, freshCode } from '../integration/staff.mjs';
import { REPO, endOfWalkChecks, mainText, pngSize, screenshot, startWalk } from './browser.mjs';

const EXAMPLES = path.join(REPO, 'docs', 'examples');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('browser: a secretary imports the school, prints the letters of a class, follows and helps a family', async (t) => {
  const stack = await startStack({
    mail: 'maildir',
    extraConf: `[security]\nargon2_memory_kib = 1024\nargon2_iterations = 1\n[staff]\ntotp_key = ${TEST_TOTP_KEY}\n`,
  });
  let walk;
  const shots = [];
  try {
    stack.admin('demo'); // the demo school, Collège des Tilleuls
    const staff = createStaff(stack, { roles: ['secretariat'], name: 'Sophie Secrétaire', email: 'sophie.secretaire@example.org' });
    await enrol(stack, staff);
    walk = await startWalk(t, stack, 'secretariat');
    const { page, a11y, step } = walk;
    const capture = async (name) => shots.push(await screenshot(page, walk.shotsDir, `${String(shots.length + 1).padStart(2, '0')}-${name}`));
    const check = (label) => a11y.checkSizes(page, label);
    const submit = (action) => page.locator(`form[action="${action}"] [type="submit"]`).first().click();
    let pdf; // { file, text, identifier, password }

    await step('sign in: password, then a code', async () => {
      await page.goto(stack.base + '/personnel');
      await page.locator('input[name="identifiant"]').fill(staff.identifier);
      await page.locator('input[name="mot_de_passe"]').fill(staff.password);
      await submit('/personnel');
      await page.waitForURL((u) => u.pathname === '/personnel/code');
      await page.locator('input[name="code"]').fill(freshCode(stack, staff));
      await submit('/personnel/code');
      await page.waitForURL((u) => u.pathname === '/etablissement');
      await check('etablissement (secrétariat)');
      await capture('etablissement');
      for (const href of ['/etablissement/import', '/etablissement/courriers', '/etablissement/suivi']) {
        assert.equal(await page.locator(`main a[href="${href}"]`).count() > 0, true, `the home links ${href}`);
      }
    });

    await step('import: the two Windows-1252 exports, a preview with the accents right', async () => {
      await page.locator('main a[href="/etablissement/import"]').first().click();
      await page.waitForURL((u) => u.pathname === '/etablissement/import');
      await check('import');
      await capture('import');
      await page.locator('#eleves').setInputFiles(path.join(EXAMPLES, 'eleves-windows-1252.csv'));
      await page.locator('#responsables').setInputFiles(path.join(EXAMPLES, 'responsables-windows-1252.csv'));
      await submit('/etablissement/import');
      await page.locator('form[action="/etablissement/import/confirmer"]').waitFor();
      const s = await mainText(page);
      for (const name of ['Cœurderoy', 'Chloé', 'Lefèvre', 'Anaïs']) assert.ok(s.includes(name), `the preview names ${name}: ${s.slice(0, 400)}`);
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM pupil WHERE source_id = '100001'"), '0', 'nothing written before the confirmation');
      await check('import (aperçu)');
      await capture('import-apercu');
    });

    await step('import: confirmed, written once with the accents right', async () => {
      await submit('/etablissement/import/confirmer');
      await page.waitForLoadState('load');
      assert.equal(await page.locator('form[action="/etablissement/import/confirmer"]').count(), 0);
      await check('import (résultat)');
      await capture('import-resultat');
      assert.equal(stack.sqlValue("SELECT CONCAT(last_name, ' ', first_name) FROM pupil WHERE source_id = '100003'"), 'Cœurderoy François');
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM responsable WHERE source_id = '200001'"), '1');
    });

    await step('letters: the accounts of 4 A as one PDF, read back by pdftotext and zbarimg', async () => {
      await page.goto(stack.base + '/etablissement/courriers');
      await check('courriers');
      await capture('courriers');
      await page.locator('#generer-classe').selectOption({ label: '4 A' });
      await page.locator('label[for="destinataires-tous"]').click();
      const [download] = await Promise.all([page.waitForEvent('download'), submit('/etablissement/courriers/generer')]);
      const file = path.join(walk.shotsDir, 'courriers-4A.pdf');
      await download.saveAs(file);
      const all = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
      const pages = all.split('\f').filter((p) => p.trim());
      assert.ok(pages.length >= 2, `a letter per account: ${pages.length} pages`);
      for (const p of pages) {
        assert.match(p, /Collège des Tilleuls/);
        assert.match(p, /élève de 4 A/);
        assert.match(p, /Identifiant : \S+/);
      }
      const first = pages.find((p) => /pour Chloé Lefèvre/.test(p) && /Mot de passe \* : [A-Z0-9]{8}/.test(p));
      assert.ok(first, `a letter for Chloé Lefèvre:\n${pages[0]}`);
      pdf = { file, identifier: /Identifiant : (\S+)/.exec(first)[1], password: /Mot de passe \* : ([A-Z0-9]{8})/.exec(first)[1] };
      // The first page as a PNG (the screenshots' letter), its QR code decoded.
      const n = String(pages.indexOf(first) + 1);
      run('pdftoppm', ['-png', '-r', '150', '-f', n, '-l', n, '-singlefile', file, path.join(walk.shotsDir, 'courrier-page')]);
      const png = path.join(walk.shotsDir, 'courrier-page.png');
      assert.ok(pngSize(png) > 10000, 'the rendered letter page');
      shots.push(png);
      const url = new URL(run('zbarimg', ['--raw', '-q', png]).trim());
      assert.equal(url.pathname, '/connexion');
      assert.equal(url.searchParams.get('identifiant'), pdf.identifier);
      assert.ok(!url.href.includes(pdf.password), 'never the password in the QR code');
    });

    await step('a family: the printed credentials sign in, the first connection gives an address', async () => {
      const b = await firstConnection(stack, { identifier: pdf.identifier, password: pdf.password, birth: '14/03/2012' }, 'famille.lefevre@example.org');
      assert.ok(b);
      assert.equal(stack.sqlValue(`SELECT state FROM account WHERE identifier = '${pdf.identifier}'`), 'pending_email');
    });

    await step('the follow-up: the class with the family\'s new state', async () => {
      const klass = stack.sqlValue("SELECT c.id FROM school_class c JOIN establishment e ON e.id = c.establishment_id WHERE c.name = '4 A' AND e.uai = '0869999X'");
      await page.goto(`${stack.base}/etablissement/suivi?classe=${klass}`);
      const row = page.locator('tr', { has: page.locator(`a:text-is("${pdf.identifier}")`) });
      assert.equal(await row.locator('.ts-etat').getAttribute('data-etat'), 'en-attente');
      await check('suivi (classe)');
      await capture('suivi-classe');
    });

    await step('helping the family: its fiche, the activation mail sent again', async () => {
      await page.locator(`main a:text-is("${pdf.identifier}")`).first().click();
      await page.waitForURL((u) => u.pathname === '/etablissement/famille');
      await check('famille');
      await capture('famille');
      // The family calls an hour later: its first link is past the resend limits' window.
      stack.sql(`UPDATE email_token SET created_at = created_at - INTERVAL 1 HOUR WHERE account_id = (SELECT id FROM account WHERE identifier = '${pdf.identifier}')`);
      await submit('/etablissement/famille/renvoyer');
      await page.waitForURL((u) => u.pathname === '/etablissement/famille' && u.search.includes('renvoye'));
      await check('famille (courriel renvoyé)');
      await capture('famille-renvoye');
      const mails = () => stack.mails().filter((m) => m.to === 'famille.lefevre@example.org' && m.links.some((l) => l.includes('/validerAdresseMail?code=')));
      await stack.waitForMail((m) => m.to === 'famille.lefevre@example.org' && mails().length >= 2, 15000);
      assert.equal(mails().length, 2, 'the first mail and the one sent again');
      // Audited under the secretary's name, the family's identifier in the detail.
      assert.equal(Number(stack.sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_activation_resent' AND identifier = '${staff.identifier}' AND detail = '${pdf.identifier}'`)), 1, 'audited');
    });

    await endOfWalkChecks(t, walk, shots, { pages: 8, minShots: 9, required: ['courrier-page.png'] });
  } finally {
    if (walk) await walk.close();
    await stack.stop();
  }
});
