// issue 13 — aide ("Helping a family") over HTTP, through nginx, the FastCGI
// handlers, MariaDB and the mail worker: a regroupement made by a family
// through the real pages, undone by the school's secretary (both accounts'
// rows compared before the merge and after the undo: exactly as before);
// school B's staff see and change nothing of school A (404). One stack for
// the file. A letter reported "je ne suis pas le représentant légal": suspended
// at once (its sign-in a 403), signalé in the follow-up, handled by the
// school (courrier annulé: the letter dead).
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser } from './harness.mjs';
import { activate, letters, login, loginWithLetter, text } from './flows.mjs';
import { createStaff, enrol, startStaffStack } from './staff.mjs';

const UAI_B = '0869997Z';

/** Everything a merge changes of the accounts `identifiers`, as text (security_stamp aside: codes stay cancelled). */
function accountsState(stack, identifiers) {
  const list = identifiers.map((i) => `'${i}'`).join(', ');
  const ids = `(SELECT id FROM account WHERE identifier IN (${list}))`;
  return stack.sql([
    `SELECT 'account', identifier, state, IFNULL(password_hash, ''), IFNULL(email, ''), IFNULL(email_confirmed_at, ''), IFNULL(closed_at, ''), IFNULL(responsable_id, '') FROM account WHERE identifier IN (${list}) ORDER BY id`,
    `SELECT 'child', account_id, pupil_id, responsable_id, IFNULL(attached_at, '') FROM account_child WHERE account_id IN ${ids} ORDER BY 2, 3, 4`,
    `SELECT 'represented', account_id, responsable_id FROM account_responsable WHERE account_id IN ${ids} ORDER BY 2, 3`,
    `SELECT 'letter', id, account_id, IFNULL(used_at, ''), IFNULL(revoked_at, '') FROM letter WHERE account_id IN ${ids} ORDER BY 2`,
  ].join(';\n')).map((r) => r.join('\t')).join('\n');
}

test('helping a family (issue 13, aide)', async (t) => {
  const stack = await startStaffStack('resend_min_interval_seconds = 0\n');
  try {
    const L = letters(stack); // the demo school (A)
    const q = (sql) => stack.sqlValue(sql);
    stack.sql(`INSERT INTO establishment (uai, name, academie) VALUES ('${UAI_B}', 'Lycée des Saules', 'Académie de démonstration');`);
    const secA = createStaff(stack, { roles: ['secretariat'], name: 'Sylvie Secrétaire', email: 'sylvie.secretaire@example.org' });
    const dirB = createStaff(stack, { uai: UAI_B, roles: ['direction'], name: 'Bernard Principal', email: 'bernard.principal@example.org' });
    const sec = (await enrol(stack, secA)).b;
    const bdir = (await enrol(stack, dirB)).b;

    await t.test('a regroupement made by mistake is undone: both accounts exactly as before', async () => {
      await activate(stack, L.cmartin, 'claire@example.org');
      await activate(stack, L.jmartin, 'julien@example.org');
      const before = accountsState(stack, ['cmartin', 'jmartin']);
      // Claire merges Julien's account into hers, through the pages.
      const b = await login(stack, 'cmartin');
      const form = await b.get('/compte/regroupement');
      const next = await b.post('/compte/regroupement', { csrf_token: b.csrf(form.body), identifiant: 'jmartin', mot_de_passe: 'Tilleul2024x' });
      assert.equal(next.status, 200, text(next.body).slice(0, 300));
      const done = await b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(next.body), decision: 'valider' });
      assert.equal(done.status, 200);
      assert.equal(q("SELECT state FROM account WHERE identifier = 'jmartin'"), 'closed');
      assert.notEqual(accountsState(stack, ['cmartin', 'jmartin']), before);
      const record = q('SELECT MAX(id) FROM regroupement_record');

      // School B's direction: not in its list; its undo is a 404 and changes nothing.
      const listB = await bdir.get('/etablissement/regroupements');
      assert.equal(listB.status, 200);
      assert.doesNotMatch(listB.body, new RegExp(`id="regroupement-${record}"`));
      const merged = accountsState(stack, ['cmartin', 'jmartin']);
      const refused = await bdir.post('/etablissement/regroupements/annuler', { csrf_token: bdir.csrf(listB.body), regroupement: record });
      assert.equal(refused.status, 404);
      assert.equal(accountsState(stack, ['cmartin', 'jmartin']), merged);

      // School A's secretary: listed, undone, audited.
      const list = await sec.get('/etablissement/regroupements');
      assert.match(list.body, new RegExp(`id="regroupement-${record}"`));
      assert.match(text(list.body), /jmartin \(Julien Martin\)/);
      const undone = await sec.post('/etablissement/regroupements/annuler', { csrf_token: sec.csrf(list.body), regroupement: record });
      assert.equal(undone.status, 303);
      assert.equal(undone.location, '/etablissement/regroupements?modifie=annule');
      assert.equal(accountsState(stack, ['cmartin', 'jmartin']), before, 'both accounts exactly as before the merge');
      assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_regroupement_undone' AND detail IN ('cmartin', 'jmartin')"), '2');
      // Julien signs in again with his own password and sees his child.
      const julien = await login(stack, 'jmartin');
      assert.match(text((await julien.get('/compte/enfants')).body), /Dylan/);
      // Twice: refused in French, nothing more.
      const again = await sec.post('/etablissement/regroupements/annuler', { csrf_token: sec.csrf(list.body), regroupement: record });
      assert.equal(again.status, 409);
      assert.match(text(again.body), /Ce regroupement a déjà été annulé/);
      assert.equal(accountsState(stack, ['cmartin', 'jmartin']), before);
    });

    await t.test("a letter reported is suspended at once, signalé in the follow-up, then cancelled by the school", async () => {
      const b = await loginWithLetter(stack, L.kbenali);
      const first = await b.get('/premiere-connexion');
      assert.match(first.body, /href="\/premiere-connexion\/signalement"/);
      assert.match(text(first.body), /Je ne suis pas le représentant légal de cet élève/);
      const form = await b.get('/premiere-connexion/signalement');
      assert.equal(form.status, 200);
      const done = await b.post('/premiere-connexion/signalement', { csrf_token: b.csrf(form.body), confirmer: '1' });
      assert.equal(done.status, 200);
      assert.match(text(done.body), /Signalement enregistré/);
      assert.equal(q("SELECT COUNT(*) FROM session s JOIN account a ON a.id = s.account_id WHERE a.identifier = 'kbenali'"), '0', 'the session ended');
      assert.equal((await b.get('/premiere-connexion')).status, 303, 'no session at the letter stage any more');
      assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE event = 'letter_reported' AND identifier = 'kbenali'"), '1');
      // The letter signs nobody in: a clear French 403.
      const again = await new Browser(stack.base).submit('/connexion', { identifiant: 'kbenali', mot_de_passe: L.kbenali.password });
      assert.equal(again.status, 403);
      assert.match(text(again.body), /Courrier suspendu/);
      // The follow-up: signalé; the school's list shows it, school B's does not.
      const found = await sec.get('/etablissement/suivi/recherche?identifiant=kbenali');
      assert.match(found.body, /data-etat="signale"/);
      const letterId = q("SELECT l.id FROM letter l JOIN account a ON a.id = l.account_id WHERE a.identifier = 'kbenali' ORDER BY l.id DESC LIMIT 1");
      const listB = await bdir.get('/etablissement/signalements');
      assert.doesNotMatch(listB.body, new RegExp(`id="signalement-${letterId}"`));
      const refused = await bdir.post('/etablissement/signalements/traite', { csrf_token: bdir.csrf(listB.body), signalement: letterId, decision: 'infonde', commentaire: '' });
      assert.equal(refused.status, 404);
      const list = await sec.get('/etablissement/signalements');
      assert.match(list.body, new RegExp(`id="signalement-${letterId}"`));
      const handled = await sec.post('/etablissement/signalements/traite', { csrf_token: sec.csrf(list.body), signalement: letterId, decision: 'annule', commentaire: 'Remis à la mauvaise famille' });
      assert.equal(handled.status, 303);
      assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_report_handled' AND detail = 'kbenali'"), '1');
      assert.match(text((await sec.get('/etablissement/signalements')).body), /Courrier annulé Remis à la mauvaise famille/);
      // Cancelled: the letter stays dead (a wrong password to the sign-in); the follow-up no longer says signalé.
      const dead = await new Browser(stack.base).submit('/connexion', { identifiant: 'kbenali', mot_de_passe: L.kbenali.password });
      assert.equal(dead.status, 422);
      assert.doesNotMatch((await sec.get('/etablissement/suivi/recherche?identifiant=kbenali')).body, /data-etat="signale"/);
    });
  } finally {
    await stack.stop();
  }
});
