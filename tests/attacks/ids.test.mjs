// Ids of another family in every form field and address that carries one:
// the fiche's `responsable`, the child's `eleve` (regroupement), a pending
// regroupement from another session, and the mailed codes in the addresses
// (/validerAdresseMail, /validerNouvelleAdresse, /reinitialiser-mot-de-passe)
// used for another purpose. Each: 404 (409 where the id is the account's
// own and the action makes no sense), a French page, nothing changed in the
// database; then the account's own id goes through, which shows the
// comparison could fail.
import assert from 'node:assert/strict';
import test from 'node:test';

import { text } from '../integration/flows.mjs';
import { assertSecurityHeaders, attackStack, Scene, snapshot } from './attacks.mjs';

test("ids of another family: 404, nothing changed", async (t) => {
  const stack = await attackStack();
  let attempts = 0;
  try {
    const scene = await Scene.build(stack, ['full', 'other', 'pending']);
    const L = scene.L;
    const q = (sql) => stack.sqlValue(sql);
    /** Posts `fields` to `path` with `b`'s token (from `page`), expects `status`, and that nothing changed. */
    const refused = async (b, path, pagePath, fields, status, label) => {
      const page = await b.get(pagePath);
      const before = snapshot(stack);
      const res = await b.post(path, { csrf_token: b.csrf(page.body), ...fields });
      attempts++;
      assert.equal(res.status, status, `${label}: ${res.status}\n${text(res.body).slice(0, 300)}`);
      assertSecurityHeaders(res.headers, label);
      assert.match(res.body, /<html lang="fr"/, label);
      assert.equal(snapshot(stack), before, `${label}: the database changed`);
      return res;
    };

    await t.test('the fiche of a responsable the account does not represent', async () => {
      const b = await scene.signIn('full');
      const own = q("SELECT responsable_id FROM account WHERE identifier = 'cmartin'");
      const julien = q("SELECT id FROM responsable WHERE first_name = 'Julien'"); // Dylan's other parent, another account
      const elodie = q("SELECT id FROM responsable WHERE first_name = 'Élodie'"); // another family
      const fields = { adresse: '1 rue du Piratage', telephone: '', portable: '', courriel: '', profession: 'Pirate' };
      for (const [label, id] of [['another family', elodie], ["the child's other parent", julien], 
        ['none such', '999999'], ['zero', '0'], ['the own id plus one', String(Number(own) + 100)]]) {
        const res = await refused(b, '/compte/fiche', '/compte/fiche', { responsable: id, ...fields }, 404, `fiche, ${label}`);
        assert.match(text(res.body), /Cette fiche n'est pas rattachée à votre compte/);
      }
      assert.equal(q(`SELECT COUNT(*) FROM responsable WHERE profession = 'Pirate'`), '0');
      const ok = await b.post('/compte/fiche', { csrf_token: b.csrf((await b.get('/compte/fiche')).body), responsable: own, ...fields });
      assert.equal(ok.status, 303, 'the own fiche');
      assert.equal(q(`SELECT profession FROM responsable WHERE id = ${own}`), 'Pirate');
    });

    await t.test("a child of another family, by its id, even with its true birth date", async () => {
      const b = await scene.signIn('full');
      const failed = () => q("SELECT failed_logins FROM account WHERE identifier = 'cmartin'");
      const before = failed();
      const hugo = q("SELECT id FROM pupil WHERE first_name = 'Hugo'");
      const ines = q("SELECT id FROM pupil WHERE first_name = 'Inès'");
      for (const [label, id, date] of [['another family, its true date', hugo, L.hlefevre.birth], ['another family, a wrong date', ines, '01/01/2010'],
        ['none such', '999999', '01/01/2010'], ['zero', '0', L.cmartin1.birth]]) {
        const res = await refused(b, '/compte/regroupement/enfant', '/compte/regroupement', { eleve: id, date_naissance: date }, 404, `child, ${label}`);
        assert.match(text(res.body), /Cet élève ne peut pas être rattaché à votre compte/);
      }
      assert.equal(failed(), before, 'an id that is not attachable is not a guess: nothing counted');
      const dylan = q("SELECT id FROM pupil WHERE first_name = 'Dylan'");
      await refused(b, '/compte/regroupement/enfant', '/compte/regroupement', { eleve: dylan, date_naissance: L.cmartin.birth }, 409, 'own child');
      const florian = q("SELECT id FROM pupil WHERE first_name = 'Florian'");
      const page = await b.get('/compte/regroupement');
      const ok = await b.post('/compte/regroupement/enfant', { csrf_token: b.csrf(page.body), eleve: florian, date_naissance: L.cmartin1.birth });
      assert.equal(ok.location, '/compte/enfants', 'the attachable child');
    });

    await t.test("a regroupement pending in another session: the other family cannot validate it", async () => {
      const b = await scene.signIn('full');
      const page = await b.get('/compte/regroupement');
      const next = await b.post('/compte/regroupement', { csrf_token: b.csrf(page.body), identifiant: 'jmartin', mot_de_passe: L.jmartin.password });
      assert.equal(next.status, 200);
      const intruder = await scene.signIn('other');
      // The other family is not at the confirmation step: its VALIDER has nothing to validate.
      await refused(intruder, '/compte/regroupement/confirmer', '/compte/regroupement', { decision: 'valider' }, 409, 'VALIDER of another session');
      // Nor can a second session of the same account validate what this one prepared.
      const twin = await scene.signIn('full');
      await refused(twin, '/compte/regroupement/confirmer', '/compte/regroupement', { decision: 'valider' }, 409, 'VALIDER of a twin session');
      const ok = await b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(next.body), decision: 'valider' });
      assert.equal(ok.status, 200, 'the session that prepared it');
      assert.equal(q("SELECT state FROM account WHERE identifier = 'jmartin'"), 'closed');
    });

    await t.test('mailed codes used for another purpose, or at another address', async () => {
      const codeOf = async (predicate, prefix) => {
        const mail = await stack.waitForMail((m) => predicate(m) && m.links.some((l) => l.includes(prefix)), 15000);
        return new URL(mail.links.find((l) => l.includes(prefix))).searchParams.get('code');
      };
      // sriviere's activation code, elefevre's reset code, cmartin's new-address code.
      const activation = await codeOf((m) => m.to === 'sophie@example.org', '/validerAdresseMail?code=');
      const anon = scene.browser();
      const forgot = await anon.get('/mot-de-passe-oublie');
      await anon.post('/mot-de-passe-oublie', { csrf_token: anon.csrf(forgot.body), identifiant: 'elefevre', email: 'elodie@example.org' });
      const reset = await codeOf((m) => m.to === 'elodie@example.org', '/reinitialiser-mot-de-passe?code=');
      const c = await scene.signIn('full');
      const compte = await c.get('/compte');
      const changed = await c.post('/compte/adresse', { csrf_token: c.csrf(compte.body), nouvelle_adresse: 'claire.nouvelle@example.org', confirmation_adresse: 'claire.nouvelle@example.org', mot_de_passe: scene.passwords.cmartin });
      assert.equal(changed.status, 303);
      const newAddress = await codeOf((m) => m.to === 'claire.nouvelle@example.org', '/validerNouvelleAdresse?code=');

      const tries = [
        ['/reinitialiser-mot-de-passe', activation], ['/validerNouvelleAdresse', activation],
        ['/validerAdresseMail', reset], ['/validerNouvelleAdresse', reset],
        ['/validerAdresseMail', newAddress], ['/reinitialiser-mot-de-passe', newAddress],
      ];
      for (const [where, code] of tries) {
        const before = snapshot(stack);
        // (A HEAD of the two confirmation links is a bare 200 whatever the code: link
        // checkers never spend them, and it tells nothing. routes.h Route::acts.)
        const res = await scene.browser().get(`${where}?code=${code}`);
        attempts++;
        assert.equal(res.status, 404, `${where} with another purpose's code`);
        assertSecurityHeaders(res.headers, where);
        assert.match(text(res.body), /lien/i, where);
        assert.equal(snapshot(stack), before, `${where}: the database changed`);
      }
      // The reset form posted with the activation code, its own token.
      const r = scene.browser();
      const form = await r.get('/mot-de-passe-oublie');
      const before = snapshot(stack);
      const post = await r.post('/reinitialiser-mot-de-passe', { csrf_token: r.csrf(form.body), code: activation, mot_de_passe: 'Pirate2024abc', mot_de_passe_confirmation: 'Pirate2024abc' });
      attempts++;
      assert.equal(post.status, 404, 'reset with an activation code');
      assert.equal(snapshot(stack), before);
      // Each code at its own address works.
      assert.equal((await scene.browser().get(`/validerAdresseMail?code=${activation}`)).status, 200);
      assert.equal((await scene.browser().get(`/validerNouvelleAdresse?code=${newAddress}`)).status, 200);
      assert.equal((await scene.browser().get(`/reinitialiser-mot-de-passe?code=${reset}`)).status, 200);
    });
    t.diagnostic(`ids: ${attempts} refused requests`);
  } finally {
    await stack.stop();
  }
});
