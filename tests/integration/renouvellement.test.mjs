// issue 13 — aide: a new password demanded at the next sign-in (direction
// for its school), over HTTP through nginx, the FastCGI handlers and
// MariaDB. Direction forces class 4 C, sparing the accounts whose password
// changed since today; a family of that class signed in before the demand
// loses its session; signing in leads to the renewal page, nothing else is
// reachable until a new password is chosen; then the services, and the old
// password no longer works. An account changed since the date and another
// class are not asked; school B's direction touches nothing of school A.
// The audit rows. One stack for the file.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser } from './harness.mjs';
import { PASSWORD, activate, firstConnection, letters, login, text } from './flows.mjs';
import { createStaff, enrol, startStaffStack } from './staff.mjs';

const UAI_B = '0869997Z';
const PAGE = '/connexion/nouveau-mot-de-passe';
const NEW_PASSWORD = 'Peuplier2026k';

/** Today in Paris, JJ/MM/AAAA (what a secretary types). */
function todayInParis() {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(new Date());
  const v = (type) => parts.find((p) => p.type === type).value;
  return `${v('day')}/${v('month')}/${v('year')}`;
}

test('forced password renewal (issue 13, aide)', async (t) => {
  const stack = await startStaffStack();
  try {
    const L = letters(stack); // the demo school (A)
    const q = (sql) => stack.sqlValue(sql);
    const flagged = (identifier) => q(`SELECT renew_password_at IS NOT NULL FROM account WHERE identifier = '${identifier}'`);
    stack.sql(`INSERT INTO establishment (uai, name, academie) VALUES ('${UAI_B}', 'Lycée des Saules', 'Académie de démonstration');`);
    const dirA = createStaff(stack, { roles: ['direction'], name: 'Agnès Principale', email: 'agnes.principale@example.org' });
    const dirB = createStaff(stack, { uai: UAI_B, roles: ['direction'], name: 'Bernard Principal', email: 'bernard.principal@example.org' });
    const secA = createStaff(stack, { roles: ['secretariat'], name: 'Sylvie Secrétaire', email: 'sylvie.secretaire@example.org' });
    const adir = (await enrol(stack, dirA)).b;
    const bdir = (await enrol(stack, dirB)).b;
    const sec = (await enrol(stack, secA)).b;

    // Class 4 C: Élodie Lefèvre (Hugo's mother) and Hugo; class 5 B: Karim Benali.
    const pupilHugo = Object.values(L).find((l) => l.kind === 'eleve' && l.name.startsWith('Hugo'));
    assert.ok(pupilHugo, 'Hugo\'s letter');
    await activate(stack, L.elefevre, 'elodie@example.org');
    await firstConnection(stack, pupilHugo, ''); // a pupil without address: active
    await activate(stack, L.kbenali, 'karim@example.org');
    // Élodie chose hers long ago; Hugo today (spared by the date).
    stack.sql("UPDATE account SET password_changed_at = '2020-09-01 08:00:00' WHERE identifier = 'elefevre'");
    const classC = q(`SELECT c.id FROM school_class c JOIN establishment e ON e.id = c.establishment_id WHERE e.uai = '0869999X' AND c.name = '4 C'`);
    const elodieBefore = await login(stack, 'elefevre'); // signed in before the demand

    await t.test('the page needs the permission renouvellement', async () => {
      assert.equal((await sec.get('/etablissement/renouvellement')).status, 403);
      const page = await adir.get('/etablissement/renouvellement');
      assert.equal(page.status, 200);
      assert.match(page.body, new RegExp(`<option value="${classC}">4 C</option>`));
    });

    await t.test("school B's direction touches nothing of school A", async () => {
      const form = await bdir.get('/etablissement/renouvellement');
      const byClass = await bdir.post('/etablissement/renouvellement', { csrf_token: bdir.csrf(form.body), qui: 'classe', classe: classC, confirmer: '1' });
      assert.equal(byClass.status, 422);
      assert.match(text(byClass.body), /Choisissez une classe de l'établissement\./);
      const posted = await bdir.post('/etablissement/renouvellement', { csrf_token: bdir.csrf(form.body), qui: 'identifiants', identifiants: 'elefevre\nkbenali', confirmer: '1' });
      assert.equal(posted.status, 303);
      const byName = await bdir.get(posted.location);
      assert.equal(byName.status, 200);
      assert.match(text(byName.body), /0 comptes devront choisir un nouveau mot de passe à leur prochaine connexion\./);
      assert.match(text(byName.body), /elefevre/);
      assert.equal(flagged('elefevre'), '0');
      assert.equal(flagged('kbenali'), '0');
      assert.equal((await elodieBefore.get('/services')).status, 200, 'her session lives on');
    });

    await t.test('direction forces class 4 C, sparing the passwords changed since today', async () => {
      const form = await adir.get('/etablissement/renouvellement');
      const missing = await adir.post('/etablissement/renouvellement', { csrf_token: adir.csrf(form.body), qui: 'classe', classe: classC });
      assert.equal(missing.status, 422);
      assert.match(text(missing.body), /Cochez la case pour confirmer/);
      assert.equal(flagged('elefevre'), '0');
      const posted = await adir.post('/etablissement/renouvellement', {
        csrf_token: adir.csrf(form.body), qui: 'classe', classe: classC, sauf_depuis: todayInParis(), confirmer: '1',
      });
      assert.equal(posted.status, 303, text(posted.body).slice(0, 400));
      const done = await adir.get(posted.location);
      assert.equal(done.status, 200);
      assert.match(text(done.body), /1 compte devra choisir un nouveau mot de passe à leur prochaine connexion\./);
      assert.equal(flagged('elefevre'), '1');
      assert.equal(flagged(pupilHugo.identifier), '0', 'changed since the date: not asked');
      assert.equal(flagged('kbenali'), '0', 'another class');
      const audit = stack.sql(`SELECT l.identifier, l.detail, e.uai FROM audit_log l JOIN establishment e ON e.id = l.establishment_id WHERE l.event = 'renewal_demanded' ORDER BY l.id`);
      // School B's attempt is in its own journal; school A's demand in A's.
      assert.deepEqual(audit, [
        [dirB.identifier, 'identifiants elefevre, kbenali ; 0 compte(s) ; 2 identifiant(s) non trouvé(s)', UAI_B],
        [dirA.identifier, `classe 4 C ; sauf mot de passe changé depuis le ${todayInParis()} ; 1 compte(s)`, '0869999X'],
      ]);
    });

    await t.test('the session opened before the demand is dead', async () => {
      const res = await elodieBefore.get('/services');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/connexion');
    });

    await t.test('signing in leads to the renewal page, and nowhere else until it is done', async () => {
      const b = new Browser(stack.base);
      const res = await b.submit('/connexion', { identifiant: 'elefevre', mot_de_passe: PASSWORD });
      assert.equal(res.status, 303);
      assert.equal(res.location, PAGE);
      for (const p of ['/services', '/compte', '/compte/enfants', '/compte/regroupement']) {
        const r = await b.get(p);
        assert.equal(r.status, 303, p);
        assert.equal(r.location, PAGE, p);
      }
      const page = await b.get(PAGE);
      assert.equal(page.status, 200);
      assert.match(text(page.body), /Votre établissement vous demande de choisir un nouveau mot de passe/);
      const same = await b.post(PAGE, { csrf_token: b.csrf(page.body), nouveau_mot_de_passe: PASSWORD, confirmation: PASSWORD });
      assert.equal(same.status, 422);
      assert.match(text(same.body), /Choisissez un mot de passe différent de votre mot de passe actuel\./);
      const done = await b.post(PAGE, { csrf_token: b.csrf(same.body), nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      assert.equal(done.status, 303);
      assert.equal(done.location, '/services');
      assert.equal((await b.get('/services')).status, 200);
      assert.equal(flagged('elefevre'), '0');
      assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE event = 'password_renewed' AND identifier = 'elefevre'"), '1');
      // The "mot de passe modifié" mail, as for Mon compte.
      await stack.waitForMail((m) => m.to === 'elodie@example.org' && /mot de passe/i.test(m.subject), 15000);
    });

    await t.test('the old password no longer works, the new one does', async () => {
      const old = await new Browser(stack.base).submit('/connexion', { identifiant: 'elefevre', mot_de_passe: PASSWORD });
      assert.equal(old.status, 422);
      await login(stack, 'elefevre', NEW_PASSWORD);
    });

    await t.test('the accounts not asked sign in as before', async () => {
      await login(stack, pupilHugo.identifier);
      await login(stack, 'kbenali');
    });
  } finally {
    await stack.stop();
  }
});
