// "Regrouper des comptes" over HTTP, through nginx, spawn-fcgi, MariaDB and the
// mail worker: a responsable signed in merges a letter not yet used, then an
// activated account, into its own; every refusal; ANNULER; the pending state
// cannot be forged; concurrent VALIDER end with exactly one merge.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';
import { PASSWORD, activate, firstConnection, letters, login, text } from './flows.mjs';

const SUBJECT = 'Message des services en ligne - Regroupement de comptes';

/** SUIVANT with the other account's credentials; returns the response. */
const suivant = (b, identifiant, mot_de_passe) => b.submit('/compte/regroupement', { identifiant, mot_de_passe });

async function decide(b, decision) {
  const page = await b.get('/compte/regroupement');
  return b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(page.body), decision });
}

const q = (stack, sql) => stack.sqlValue(sql);
const state = (stack, id) => q(stack, `SELECT state FROM account WHERE identifier = '${id}'`);
const childrenOf = (stack, id) => q(stack,
  `SELECT GROUP_CONCAT(p.first_name ORDER BY p.first_name) FROM account_child c JOIN pupil p ON p.id = c.pupil_id
   JOIN account a ON a.id = c.account_id WHERE a.identifier = '${id}'`);
// Merges waiting for VALIDER (a done one leaves a trace for a repeated VALIDER: not counted).
const pendingCount = (stack) => Number(q(stack, 'SELECT COUNT(*) FROM regroupement_pending WHERE done_at IS NULL'));

test('Regrouper des comptes', async (t) => {
  const stack = await startStack({
    mail: 'smtp', postRate: '1000r/s', postBurst: 1000, children: 3,
    extraConf: '[security]\nargon2_memory_kib = 1024\nlogin_ip_max_failures = 1000\nmax_failed_logins = 50\n',
  });
  try {
    const L = letters(stack);
    assert.ok(L.cmartin && L.cmartin1 && L.jmartin && L.dmartin, Object.keys(L).join(' '));
    const spare = Object.values(L).find((l) => l.kind === 'responsable' && !/martin/.test(l.identifier));
    assert.ok(spare, 'another responsable letter');
    await activate(stack, L.cmartin, 'claire@example.org');
    await firstConnection(stack, L.dmartin, '');  // a pupil account, active without an address
    assert.equal(state(stack, 'dmartin'), 'active');

    await t.test('a pupil account is refused with a clear page', async () => {
      const b = await login(stack, 'dmartin');
      const res = await b.get('/compte/regroupement');
      assert.equal(res.status, 403);
      assert.match(text(res.body), /réservé aux comptes des responsables/);
      const post = await b.post('/compte/regroupement', { csrf_token: 'x', identifiant: 'cmartin1', mot_de_passe: 'x' });
      assert.equal(post.status, 403);
    });

    await t.test('signed out: back to the login page', async () => {
      const res = await new Browser(stack.base).get('/compte/regroupement');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/connexion');
    });

    await t.test('the form of the guide', async () => {
      const b = await login(stack, 'cmartin');
      const res = await b.get('/compte/regroupement');
      assert.equal(res.status, 200);
      const s = text(res.body);
      assert.match(s, /Regrouper des comptes/i);
      assert.match(s, /Compte à regrouper avec cmartin/);
      assert.match(s, /Identifiant du compte\*/);
      assert.match(s, /Mot de passe du compte\*/);
      assert.match(s, /SUIVANT/);
      assert.match(res.body, /href="\/compte\/enfants">ANNULER/);
      assert.match(res.body, /<title>Regrouper des comptes — Scolarité services<\/title>/);
    });

    await t.test('refusals: nothing changes', async () => {
      const b = await login(stack, 'cmartin');
      const failed = () => Number(q(stack, "SELECT failed_logins FROM account WHERE identifier = 'cmartin1'"));
      const before = failed();
      let res = await suivant(b, 'cmartin1', 'AAAAAAAA');
      assert.equal(res.status, 422);
      assert.match(text(res.body), /Identifiant ou mot de passe incorrect/);
      assert.equal(failed(), before + 1, 'counted on the other account');
      res = await suivant(b, 'personne', 'AAAAAAAA');
      assert.equal(res.status, 422);
      assert.match(text(res.body), /Identifiant ou mot de passe incorrect/);
      res = await suivant(b, '', '');
      assert.equal(res.status, 422);
      assert.match(text(res.body), /Saisissez l'identifiant/);
      res = await suivant(b, 'cmartin', PASSWORD);
      assert.equal(res.status, 422);
      assert.match(text(res.body), /avec lui-même/);
      res = await suivant(b, 'dmartin', PASSWORD);
      assert.equal(res.status, 403);
      assert.match(text(res.body), /compte élève/);
      // An expired letter.
      stack.sql(`UPDATE letter l JOIN account a ON a.id = l.account_id SET l.created_at = NOW() - INTERVAL 200 DAY,
                 l.expires_at = NOW() - INTERVAL 1 DAY WHERE a.identifier = '${spare.identifier}'`);
      res = await suivant(b, spare.identifier, spare.password.toLowerCase());
      assert.equal(res.status, 403);
      assert.match(text(res.body), /expiré/);
      // A locked account.
      stack.sql("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE identifier = 'cmartin1'");
      res = await suivant(b, 'cmartin1', L.cmartin1.password);
      assert.equal(res.status, 403);
      assert.match(text(res.body), /bloqué/);
      stack.sql("UPDATE account SET locked_until = NULL, failed_logins = 0 WHERE identifier = 'cmartin1'");
      assert.equal(pendingCount(stack), 0);
      assert.equal(state(stack, 'cmartin1'), 'letter');
      assert.equal(childrenOf(stack, 'cmartin'), 'Dylan');
    });

    await t.test('ANNULER changes nothing', async () => {
      const b = await login(stack, 'cmartin');
      const res = await suivant(b, 'cmartin1', L.cmartin1.password.toLowerCase());
      assert.equal(res.status, 200);
      const s = text(res.body);
      assert.match(s, /Regrouper des comptes - Confirmation/i);
      assert.match(s, /Elèves rattachés à votre compte : cmartin Dylan MARTIN|Elèves rattachés à votre compte : cmartin Dylan Martin/i);
      assert.match(s, /Elèves rattachés au compte que vous souhaitez regrouper : cmartin1 Florian/);
      assert.match(s, /En validant cette opération, vous confirmez la fermeture du compte cmartin1 et le rattachement de l'ensemble des élèves ci-dessus au compte cmartin/);
      assert.doesNotMatch(res.body, new RegExp(`value="${q(stack, "SELECT id FROM account WHERE identifier = 'cmartin1'")}"`));
      assert.equal(pendingCount(stack), 1);
      const cancel = await b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(res.body), decision: 'annuler' });
      assert.equal(cancel.status, 303);
      assert.equal(cancel.location, '/compte/enfants');
      assert.equal(pendingCount(stack), 0);
      assert.equal(state(stack, 'cmartin1'), 'letter');
      assert.equal(childrenOf(stack, 'cmartin'), 'Dylan');
    });

    await t.test('the pending state cannot be forged', async () => {
      const a = await login(stack, 'cmartin');
      const none = await decide(a, 'valider');
      assert.equal(none.status, 409, 'VALIDER without SUIVANT');
      assert.match(text(none.body), /Aucune demande de regroupement/);
      assert.equal((await suivant(a, 'cmartin1', L.cmartin1.password)).status, 200);
      const other = await login(stack, 'cmartin');
      assert.equal((await decide(other, 'valider')).status, 409, 'another session');
      const noCsrf = await a.post('/compte/regroupement/confirmer', { decision: 'valider' });
      assert.equal(noCsrf.status, 403);
      // Expired pending state.
      stack.sql('UPDATE regroupement_pending SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND');
      assert.equal((await decide(a, 'valider')).status, 409, 'expired');
      assert.equal(state(stack, 'cmartin1'), 'letter');
      assert.equal(childrenOf(stack, 'cmartin'), 'Dylan');
      assert.equal(pendingCount(stack), 0);
    });

    await t.test('24 concurrent VALIDER from 3 sessions: exactly one merge', async () => {
      const sessions = [];
      for (let i = 0; i < 3; i++) {
        const b = await login(stack, 'cmartin');
        assert.equal((await suivant(b, 'cmartin1', L.cmartin1.password)).status, 200);
        const page = await b.get('/compte/regroupement');
        sessions.push({ b, csrf: b.csrf(page.body) });
      }
      const auditsBefore = Number(q(stack, "SELECT COUNT(*) FROM audit_log WHERE event = 'regroupement'"));
      const all = await Promise.all(Array.from({ length: 24 }, (_, i) => {
        const { b, csrf } = sessions[i % 3];
        return b.post('/compte/regroupement/confirmer', { csrf_token: csrf, decision: 'valider' });
      }));
      // One session merged: its repeated VALIDERs show that outcome; the
      // other two sessions are told that nothing changed.
      const ok = all.filter((r) => r.status === 200);
      assert.ok(ok.length >= 1, all.map((r) => r.status).join(' '));
      const winners = new Set(all.map((r, i) => (r.status === 200 ? i % 3 : -1)).filter((s) => s >= 0));
      assert.equal(winners.size, 1, all.map((r) => r.status).join(' '));
      for (const r of ok) {
        assert.match(text(r.body), /L'opération de regroupement des comptes a été effectuée avec succès\. Seul le compte avec lequel vous êtes connecté reste disponible\./);
        assert.match(text(r.body), /Confirmation de regroupement de comptes/i);
      }
      const [winner] = winners;
      for (const [i, r] of all.entries()) {
        if (i % 3 === winner) { assert.equal(r.status, 200); continue; }
        assert.equal(r.status, 409);
        assert.match(text(r.body), /Aucun compte n'a été modifié|Aucune demande de regroupement/);
      }
      assert.equal(state(stack, 'cmartin1'), 'closed');
      assert.equal(childrenOf(stack, 'cmartin'), 'Dylan,Florian');
      assert.equal(childrenOf(stack, 'cmartin1'), null);
      assert.equal(Number(q(stack, "SELECT COUNT(*) FROM audit_log WHERE event = 'regroupement'")), auditsBefore + 1);
      const detail = q(stack, "SELECT detail FROM audit_log WHERE event = 'regroupement' AND identifier = 'cmartin'");
      const florian = q(stack, "SELECT p.id FROM pupil p WHERE p.first_name = 'Florian'");
      assert.match(detail, /^compte cmartin1 fermé \(état courrier\) et regroupé dans ce compte ; /); // by identifier, no account number
      assert.match(detail, new RegExp(`élèves? déplacés? : (.*, )?n° ${florian} \\(responsable n° \\d+\\)`));
      assert.equal(Number(q(stack, "SELECT COUNT(*) FROM letter l JOIN account a ON a.id = l.account_id WHERE a.identifier = 'cmartin1' AND l.revoked_at IS NULL AND l.used_at IS NULL")), 0);
      assert.equal(pendingCount(stack), 0);
      assert.ok(q(stack, "SELECT closed_at FROM account WHERE identifier = 'cmartin1'"));
      // The closed account can no longer log in.
      const res = await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin1', mot_de_passe: L.cmartin1.password });
      assert.notEqual(res.location, '/premiere-connexion');
      assert.notEqual(res.location, '/services');
      // The Enfants page shows both.
      const enfants = text((await sessions[0].b.get('/compte/enfants')).body);
      assert.match(enfants, /Dylan/);
      assert.match(enfants, /Florian/);
      // A closed account is refused.
      const again = await suivant(sessions[0].b, 'cmartin1', L.cmartin1.password);
      assert.equal(again.status, 403);
      assert.match(text(again.body), /fermé/);
    });

    await t.test('merge with an activated account (the other responsable): compte joint', async () => {
      await activate(stack, L.jmartin, 'julien@example.org');
      const j = await login(stack, 'jmartin');
      const b = await login(stack, 'cmartin');
      const res = await suivant(b, 'jmartin', PASSWORD);
      assert.equal(res.status, 200);
      assert.match(text(res.body), /Elèves rattachés au compte que vous souhaitez regrouper : jmartin Dylan/);
      const done = await decide(b, 'valider');
      assert.equal(done.status, 200);
      assert.equal(state(stack, 'jmartin'), 'closed');
      assert.equal(childrenOf(stack, 'cmartin'), 'Dylan,Florian', 'Dylan once');
      assert.equal(Number(q(stack, "SELECT COUNT(*) FROM account_responsable r JOIN account a ON a.id = r.account_id WHERE a.identifier = 'cmartin'")), 2);
      assert.equal((await j.get('/compte/enfants')).status, 303, 'the closed account is signed out');
      assert.equal(Number(q(stack, `SELECT COUNT(*) FROM outbox WHERE subject = '${SUBJECT}' AND to_address IN ('claire@example.org','julien@example.org')`)) >= 2, true);
      const mail = await stack.waitForMail((m) => m.to === 'julien@example.org' && m.subject === SUBJECT, 15000);
      assert.match(mail.body, /jmartin est fermé/);
      const loginJ = await new Browser(stack.base).submit('/connexion', { identifiant: 'jmartin', mot_de_passe: PASSWORD });
      assert.notEqual(loginJ.location, '/services');
    });
    await t.test('fiche de renseignements: both responsables of the compte joint, validated, audited', async () => {
      const b = await login(stack, 'cmartin');
      const page = await b.get('/compte/fiche');
      assert.equal(page.status, 200);
      const s = text(page.body);
      assert.match(s, /Fiche de renseignements/i);
      assert.match(s, /Claire/);
      assert.match(s, /Julien/);
      const julien = q(stack, "SELECT id FROM responsable WHERE first_name = 'Julien'");
      const fields = { csrf_token: b.csrf(page.body), responsable: julien, adresse: '3 rue des Lilas, 86000 Poitiers',
        telephone: '05 49 00 00 00', portable: '+33 6 12 34 56 78', courriel: 'julien.pro@example.org', profession: 'Menuisier' };
      const bad = await b.post('/compte/fiche', { ...fields, telephone: '12ab', courriel: 'pas-une-adresse' });
      assert.equal(bad.status, 422);
      assert.match(bad.body, new RegExp(`id="telephone-${julien}-error"`));
      assert.match(bad.body, new RegExp(`id="courriel-${julien}-error"`));
      assert.equal(q(stack, `SELECT profession FROM responsable WHERE id = ${julien}`), null);
      const ok = await b.post('/compte/fiche', fields);
      assert.equal(ok.status, 303);
      assert.equal(q(stack, `SELECT CONCAT(profession, '|', mobile_phone) FROM responsable WHERE id = ${julien}`), 'Menuisier|+33 6 12 34 56 78');
      assert.match(q(stack, "SELECT detail FROM audit_log WHERE event = 'fiche_update' ORDER BY id DESC LIMIT 1"), /: adresse, téléphone, portable, courriel, profession modifié\(s\)$/);
      const foreign = q(stack, "SELECT MAX(id) FROM responsable WHERE first_name NOT IN ('Julien','Claire')");
      const refused = await b.post('/compte/fiche', { ...fields, responsable: foreign });
      assert.equal(refused.status, 404, 'another family\'s fiche');
      const pupil = await login(stack, 'dmartin');
      assert.equal((await pupil.get('/compte/fiche')).status, 403);
    });
  } finally {
    await stack.stop();
  }
});

test('No second letter needed: a child the school links to the responsable, proved by its birth date', async (t) => {
  const stack = await startStack({
    mail: 'smtp', postRate: '1000r/s', postBurst: 1000,
    extraConf: '[security]\nargon2_memory_kib = 1024\nlogin_ip_max_failures = 1000\nmax_failed_logins = 50\n',
  });
  try {
    const L = letters(stack);
    await activate(stack, L.cmartin, 'claire@example.org');
    const b = await login(stack, 'cmartin');
    const page = await b.get('/compte/regroupement');
    assert.equal(page.status, 200);
    assert.match(text(page.body), /Enfants que vous pouvez rattacher sans second courrier/);
    assert.match(text(page.body), /Date de naissance de Florian/);
    const florian = q(stack, "SELECT id FROM pupil WHERE first_name = 'Florian'");
    const failedBefore = Number(q(stack, "SELECT failed_birth_dates FROM account WHERE identifier = 'cmartin'"));
    const wrong = await b.post('/compte/regroupement/enfant', { csrf_token: b.csrf(page.body), eleve: florian, date_naissance: '01/01/2000' });
    assert.equal(wrong.status, 422);
    assert.match(text(wrong.body), /ne correspond pas/);
    // Listed in the page's error summary, linked to the child's date field.
    assert.match(wrong.body, new RegExp(`id="erreurs"[^>]*>[\\s\\S]*?<a href="#date_naissance-${florian}">Cette date de naissance ne correspond pas`));
    assert.match(wrong.body, new RegExp(`<input[^>]+id="date_naissance-${florian}"[^>]+aria-invalid="true"`));
    assert.equal(Number(q(stack, "SELECT failed_birth_dates FROM account WHERE identifier = 'cmartin'")), failedBefore + 1);
    assert.equal(childrenOf(stack, 'cmartin'), 'Dylan');
    const dylan = q(stack, "SELECT id FROM pupil WHERE first_name = 'Dylan'");
    const notListed = await b.post('/compte/regroupement/enfant', { csrf_token: b.csrf(page.body), eleve: dylan, date_naissance: L.cmartin.birth });
    assert.equal(notListed.status, 409, 'a child already on the account is not attachable');
    const ok = await b.post('/compte/regroupement/enfant', { csrf_token: b.csrf(page.body), eleve: florian, date_naissance: L.cmartin1.birth });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/compte/enfants');
    assert.equal(childrenOf(stack, 'cmartin'), 'Dylan,Florian');
    assert.equal(state(stack, 'cmartin1'), 'closed', 'the letter account held only Florian');
    assert.equal(Number(q(stack, "SELECT COUNT(*) FROM letter l JOIN account a ON a.id = l.account_id WHERE a.identifier = 'cmartin1' AND l.revoked_at IS NULL AND l.used_at IS NULL")), 0);
    assert.match(q(stack, "SELECT detail FROM audit_log WHERE event = 'regroupement_enfant'"), new RegExp(`^élève n° ${florian} rattaché ; comptes du courrier fermés : cmartin1$`));
    assert.doesNotMatch(text((await b.get('/compte/regroupement')).body), /Date de naissance de Florian/);
  } finally {
    await stack.stop();
  }
});
