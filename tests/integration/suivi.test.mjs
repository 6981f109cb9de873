// The follow-up and the helpdesk (issue 13, part suivi; docs/STAFF.md
// "Suivi des comptes" and "Fiche d'un compte de famille") over HTTP, through
// nginx, the FastCGI handlers, MariaDB and the mail worker: the state a
// secretary reads after each step of a family (no letter, letter unused,
// address to confirm, active, with the last sign-in), the CSV export as a
// spreadsheet opens it (BOM, ';'), each help action done, mailed and audited,
// and school B's staff seeing and changing nothing of school A (404).
// One stack for the file.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser } from './harness.mjs';
import { activationLink, firstConnection, letters, loginWithLetter, text } from './flows.mjs';
import { DEMO_UAI, createStaff, enrol, startStaffStack } from './staff.mjs';

const UAI_B = '0869998Y';

/** The follow-up state code (data-etat) of the row naming `needle` in a search or class page. */
function stateIn(html, needle) {
  for (const row of html.split('<tr>').slice(1)) {
    if (!text(row).includes(needle)) continue;
    const m = /data-etat="([a-z-]+)"/.exec(row);
    if (m) return m[1];
  }
  assert.fail(`no row for ${needle} in:\n${text(html).slice(0, 1200)}`);
}

/** A GET keeping the byte-order mark (fetch's text() strips it). */
async function rawGet(b, p) {
  const res = await fetch(b.url(p), { headers: { cookie: b.cookieHeader() }, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

test('suivi and helpdesk (issue 13)', async (t) => {
  const stack = await startStaffStack('resend_min_interval_seconds = 0\n');
  const started = Date.now();
  try {
    const L = letters(stack); // the demo school (A)
    const q = (sql) => stack.sqlValue(sql);
    const idOf = (identifier) => q(`SELECT id FROM account WHERE identifier = '${identifier}'`);
    // School B, by SQL, with Inès Benali moved into it.
    stack.sql(`INSERT INTO establishment (uai, name, academie) VALUES ('${UAI_B}', 'Lycée des Peupliers', 'Académie de démonstration');
      INSERT INTO school_class (establishment_id, name) SELECT id, '2 B' FROM establishment WHERE uai = '${UAI_B}';`);
    const schoolB = q(`SELECT id FROM establishment WHERE uai = '${UAI_B}'`);
    stack.sql(`UPDATE pupil SET establishment_id = ${schoolB}, class_id = (SELECT id FROM school_class WHERE establishment_id = ${schoolB}) WHERE first_name = 'Inès'`);
    const secA = createStaff(stack, { roles: ['secretariat'], name: 'Sylvie Secrétaire', email: 'sylvie.secretaire@example.org' });
    const dirB = createStaff(stack, { uai: UAI_B, roles: ['direction'], name: 'Bernard Principal', email: 'bernard.principal@example.org' });
    const sec = (await enrol(stack, secA)).b;
    const bdir = (await enrol(stack, dirB)).b;
    const search = async (query) => {
      const res = await sec.get(`/etablissement/suivi/recherche?${query}`);
      assert.equal(res.status, 200, `search ${query}: ${res.status}`);
      return res.body;
    };

    await t.test("the state after each family step: no letter, letter, first connection, address confirmed; the last sign-in", async () => {
      // A pupil just imported (SQL here): no account yet.
      stack.sql(`INSERT INTO pupil (establishment_id, class_id, first_name, last_name, birth_date)
        SELECT e.id, c.id, 'Noé', 'Nouveau', '2011-01-02' FROM establishment e JOIN school_class c ON c.establishment_id = e.id
        WHERE e.uai = '${DEMO_UAI}' AND c.name = '3 D'`);
      assert.equal(stateIn(await search('nom=noe'), 'Noé Nouveau'), 'non-generee', 'accents ignored, no account');
      const body = await search('identifiant=sriviere');
      assert.equal(stateIn(body, 'sriviere'), 'non-utilisee');
      assert.match(text(body), /Non utilisée/);
      await loginWithLetter(stack, L.sriviere);
      assert.equal(stateIn(await search('identifiant=sriviere'), 'sriviere'), 'non-utilisee', 'signed in with the letter only');
      await firstConnection(stack, L.sriviere, 'sophie@example.org');
      assert.equal(stateIn(await search('identifiant=sriviere'), 'sriviere'), 'en-attente');
      const link = await activationLink(stack, L.sriviere, 'sophie@example.org');
      assert.equal((await new Browser(stack.base).get(link.pathname + link.search)).status, 200);
      const active = await search('identifiant=sriviere');
      assert.equal(stateIn(active, 'sriviere'), 'actif');
      assert.doesNotMatch(text(active).split('sriviere')[1], /^ Actif Jamais/, 'a last sign-in is shown');
      assert.notEqual(q("SELECT IFNULL(last_login_at, '') FROM account WHERE identifier = 'sriviere'"), '');
      // The class page and the rate: 3 D expects Léa, her responsable and Noé.
      const classD = q(`SELECT c.id FROM school_class c JOIN establishment e ON e.id = c.establishment_id WHERE e.uai = '${DEMO_UAI}' AND c.name = '3 D'`);
      const page = await sec.get(`/etablissement/suivi?classe=${classD}`);
      assert.equal(page.status, 200);
      assert.equal(stateIn(page.body, 'sriviere'), 'actif');
      assert.match(text(page.body), /3 D 3 1 1 0 1 0 0 0 0 33,3 %/, 'expected, the eight states, the rate');
    });

    await t.test('the CSV export opens in a spreadsheet: UTF-8 with BOM, semicolons', async () => {
      const res = await rawGet(sec, '/etablissement/suivi.csv?etat=actif');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
      assert.match(res.headers.get('content-disposition'), new RegExp(`^attachment; filename="suivi-${DEMO_UAI}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = res.body.split('\r\n');
      assert.equal(lines[0], '\uFEFFClasse;Élève;Type de compte;Titulaire;Identifiant;État;Dernière connexion');
      assert.ok(lines.some((l) => /^3 D;Léa Dupont-Rivière;Responsable;Sophie Rivière;sriviere;Actif;\d\d\/\d\d\/\d{4} à /.test(l)), lines.join('\n'));
      assert.ok(!res.body.includes('ibenali'), "school B's pupil is not in A's export");
    });

    await t.test('each help action: done, mailed, audited with a French label, 303 back to the fiche', async () => {
      const family = await firstConnection(stack, L.jmartin, 'julien@example.org');
      const id = idOf('jmartin');
      const fiche = await sec.get(`/etablissement/famille?id=${id}`);
      assert.equal(fiche.status, 200);
      assert.match(text(fiche.body), /En attente de confirmation/);
      const post = async (action, fields = {}) => {
        const res = await sec.post(`/etablissement/famille/${action}`, { csrf_token: sec.csrf(fiche.body), id, ...fields });
        assert.equal(res.status, 303, `${action}: ${res.status} ${text(res.body).slice(0, 300)}`);
        assert.match(res.location, new RegExp(`^/etablissement/famille\\?id=${id}&modifie=`));
        return res;
      };
      const audited = (event) => Number(q(`SELECT COUNT(*) FROM audit_log WHERE event = '${event}' AND detail = 'jmartin' AND account_id = ${secA.accountId}`));

      await post('renvoyer');
      await stack.waitForMail((m) => m.to === 'julien@example.org' && m.links.some((l) => l.includes('/validerAdresseMail?code=')) &&
        stack.mails().filter((x) => x.to === 'julien@example.org').length >= 2, 15000);
      assert.equal(audited('helpdesk_activation_resent'), 1);

      await post('adresse', { nouvelle_adresse: 'julien.m@example.org', confirmation_adresse: 'julien.m@example.org' });
      assert.equal(q("SELECT pending_email FROM account WHERE identifier = 'jmartin'"), 'julien.m@example.org');
      const fixed = await stack.waitForMail((m) => m.to === 'julien.m@example.org', 15000);
      assert.ok(fixed.links.some((l) => l.includes('/validerAdresseMail?code=')), 'the family confirms the corrected address');
      assert.equal(audited('helpdesk_email_corrected'), 1);

      stack.sql("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE identifier = 'jmartin'");
      await post('deverrouiller');
      assert.equal(q("SELECT locked_until > UTC_TIMESTAMP() FROM account WHERE identifier = 'jmartin'"), '0');
      assert.equal(audited('helpdesk_unlock'), 1);

      // An active account's address: Mon compte's new-address link.
      const sophie = idOf('sriviere');
      const f2 = await sec.get(`/etablissement/famille?id=${sophie}`);
      const changed = await sec.post('/etablissement/famille/adresse', { csrf_token: sec.csrf(f2.body), id: sophie, nouvelle_adresse: 'sophie.r@example.org', confirmation_adresse: 'sophie.r@example.org' });
      assert.equal(changed.status, 303);
      const newAddress = await stack.waitForMail((m) => m.to === 'sophie.r@example.org', 15000);
      assert.ok(newAddress.links.some((l) => l.includes('/validerNouvelleAdresse?code=')));
      assert.equal(q("SELECT email FROM account WHERE identifier = 'sriviere'"), 'sophie@example.org', 'unchanged until confirmed');

      await post('fermer', { confirmer: '1' });
      assert.equal(q("SELECT state FROM account WHERE identifier = 'jmartin'"), 'closed');
      assert.equal(q(`SELECT COUNT(*) FROM session WHERE account_id = ${id}`), '0', 'its sessions ended');
      const out = await family.get('/compte-en-attente');
      assert.ok([302, 303].includes(out.status) && /\/connexion/.test(out.location), `the family is signed out: ${out.status} ${out.location}`);
      assert.equal(audited('helpdesk_closed'), 1);
      const trail = text((await sec.get(`/etablissement/famille?id=${id}`)).body);
      for (const label of ["Compte fermé par l'assistance", "Mail d'activation renvoyé par l'assistance",
        "Adresse mail corrigée par l'assistance (à confirmer)", "Compte débloqué par l'assistance", 'Fermé']) {
        assert.ok(trail.includes(label), `the fiche shows: ${label}`);
      }
    });

    await t.test("school B's staff see and change nothing of school A (404)", async () => {
      const before = stack.sql("SELECT id, state, IFNULL(pending_email, ''), IFNULL(locked_until, '') FROM account ORDER BY id; SELECT COUNT(*) FROM audit_log; SELECT COUNT(*) FROM outbox").map((r) => r.join('\t')).join('\n');
      const token = bdir.csrf((await bdir.get('/etablissement/compte')).body);
      const cm = idOf('cmartin');
      assert.equal((await bdir.get(`/etablissement/famille?id=${cm}`)).status, 404);
      for (const [action, fields] of [['renvoyer', {}], ['adresse', { nouvelle_adresse: 'x@example.org', confirmation_adresse: 'x@example.org' }],
        ['fermer', { confirmer: '1' }], ['deverrouiller', {}]]) {
        const res = await bdir.post(`/etablissement/famille/${action}`, { csrf_token: token, id: cm, ...fields });
        assert.equal(res.status, 404, `${action}: ${res.status}`);
      }
      const classC = q(`SELECT c.id FROM school_class c JOIN establishment e ON e.id = c.establishment_id WHERE e.uai = '${DEMO_UAI}' AND c.name = '4 C'`);
      assert.equal((await bdir.get(`/etablissement/suivi?classe=${classC}`)).status, 404);
      const found = await bdir.get('/etablissement/suivi/recherche?nom=martin');
      assert.equal(found.status, 200);
      assert.ok(!found.body.includes('cmartin'), "A's family is not found from B");
      const csv = await rawGet(bdir, '/etablissement/suivi.csv');
      assert.ok(csv.body.includes('ibenali') && !csv.body.includes('cmartin'), 'B exports its own families only');
      const after = stack.sql("SELECT id, state, IFNULL(pending_email, ''), IFNULL(locked_until, '') FROM account ORDER BY id; SELECT COUNT(*) FROM audit_log; SELECT COUNT(*) FROM outbox").map((r) => r.join('\t')).join('\n');
      assert.equal(after, before, 'nothing changed');
    });
  } finally {
    t.diagnostic(`suivi: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await stack.stop();
  }
});
