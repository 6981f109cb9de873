// Courriers de notification (issue 13 — courriers; docs/STAFF.md
// "Courriers") over HTTP, through nginx, ts-courriers, MariaDB and the mail
// worker: a secretary generates a class's letters as one PDF, read back with
// real tools — pdfinfo (one A4 page per letter), pdftotext (identifier,
// class, the guide's wording on each page), pdftoppm + zbarimg (the QR code:
// the login page with the identifier, never the password); the credentials
// read from the PDF sign in; generating again kills the old password; the
// bulk re-notification mails the known address and prints the others; the
// fiche's single letter; school B's staff can generate nothing of school A
// (404, nothing changed). One stack for the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { Browser } from './harness.mjs';
import { firstConnection, letters, pageProblems, text } from './flows.mjs';
import { DEMO_UAI, createStaff, enrol, startStaffStack } from './staff.mjs';

const UAI_B = '0869997W';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Posts a form with the page's token and keeps the answer's bytes (a PDF). */
async function postRaw(b, pagePath, action, fields) {
  const page = await b.get(pagePath);
  assert.equal(page.status, 200, `GET ${pagePath}: ${page.status}`);
  const body = new URLSearchParams({ csrf_token: b.csrf(page.body), ...fields }).toString();
  const res = await fetch(b.url(action), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: b.cookieHeader(), origin: b.base, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, body: bytes.toString('utf8') };
}

/** A PDF answer read back: { pages (text of each, white space collapsed), letters ([{ identifier, password, page }]), file }. */
function readPdf(dir, name, bytes) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const info = run('pdfinfo', [file]);
  const count = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  assert.match(info, /\(A4\)/);
  const all = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  const pages = all.split('\f').slice(0, count).map((p) => p.replace(/\s+/g, ' ').trim());
  assert.equal(pages.length, count, 'one text per page');
  const out = pages.map((p, i) => {
    const id = /Identifiant : (\S+)/.exec(p);
    const pw = /Mot de passe \* : ([A-Z0-9]{8})/.exec(p);
    assert.ok(id && pw, `page ${i + 1} names an identifier and a password: ${p}`);
    return { identifier: id[1], password: pw[1], page: i + 1, text: p };
  });
  return { file, pages, letters: out };
}

/** What zbarimg reads on page `n` rendered at 150 dpi. */
function qrOf(dir, file, n) {
  const prefix = path.join(dir, `qr-${path.basename(file)}-${n}`);
  run('pdftoppm', ['-png', '-r', '150', '-f', String(n), '-l', String(n), file, prefix]);
  const png = fs.readdirSync(dir).find((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.png'));
  assert.ok(png, 'the page rendered');
  return run('zbarimg', ['--raw', '-q', path.join(dir, png)]).trim();
}

test('courriers: generation, PDF, QR code, sign-in, regeneration, re-notification, scope (issue 13)', async (t) => {
  const stack = await startStaffStack('resend_min_interval_seconds = 0\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-courriers-'));
  try {
    const L = letters(stack); // the demo school (A)
    const q = (sql) => stack.sqlValue(sql);
    const class4C = q(`SELECT c.id FROM school_class c JOIN establishment e ON e.id = c.establishment_id WHERE e.uai = '${DEMO_UAI}' AND c.name = '4 C'`);
    // A pupil and a responsable just imported (SQL here): no account yet.
    stack.sql(`INSERT INTO pupil (establishment_id, class_id, first_name, last_name, birth_date)
        SELECT e.id, ${class4C}, 'Noé', 'Nouveau', '2012-01-02' FROM establishment e WHERE e.uai = '${DEMO_UAI}';
      INSERT INTO responsable (civility, first_name, last_name) VALUES ('Mme', 'Nadia', 'Nouveau');
      INSERT INTO pupil_responsable (pupil_id, responsable_id, legal_rank)
        SELECT p.id, r.id, 1 FROM pupil p, responsable r WHERE p.first_name = 'Noé' AND r.first_name = 'Nadia';`);
    stack.sql(`INSERT INTO establishment (uai, name, academie) VALUES ('${UAI_B}', 'Lycée des Saules', 'Académie de démonstration');
      INSERT INTO school_class (establishment_id, name) SELECT id, '2 B' FROM establishment WHERE uai = '${UAI_B}';`);
    const secA = createStaff(stack, { roles: ['secretariat'], name: 'Sylvie Courrier', email: 'sylvie.courrier@example.org' });
    const dirB = createStaff(stack, { uai: UAI_B, roles: ['direction'], name: 'Bruno Saule', email: 'bruno.saule@example.org' });
    const sec = (await enrol(stack, secA)).b;
    const bdir = (await enrol(stack, dirB)).b;
    let first;

    await t.test('the page lists the classes and the home links to it', async () => {
      const home = await sec.get('/etablissement');
      assert.match(home.body, /href="\/etablissement\/courriers"/);
      const page = await sec.get('/etablissement/courriers');
      assert.equal(page.status, 200);
      assert.match(text(page.body), /4 C/);
      assert.match(page.body, new RegExp(`<option value="${class4C}">4 C</option>`));
    });

    await t.test("a class's letters: one PDF, one page per letter, the wording, the QR code", async () => {
      const res = await postRaw(sec, '/etablissement/courriers', '/etablissement/courriers/generer', { classe: class4C, destinataires: 'tous' });
      assert.equal(res.status, 200, res.body.slice(0, 300));
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="courriers-4-C.pdf"');
      assert.match(res.headers.get('cache-control'), /no-store/);
      first = readPdf(dir, 'first.pdf', res.bytes);
      // Dylan and Hugo, Noé; Claire and Julien for Dylan, Élodie for Hugo, Nadia for Noé.
      assert.equal(first.letters.length, 7, first.pages.join('\n'));
      for (const p of first.pages) {
        assert.match(p, /Collège des Tilleuls/);
        assert.match(p, /élève de 4 C/);
        assert.match(p, /\* Mot de passe provisoire, à modifier lors de la première connexion\./);
        assert.match(p, /Vous disposez d'un délai de 3 mois pour activer votre compte\. Au delà, votre compte sera supprimé/);
        assert.match(p, new RegExp(`Adresse du portail : ${stack.base.replace(/\/$/, '')}`));
      }
      // Pupils first (by name), then the responsables by class, pupil and name.
      assert.match(first.pages[0], /pour Hugo Lefèvre, élève de 4 C/);
      assert.match(first.pages[1], /pour Dylan Martin, élève de 4 C/);
      // The agreed form by civility: "responsable légale" for a Mme, "responsable légal" for a M.
      assert.match(first.pages[3], /À l'attention d'Élodie Lefèvre, responsable légale Compte Téléservices pour Hugo Lefèvre/);
      assert.match(first.pages.find((p) => /À l'attention de Julien Martin/.test(p)) ?? '', /À l'attention de Julien Martin, responsable légal Compte Téléservices pour Dylan Martin/);
      assert.match(first.pages.find((p) => /À l'attention de Claire Martin/.test(p)) ?? '', /, responsable légale Compte/);
      assert.match(first.pages[2], /pour Noé Nouveau, élève de 4 C/);
      assert.ok(first.pages.slice(3).every((p) => /À l'attention (de |d')/.test(p)));
      assert.ok(first.pages.findIndex((p) => /À l'attention de Nadia Nouveau/.test(p)) === 6);
      // The QR code of the last page: the login page, identifier filled in, no password.
      const last = first.letters[6];
      const decoded = qrOf(dir, first.file, 7);
      assert.equal(decoded, `${stack.base.replace(/\/$/, '')}/connexion?identifiant=${last.identifier}`);
      assert.ok(!decoded.includes(last.password));
      // Nothing of the passwords is kept in clear.
      assert.equal(Number(q(`SELECT COUNT(*) FROM letter WHERE password_hash LIKE '%${last.password}%'`)), 0);
      assert.equal(Number(q("SELECT COUNT(*) FROM audit_log WHERE event = 'letters_generated' AND detail LIKE '%classe 4 C%'")), 1);
    });

    await t.test('the QR link fills the identifier in, and the credentials from the PDF sign in', async () => {
      const nadia = first.letters[6];
      const b = new Browser(stack.base);
      const form = await b.get(`/connexion?identifiant=${nadia.identifier}`);
      assert.equal(form.status, 200);
      assert.match(form.body, new RegExp(`id="identifiant" name="identifiant"[^>]*value="${nadia.identifier}"`));
      const bad = await b.get('/connexion?identifiant=%22%3E%3Cscript%3E');
      assert.equal(bad.status, 200);
      assert.doesNotMatch(bad.body, /<script>/);
      const res = await b.post('/connexion', { csrf_token: b.csrf(form.body), identifiant: nadia.identifier, mot_de_passe: nadia.password });
      assert.equal(res.status, 303);
      assert.equal(res.location, '/premiere-connexion');
    });

    await t.test('generating again gives new passwords: the old ones no longer sign in', async () => {
      const res = await postRaw(sec, '/etablissement/courriers', '/etablissement/courriers/generer', { classe: class4C, destinataires: 'eleves' });
      assert.equal(res.status, 200);
      const again = readPdf(dir, 'again.pdf', res.bytes);
      assert.equal(again.letters.length, 3);
      const noe = first.letters.find((l) => /pour Noé Nouveau/.test(l.text) && !/À l'attention/.test(l.text));
      const renewed = again.letters.find((l) => l.identifier === noe.identifier);
      assert.ok(renewed, 'the same account');
      assert.notEqual(renewed.password, noe.password);
      const b = new Browser(stack.base);
      const old = await b.submit('/connexion', { identifiant: noe.identifier, mot_de_passe: noe.password });
      assert.equal(old.status, 422, 'the old letter is dead');
      const now = await new Browser(stack.base).submit('/connexion', { identifiant: renewed.identifier, mot_de_passe: renewed.password });
      assert.equal(now.status, 303);
    });

    await t.test('re-notify a class: a mail to the known address, letters for the others', async () => {
      // Hugo's letter used at first connection: his address waits for confirmation.
      const hugo = Object.values(L).find((l) => l.kind === 'eleve' && l.name.startsWith('Hugo'));
      const current = await postRaw(sec, '/etablissement/courriers', '/etablissement/courriers/generer', { classe: class4C, destinataires: 'eleves' });
      const hugoLetter = readPdf(dir, 'hugo.pdf', current.bytes).letters.find((l) => l.identifier === hugo.identifier);
      await firstConnection(stack, { ...hugo, ...hugoLetter }, 'hugo.lefevre@example.org');
      const mailsBefore = stack.mails().filter((m) => m.to === 'hugo.lefevre@example.org').length;
      const res = await postRaw(sec, '/etablissement/courriers', '/etablissement/courriers/relancer', { classe: class4C });
      assert.equal(res.status, 200, res.body.slice(0, 300));
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="courriers-relance-4-C.pdf"');
      const pdf = readPdf(dir, 'relance.pdf', res.bytes);
      assert.ok(!pdf.letters.some((l) => l.identifier === hugo.identifier), 'no letter for the known address');
      assert.equal(pdf.letters.length, 6);
      await stack.waitForMail((m) => m.to === 'hugo.lefevre@example.org' && stack.mails().filter((x) => x.to === m.to).length > mailsBefore, 15000);
      assert.equal(Number(q("SELECT COUNT(*) FROM audit_log WHERE event = 'letters_renotified' AND detail LIKE 'classe 4 C : 1 mail(s), 6 courrier(s)%'")), 1);
    });

    await t.test("the fiche's letter: one page, the account back to the letter stage", async () => {
      const hugo = q("SELECT id FROM account WHERE kind = 'eleve' AND display_name = 'Hugo Lefèvre'");
      const res = await postRaw(sec, `/etablissement/famille?id=${hugo}`, '/etablissement/courriers/compte', { compte: hugo });
      assert.equal(res.status, 200, res.body.slice(0, 300));
      const pdf = readPdf(dir, 'fiche.pdf', res.bytes);
      assert.equal(pdf.letters.length, 1);
      assert.match(pdf.pages[0], /pour Hugo Lefèvre, élève de 4 C/);
      assert.equal(q(`SELECT state FROM account WHERE id = ${hugo}`), 'letter');
      assert.equal(Number(q("SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_letter'")), 1);
    });

    await t.test("school B's staff can generate nothing of school A (404, nothing changed)", async () => {
      const before = q('SELECT CONCAT(COUNT(*), "/", MAX(id)) FROM letter');
      const page = await bdir.get('/etablissement/courriers');
      assert.equal(page.status, 200);
      assert.doesNotMatch(text(page.body), /4 C/);
      const csrf = bdir.csrf(page.body);
      for (const [action, fields] of [
        ['/etablissement/courriers/generer', { classe: class4C, destinataires: 'tous' }],
        ['/etablissement/courriers/relancer', { classe: class4C }],
        ['/etablissement/courriers/compte', { compte: q("SELECT id FROM account WHERE kind = 'eleve' AND display_name = 'Dylan Martin'") }],
      ]) {
        const res = await bdir.post(action, { csrf_token: csrf, ...fields });
        assert.equal(res.status, 404, `${action}: ${res.status}`);
        assert.match(res.body, /<html lang="fr"/);
      }
      // B's whole school: nobody in it, nothing to print.
      const mine = await bdir.post('/etablissement/courriers/generer', { csrf_token: csrf, classe: 'tout', destinataires: 'tous' });
      assert.equal(mine.status, 200);
      assert.match(text(mine.body), /Aucun courrier à imprimer/);
      assert.equal(pageProblems(mine.body), '', 'the result page: tidy, labels');
      assert.equal(q('SELECT CONCAT(COUNT(*), "/", MAX(id)) FROM letter'), before);
    });

    await t.test('the command line prints the same letters', async () => {
      const out = path.join(dir, 'cli.pdf');
      const printed = stack.admin('letters', '--uai', DEMO_UAI, '--classe', '4 C', '--responsables', '--out', out);
      assert.match(printed, /4 courriers : /);
      const pdf = readPdf(dir, 'cli-copy.pdf', fs.readFileSync(out));
      assert.equal(pdf.letters.length, 4);
      assert.ok(pdf.pages.every((p) => /À l'attention (de |d')/.test(p)));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  }
});
