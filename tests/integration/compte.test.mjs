// "Mon compte" over HTTP, through nginx, spawn-fcgi, MariaDB, the mail worker
// and a real SMTP server: the Profil page, changing the password (other
// sessions end, the address is told), changing the address (a link mailed to
// the new one, the old one in force until it is opened, then told), the
// Enfants page, and every refusal on the way. Accounts are activated the real
// way: letter -> first connection -> mailed link.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';
import { PASSWORD, activate, fieldError, firstConnection, letters, login, pageProblems, text } from './flows.mjs';

const NEW_PASSWORD = 'Marronnier42';
const MAX_FAILED_LOGINS = 50;
const SUBJECT_PASSWORD = 'Message des services en ligne - Modification de votre mot de passe';
const SUBJECT_CONFIRM = 'Message des services en ligne - Confirmation de votre nouvelle adresse';
const SUBJECT_CHANGED = 'Message des services en ligne - Modification de votre adresse mail';

const resetCounters = (stack) => stack.sql('DELETE FROM rate_event');
const accountId = (stack, identifier) => stack.sqlValue(`SELECT id FROM account WHERE identifier = '${identifier}'`);
const auditCount = (stack, event, identifier) =>
  Number(stack.sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = '${event}' AND identifier = '${identifier}'`));
const queued = (stack, to, subject) =>
  Number(stack.sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_address = '${to}' AND subject = '${subject}'`));

/** How many "Votre identifiant" mails naming `identifier` a recovery request for `email` queues (0 or 1). */
async function identifierRecovery(stack, email, identifier) {
  resetCounters(stack);
  const count = () => Number(stack.sqlValue(
    `SELECT COUNT(*) FROM outbox WHERE to_address = '${email}' AND subject LIKE '%Votre identifiant' AND body_text LIKE '%identifiant : ${identifier} %'`));
  const before = count();
  const res = await new Browser(stack.base).submit('/identifiant-oublie', { email });
  assert.equal(res.status, 200);
  return count() - before;
}

/** Asks for a new address from a signed-in browser; returns the response (not followed). */
async function askAddress(b, address, password = PASSWORD, confirmation = address) {
  const page = await b.get('/compte');
  return b.post('/compte/adresse', {
    csrf_token: b.csrf(page.body), nouvelle_adresse: address, confirmation_adresse: confirmation, mot_de_passe: password,
  });
}

/** The confirmation link mailed to `address` for `identifier` (the latest one). */
async function confirmationLink(stack, address, identifier) {
  const pick = (m) => m.to === address && m.subject === SUBJECT_CONFIRM && m.body.includes(`Votre identifiant : ${identifier}\n`);
  await stack.waitForMail(pick, 15000);
  const mails = stack.mails().filter(pick);
  const link = new URL(mails[mails.length - 1].links.find((l) => l.includes('/validerNouvelleAdresse?code=')));
  return link.pathname + link.search;
}

test('Mon compte', async (t) => {
  const stack = await startStack({
    mail: 'smtp',
    postRate: '1000r/s',
    postBurst: 1000,
    extraConf: '[security]\nargon2_memory_kib = 1024\nmail_per_account_per_hour = 3\nmail_per_address_per_hour = 3\n' +
      `login_ip_max_failures = 1000\nmax_failed_logins = ${MAX_FAILED_LOGINS}\n`,
  });
  try {
    const L = letters(stack);
    assert.ok(L.cmartin && L.cmartin1 && L.jmartin && L.hlefevre && L.kbenali, 'demo letters: ' + Object.keys(L).join(' '));
    // Claire Martin holds two accounts (one letter per child), both confirmed with the same address.
    await activate(stack, L.cmartin, 'claire@example.org');
    await activate(stack, L.cmartin1, 'claire@example.org');
    // A pupil who gave no address; a responsable waiting for confirmation.
    await firstConnection(stack, L.hlefevre, '');
    const waiting = await firstConnection(stack, L.jmartin, 'julien@example.org');

    await t.test('only a full session gets in', async () => {
      for (const path of ['/compte', '/compte/enfants']) {
        const res = await new Browser(stack.base).get(path);
        assert.equal(res.status, 303, path);
        assert.equal(res.location, '/connexion', path);
      }
      const anonymous = new Browser(stack.base);
      const page = await anonymous.get('/connexion');
      for (const path of ['/compte/mot-de-passe', '/compte/adresse']) {
        const res = await anonymous.post(path, { csrf_token: anonymous.csrf(page.body) });
        assert.equal(res.status, 303, path);
        assert.equal(res.location, '/connexion', path);
      }
      // A letter session goes to first connection, a responsable waiting for the link to the waiting page.
      const letter = new Browser(stack.base);
      await letter.submit('/connexion', { identifiant: 'kbenali', mot_de_passe: L.kbenali.password });
      assert.equal((await letter.get('/compte')).location, '/premiere-connexion');
      assert.equal((await waiting.get('/compte')).location, '/compte-en-attente');
      assert.equal((await waiting.get('/compte/enfants')).location, '/compte-en-attente');
    });

    await t.test('the Profil page: name, menu, identifier, address, both forms', async () => {
      const b = await login(stack, 'cmartin');
      const res = await b.get('/compte');
      assert.equal(res.status, 200);
      assert.match(res.body, /<title>Mon compte — Scolarité services<\/title>/);
      assert.match(res.body, /<h1 class="ts-maj">Compte de Claire Martin<\/h1>/);
      const s = text(res.body);
      assert.match(s, /Votre identifiant : cmartin /);
      assert.match(s, /Votre adresse mail : claire@example\.org/);
      assert.match(s, /Changer de mot de passe/);
      assert.match(s, /Changer d'adresse mail/);
      // The services menu marks "Mon compte"; the local menu marks Profil and offers the rest.
      assert.match(res.body, /<a class="fr-nav__link" href="\/compte" aria-current="page">Mon compte<\/a>/);
      assert.match(res.body, /<a class="fr-sidemenu__link" href="\/compte" aria-current="page">Profil<\/a>/);
      assert.match(res.body, /<a class="fr-sidemenu__link" href="\/compte\/enfants">Enfants<\/a>/);
      assert.match(res.body, /href="\/services"><span aria-hidden="true">←&nbsp;<\/span>Retour/);
      assert.match(res.body, /<form class="ts-deconnexion" method="post" action="\/deconnexion">\s*<input type="hidden" name="csrf_token" value="[^"]+">\s*<button type="submit" class="fr-sidemenu__link"><span aria-hidden="true">↩&nbsp;<\/span>Se déconnecter/);
      assert.match(res.body, /<form method="post" action="\/compte\/mot-de-passe" novalidate>/);
      assert.match(res.body, /<form method="post" action="\/compte\/adresse" novalidate>/);
      assert.match(res.body, /id="mot_de_passe_actuel" name="mot_de_passe_actuel" autocomplete="current-password"/);
      assert.match(res.body, /id="nouveau_mot_de_passe" name="nouveau_mot_de_passe" autocomplete="new-password"/);
      assert.match(res.body, /id="nouvelle_adresse" name="nouvelle_adresse" value="" autocomplete="email"/);
      assert.equal(pageProblems(res.body), '');
      // The logout of the local menu works.
      const out = await b.post('/deconnexion', { csrf_token: b.csrf(res.body) });
      assert.equal(out.location, '/connexion?deconnexion=1');
      assert.equal((await b.get('/compte')).location, '/connexion');
      // The pupil without an address is told it has none.
      const pupil = await login(stack, 'hlefevre');
      assert.match(text((await pupil.get('/compte')).body), /Aucune adresse mail confirmée\. Sans elle, vous ne pourrez pas retrouver seul/);
    });

    await t.test('methods, paths and fields the flow does not take', async () => {
      const b = await login(stack, 'cmartin');
      const page = await b.get('/compte');
      assert.equal((await b.get('/compte/mot-de-passe')).location, '/compte', 'a GET of a form address goes to the page');
      assert.equal((await b.post('/compte', { csrf_token: b.csrf(page.body) })).status, 405);
      assert.equal((await b.get('/compte/nulle-part')).status, 404);
      const tagged = await b.get('/compte?x=1&fbclid=abc');  // parameters a link gained on its way: ignored
      assert.equal(tagged.status, 200);
      assert.match(tagged.body, /<title>Mon compte — Scolarité services<\/title>/);
      const extra = await b.post('/compte/mot-de-passe', { csrf_token: b.csrf(page.body), mot_de_passe_actuel: PASSWORD, pirate: '1' });
      assert.equal(extra.status, 400);
    });

    await t.test('CSRF: a form without its token is refused (403) and changes nothing', async () => {
      const b = await login(stack, 'cmartin');
      const hash = stack.sqlValue("SELECT password_hash FROM account WHERE identifier = 'cmartin'");
      const pw = await b.post('/compte/mot-de-passe', { mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      assert.equal(pw.status, 403);
      assert.match(text(pw.body), /Ce formulaire a expiré/);
      const wrongToken = await b.post('/compte/mot-de-passe', { csrf_token: 'x'.repeat(43), mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      assert.equal(wrongToken.status, 403);
      const address = await b.post('/compte/adresse', { nouvelle_adresse: 'pirate@example.org', confirmation_adresse: 'pirate@example.org', mot_de_passe: PASSWORD });
      assert.equal(address.status, 403);
      assert.equal(stack.sqlValue("SELECT password_hash FROM account WHERE identifier = 'cmartin'"), hash);
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM email_token WHERE email = 'pirate@example.org'"), '0');
    });

    await t.test('password change: each error is a 422 with the message next to the field', async () => {
      const b = await login(stack, 'cmartin');
      const id = accountId(stack, 'cmartin');
      const page = await b.get('/compte');
      const hash = stack.sqlValue(`SELECT password_hash FROM account WHERE id = ${id}`);
      const ok = { mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD };
      for (const [fields, field, message] of [
        [{ mot_de_passe_actuel: '' }, 'mot_de_passe_actuel', /^Saisissez votre mot de passe actuel\.$/],
        [{ nouveau_mot_de_passe: '', confirmation: '' }, 'nouveau_mot_de_passe', /^Choisissez un nouveau mot de passe\.$/],
        [{ nouveau_mot_de_passe: 'court1', confirmation: 'court1' }, 'nouveau_mot_de_passe', /8 à 14 caractères alphanumériques/],
        [{ nouveau_mot_de_passe: 'azerty123', confirmation: 'azerty123' }, 'nouveau_mot_de_passe', /trop courant/],
        [{ confirmation: NEW_PASSWORD + 'x' }, 'confirmation', /^La confirmation ne correspond pas au mot de passe saisi\.$/],
        [{ nouveau_mot_de_passe: PASSWORD, confirmation: PASSWORD }, 'nouveau_mot_de_passe', /différent de votre mot de passe actuel/],
        [{ mot_de_passe_actuel: 'Faux2024abc' }, 'mot_de_passe_actuel', /^Le mot de passe actuel est incorrect\.$/],
      ]) {
        const res = await b.post('/compte/mot-de-passe', { csrf_token: b.csrf(page.body), ...ok, ...fields });
        const label = JSON.stringify(fields);
        assert.equal(res.status, 422, label);
        assert.match(res.body, /<title>Erreur : Mon compte — Scolarité services<\/title>/, label);
        assert.match(fieldError(res.body, field) ?? '', message, label);
        assert.match(res.body, new RegExp(`id="${field}" name="${field}"[^>]*aria-invalid="true"`), label);
        assert.match(res.body, new RegExp(`<div class="fr-alert fr-alert--error ts-erreurs fr-mb-3w" id="erreurs" role="alert" tabindex="-1">[\\s\\S]*<a href="#${field}">`), label);
        for (const pw of [PASSWORD, NEW_PASSWORD, 'court1', 'azerty123', 'Faux2024abc']) assert.ok(!res.body.includes(pw), `${label}: no password in the page`);
        assert.equal(pageProblems(res.body), '', label);
      }
      assert.equal(stack.sqlValue(`SELECT password_hash FROM account WHERE id = ${id}`), hash, 'unchanged');
      // The wrong current password counted as a failed login, and is audited.
      assert.equal(stack.sqlValue(`SELECT failed_logins FROM account WHERE id = ${id}`), '1');
      assert.equal(auditCount(stack, 'password_change_failure', 'cmartin'), 1);
      assert.equal((await b.get('/compte')).status, 200, 'still signed in');
    });

    await t.test('password change: other sessions end, this one goes on, the address is told', async () => {
      const id = accountId(stack, 'cmartin');
      const a = await login(stack, 'cmartin');
      const other = await login(stack, 'cmartin');
      assert.equal((await other.get('/compte')).status, 200);
      const before = a.cookies.get('ts_session');
      const page = await a.get('/compte');
      const res = await a.post('/compte/mot-de-passe', {
        csrf_token: a.csrf(page.body), mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD,
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, '/compte?modifie=mot-de-passe');
      // This browser keeps its session, under a new id; the other one is signed out.
      assert.notEqual(a.cookies.get('ts_session'), before, 'a new session id');
      // The old id only serves the twin of this form (a POST) for 2 minutes
      // (tests/integration/twins.test.mjs): a page opened with it is a stranger's.
      assert.equal(stack.sqlValue(`SELECT CONCAT(replaced, ' ', TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at) <= 120) FROM session WHERE id_hash = UNHEX(SHA2('${before}', 256))`), 'password 1');
      const stale = new Browser(stack.base);
      stale.cookies.set('ts_session', before);
      assert.equal((await stale.get('/compte')).location, '/connexion');
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM session WHERE account_id = ${id} AND replaced IS NULL`), '1');
      const done = await a.get(res.location);
      assert.equal(done.status, 200);
      assert.match(text(done.body), /Votre mot de passe a été modifié\. Les autres appareils connectés à votre compte ont été déconnectés\./);
      assert.equal(pageProblems(done.body), '');
      assert.equal((await a.get('/compte/enfants')).status, 200);
      assert.equal((await other.get('/compte')).location, '/connexion');
      assert.equal((await other.get('/services')).location, '/connexion');
      // The old password is refused at login, the new one accepted; the failures start again.
      assert.equal((await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin', mot_de_passe: PASSWORD })).status, 422);
      await login(stack, 'cmartin', NEW_PASSWORD);
      assert.equal(stack.sqlValue(`SELECT failed_logins FROM account WHERE id = ${id}`), '0');
      // The other account of the same person is untouched.
      await login(stack, 'cmartin1', PASSWORD);
      // The confirmed address is told, through the SMTP server.
      const mail = await stack.waitForMail((m) => m.subject === SUBJECT_PASSWORD && m.body.includes('Votre identifiant : cmartin\n'), 15000);
      assert.equal(mail.to, 'claire@example.org');
      assert.match(mail.from, /Administrateur des services en ligne/);
      assert.match(mail.body, /le mot de passe de votre compte des services en ligne de l'éducation nationale vient d'être modifié\./);
      assert.ok(!mail.body.includes(NEW_PASSWORD), 'never the password');
      assert.equal(stack.sqlValue("SELECT sent_at IS NOT NULL FROM outbox WHERE subject LIKE '%mot de passe' AND to_address = 'claire@example.org'"), '1');
      assert.equal(auditCount(stack, 'password_change', 'cmartin'), 1);
    });

    await t.test('address change: errors are 422 next to the field, addresses kept, never the password', async () => {
      const b = await login(stack, 'cmartin1');
      const id = accountId(stack, 'cmartin1');
      const failures = Number(stack.sqlValue(`SELECT failed_logins FROM account WHERE id = ${id}`));
      for (const [address, confirmation, password, field, message] of [
        ['', '', PASSWORD, 'nouvelle_adresse', /^Saisissez votre nouvelle adresse mail\.$/],
        ['pas-une-adresse', 'pas-une-adresse', PASSWORD, 'nouvelle_adresse', /L'adresse mail n'est pas valide/],
        ['claire.new@example.org', '', PASSWORD, 'confirmation_adresse', /^Saisissez une seconde fois la nouvelle adresse mail\.$/],
        ['claire.new@example.org', 'claire.neuf@example.org', PASSWORD, 'confirmation_adresse', /^La confirmation ne correspond pas à l'adresse mail saisie\.$/],
        ['Claire@example.org', 'Claire@example.org', PASSWORD, 'nouvelle_adresse', /déjà celle de votre compte/],
        ['claire.new@example.org', 'claire.new@example.org', '', 'mot_de_passe', /^Saisissez votre mot de passe actuel\.$/],
        ['claire.new@example.org', 'claire.new@example.org', 'Faux2024abc', 'mot_de_passe', /^Le mot de passe actuel est incorrect\.$/],
      ]) {
        const res = await askAddress(b, address, password, confirmation);
        const label = `${address} / ${confirmation} / ${password}`;
        assert.equal(res.status, 422, label);
        assert.match(res.body, /<title>Erreur : Mon compte — Scolarité services<\/title>/, label);
        assert.match(fieldError(res.body, field) ?? '', message, label);
        assert.match(res.body, new RegExp(`<a href="#${field}">`), label);
        if (address) assert.match(res.body, new RegExp(`name="nouvelle_adresse" value="${address}"`), `${label}: the address is kept`);
        for (const pw of [PASSWORD, 'Faux2024abc']) assert.ok(!res.body.includes(pw), `${label}: no password in the page`);
        assert.equal(pageProblems(res.body), '', label);
      }
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM email_token WHERE purpose = 'email_change'"), '0', 'no code issued');
      assert.equal(Number(stack.sqlValue(`SELECT failed_logins FROM account WHERE id = ${id}`)), failures + 1, 'the wrong password counted');
      assert.equal(auditCount(stack, 'email_change_failure', 'cmartin1'), 1);
    });

    await t.test('address change: the old address stays in force until the link mailed to the new one is opened', async () => {
      resetCounters(stack);
      const b = await login(stack, 'cmartin1');
      const res = await askAddress(b, 'claire.nouvelle@example.org');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/compte?modifie=adresse');
      const page = await b.get(res.location);
      assert.equal(page.status, 200);
      assert.match(text(page.body), /Un message vient d'être envoyé à l'adresse claire\.nouvelle@example\.org\./);
      assert.match(text(page.body), /Votre adresse mail : claire@example\.org/);
      assert.match(text(page.body), /En attente de confirmation : claire\.nouvelle@example\.org/);
      assert.equal(pageProblems(page.body), '');

      // The mail goes to the new address only; the code is stored as a digest, valid 72 hours.
      const path = await confirmationLink(stack, 'claire.nouvelle@example.org', 'cmartin1');
      const mail = stack.mails().find((m) => m.subject === SUBJECT_CONFIRM);
      assert.match(mail.body, /Pour confirmer cette nouvelle adresse, cliquez sur le lien ci-dessous/);
      assert.match(mail.body, /n'est valable que 72 heures/);
      assert.match(mail.body, /Cordialement\.\s+L'administrateur des services en ligne\./);
      const code = new URL(path, stack.base).searchParams.get('code');
      assert.match(code, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM email_token WHERE token_hash = '${code}'`), '0');
      assert.equal(stack.sqlValue(`SELECT CONCAT(purpose, ' ', TIMESTAMPDIFF(HOUR, created_at, expires_at)) FROM email_token WHERE token_hash = UNHEX(SHA2('${code}', 256))`), 'email_change 72');
      assert.equal(queued(stack, 'claire@example.org', SUBJECT_CONFIRM), 0);
      assert.equal(auditCount(stack, 'email_change_requested', 'cmartin1'), 1);

      // Until the link is opened, nothing changes: the account and identifier recovery use the old address.
      assert.equal(stack.sqlValue("SELECT CONCAT(state, ' ', email, ' ', pending_email IS NULL) FROM account WHERE identifier = 'cmartin1'"), 'active claire@example.org 1');
      assert.equal(await identifierRecovery(stack, 'claire@example.org', 'cmartin1'), 1);
      assert.equal(await identifierRecovery(stack, 'claire.nouvelle@example.org', 'cmartin1'), 0);
      const before = queued(stack, 'claire@example.org', SUBJECT_CHANGED);

      // The link, opened in another browser (the mail client): the new address is in force, the old one is told.
      const ok = await new Browser(stack.base).get(path);
      assert.equal(ok.status, 200);
      assert.match(ok.body, /<title>Nouvelle adresse mail confirmée — Scolarité services<\/title>/);
      assert.match(text(ok.body), /Votre nouvelle adresse mail est confirmée/);
      assert.equal(pageProblems(ok.body), '');
      assert.equal(stack.sqlValue("SELECT CONCAT(state, ' ', email, ' ', email_confirmed_at IS NOT NULL) FROM account WHERE identifier = 'cmartin1'"), 'active claire.nouvelle@example.org 1');
      assert.equal(stack.sqlValue("SELECT email FROM account WHERE identifier = 'cmartin'"), 'claire@example.org', 'the other account keeps its address');
      assert.equal(queued(stack, 'claire@example.org', SUBJECT_CHANGED), before + 1);
      const told = await stack.waitForMail((m) => m.subject === SUBJECT_CHANGED && m.body.includes('Votre identifiant : cmartin1\n'), 15000);
      assert.equal(told.to, 'claire@example.org');
      assert.match(told.body, /vient d'être remplacée par une nouvelle adresse/);
      assert.ok(!told.body.includes('claire.nouvelle'), 'the notice does not name the new address');
      assert.equal(auditCount(stack, 'email_change', 'cmartin1'), 1);
      assert.equal(await identifierRecovery(stack, 'claire.nouvelle@example.org', 'cmartin1'), 1);
      assert.equal(await identifierRecovery(stack, 'claire@example.org', 'cmartin1'), 0);
      assert.match(text((await b.get('/compte')).body), /Votre adresse mail : claire\.nouvelle@example\.org/);
      assert.doesNotMatch(text((await b.get('/compte')).body), /En attente de confirmation/);

      // The link served once: a second use, a wrong or malformed code get clear pages and change nothing.
      const again = await new Browser(stack.base).get(path);
      assert.equal(again.status, 200);
      assert.match(text(again.body), /Ce lien a déjà servi : il ne peut être utilisé qu'une seule fois\./);
      assert.equal(pageProblems(again.body), '');
      const wrong = await new Browser(stack.base).get('/validerNouvelleAdresse?code=' + 'A'.repeat(43));
      assert.equal(wrong.status, 404);
      assert.match(text(wrong.body), /Ce lien de confirmation d'adresse mail n'est pas valide/);
      assert.equal(pageProblems(wrong.body), '');
      assert.equal((await new Browser(stack.base).get('/validerNouvelleAdresse')).status, 404);
      const garbage = await new Browser(stack.base).get('/validerNouvelleAdresse?code=%3Cscript%3E');
      assert.equal(garbage.status, 404);
      assert.doesNotMatch(garbage.body, /<script>/);
      // An activation code is not an address-change code.
      const activation = stack.mails().find((m) => m.subject.endsWith('Activation de votre compte') && m.body.includes('Votre identifiant : cmartin\n'));
      const activationLink = new URL(activation.links.find((l) => l.includes('/validerAdresseMail?code=')));
      assert.equal((await new Browser(stack.base).get('/validerNouvelleAdresse' + activationLink.search)).status, 404);
      assert.equal(queued(stack, 'claire@example.org', SUBJECT_CHANGED), before + 1, 'told once');
      assert.equal(stack.sqlValue("SELECT email FROM account WHERE identifier = 'cmartin1'"), 'claire.nouvelle@example.org');
    });

    await t.test('address change: an expired link, or one replaced by a newer request, changes nothing', async () => {
      resetCounters(stack);
      const b = await login(stack, 'cmartin1');
      assert.equal((await askAddress(b, 'premiere@example.org')).status, 303);
      const first = await confirmationLink(stack, 'premiere@example.org', 'cmartin1');
      assert.equal((await askAddress(b, 'seconde@example.org')).status, 303);
      const second = await confirmationLink(stack, 'seconde@example.org', 'cmartin1');
      assert.match(text((await b.get('/compte')).body), /En attente de confirmation : seconde@example\.org/);
      const replaced = await new Browser(stack.base).get(first);
      assert.equal(replaced.status, 410);
      assert.match(text(replaced.body), /Ce lien de confirmation n'est plus valable/);
      assert.match(text(replaced.body), /L'adresse mail de votre compte n'a pas été modifiée/);
      assert.equal(pageProblems(replaced.body), '');
      stack.sql(`UPDATE email_token SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE token_hash = UNHEX(SHA2('${new URL(second, stack.base).searchParams.get('code')}', 256))`);
      assert.equal((await new Browser(stack.base).get(second)).status, 410);
      assert.equal(stack.sqlValue("SELECT email FROM account WHERE identifier = 'cmartin1'"), 'claire.nouvelle@example.org');
      assert.doesNotMatch(text((await b.get('/compte')).body), /En attente de confirmation/);
    });

    await t.test('address change: limited per account and per address (429, French page)', async () => {
      resetCounters(stack);
      const b = await login(stack, 'cmartin1');
      for (let i = 1; i <= 3; i++) assert.equal((await askAddress(b, `essai${i}@example.org`)).status, 303, `request ${i}`);
      const tokens = stack.sqlValue("SELECT COUNT(*) FROM email_token WHERE purpose = 'email_change'");
      const over = await askAddress(b, 'essai4@example.org');
      assert.equal(over.status, 429);
      assert.match(over.body, /<html lang="fr"/);
      assert.match(text(over.body), /Trop de messages ont été envoyés pour votre compte depuis une heure\. Réessayez plus tard\./);
      assert.equal(pageProblems(over.body), '');
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM email_token WHERE purpose = 'email_change'"), tokens, 'no code issued');
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM outbox WHERE to_address = 'essai4@example.org'"), '0');

      // Per address: accounts may not flood one mailbox. (The same request
      // sent again at once is a double click: one mail; so each account asks
      // for another address in between.)
      resetCounters(stack);
      for (const [identifier, password, address] of [
        ['cmartin1', PASSWORD, 'cible@example.org'], ['cmartin', NEW_PASSWORD, 'cible@example.org'],
        ['cmartin1', PASSWORD, 'autre@example.org'], ['cmartin1', PASSWORD, 'cible@example.org'],
        ['cmartin', NEW_PASSWORD, 'autre2@example.org']]) {
        const res = await askAddress(await login(stack, identifier, password), address, password);
        assert.equal(res.status, 303, `${identifier} ${address}`);
      }
      const flood = await askAddress(await login(stack, 'cmartin', NEW_PASSWORD), 'Cible@Example.org', NEW_PASSWORD);
      assert.equal(flood.status, 429);
      assert.match(text(flood.body), /Trop de messages ont été envoyés à cette adresse mail depuis une heure/);
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM outbox WHERE to_address LIKE 'cible@example.org'"), '3');
    });

    await t.test('a pupil without an address sets one the same way', async () => {
      resetCounters(stack);
      const b = await login(stack, 'hlefevre');
      assert.equal((await askAddress(b, 'hugo@example.org')).status, 303);
      assert.match(text((await b.get('/compte')).body), /En attente de confirmation : hugo@example\.org/);
      assert.equal(stack.sqlValue("SELECT email IS NULL FROM account WHERE identifier = 'hlefevre'"), '1');
      const path = await confirmationLink(stack, 'hugo@example.org', 'hlefevre');
      assert.equal((await new Browser(stack.base).get(path)).status, 200);
      assert.equal(stack.sqlValue("SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = 'hlefevre'"), 'active hugo@example.org');
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM outbox WHERE subject = '${SUBJECT_CHANGED}' AND body_text LIKE '%identifiant : hlefevre%'`), '0', 'no previous address to tell');
      // The pupil may now recover alone.
      assert.equal(await identifierRecovery(stack, 'hugo@example.org', 'hlefevre'), 1);
      // A password change is told to the new address.
      const page = await b.get('/compte');
      const res = await b.post('/compte/mot-de-passe', {
        csrf_token: b.csrf(page.body), mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD,
      });
      assert.equal(res.status, 303);
      const mail = await stack.waitForMail((m) => m.subject === SUBJECT_PASSWORD && m.body.includes('Votre identifiant : hlefevre\n'), 15000);
      assert.equal(mail.to, 'hugo@example.org');
    });

    await t.test('the Enfants page lists the children with their responsable', async () => {
      const b = await login(stack, 'cmartin', NEW_PASSWORD);
      const res = await b.get('/compte/enfants');
      assert.equal(res.status, 200);
      assert.match(res.body, /<title>Mon compte : enfants rattachés — Scolarité services<\/title>/);
      assert.match(res.body, /<h1 class="ts-maj">Compte de Claire Martin<\/h1>/);
      assert.match(res.body, /<a class="fr-sidemenu__link" href="\/compte\/enfants" aria-current="page">Enfants<\/a>/);
      assert.match(res.body, /<a class="fr-nav__link" href="\/compte" aria-current="page">Mon compte<\/a>/);
      const s = text(res.body);
      assert.match(s, /Enfants rattachés au compte/);
      assert.match(s, /Dylan Martin Élève de 4 C, Collège des Tilleuls Responsable : Claire Martin/);
      assert.doesNotMatch(s, /Florian/, 'only the children of this account');
      assert.match(s, /Regrouper des comptes/);
      assert.equal(pageProblems(res.body), '');
      // A pupil sees their own record, and no list of children.
      const pupil = await login(stack, 'hlefevre', NEW_PASSWORD);
      const own = text((await pupil.get('/compte/enfants')).body);
      assert.match(own, /Un compte élève n'a pas de liste d'enfants/);
      assert.match(own, /Hugo Lefèvre Élève de 4 C/);
      assert.doesNotMatch(own, /Regrouper des comptes|Responsable :/);
    });

    await t.test('wrong current passwords lock the account like failed logins, and end the session', async () => {
      const id = accountId(stack, 'cmartin1');
      const b = await login(stack, 'cmartin1');
      stack.sql(`UPDATE account SET failed_logins = ${MAX_FAILED_LOGINS - 1} WHERE id = ${id}`);
      const page = await b.get('/compte');
      const res = await b.post('/compte/mot-de-passe', {
        csrf_token: b.csrf(page.body), mot_de_passe_actuel: 'Faux2024abc', nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD,
      });
      assert.equal(res.status, 403);
      assert.match(text(res.body), /ce compte est verrouillé jusqu'au/);
      assert.equal(stack.sqlValue(`SELECT locked_until > UTC_TIMESTAMP() FROM account WHERE id = ${id}`), '1');
      assert.equal((await b.get('/compte')).location, '/connexion', 'the session ended');
      // Another open session may not try while the account is locked (the password is not even checked).
      stack.sql(`UPDATE account SET locked_until = NULL WHERE id = ${id}`);
      const c = await login(stack, 'cmartin1');
      stack.sql(`UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE id = ${id}`);
      const hash = stack.sqlValue(`SELECT password_hash FROM account WHERE id = ${id}`);
      const cpage = await c.get('/compte');
      const refused = await c.post('/compte/mot-de-passe', {
        csrf_token: c.csrf(cpage.body), mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD,
      });
      assert.equal(refused.status, 403);
      assert.match(text(refused.body), /ce compte est verrouillé jusqu'au/);
      assert.equal(stack.sqlValue(`SELECT password_hash FROM account WHERE id = ${id}`), hash, 'the password did not change');
      stack.sql(`UPDATE account SET locked_until = NULL, lock_count = 0, failed_logins = 0 WHERE id = ${id}`);
    });

    await t.test('the audit log records the events; nothing was logged as an error', async () => {
      const events = stack.sql('SELECT DISTINCT event FROM audit_log').map((r) => r[0]);
      for (const e of ['password_change', 'password_change_failure', 'email_change_requested', 'email_change', 'email_change_failure', 'lock']) {
        assert.ok(events.includes(e), `audit event ${e} in ${events.join(', ')}`);
      }
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE event LIKE 'email_change%' AND detail LIKE '%@%'"), '0', 'no address in the audit log');
      assert.doesNotMatch(stack.log(), / error: /, 'no error logged');
    });
  } finally {
    await stack.stop();
  }
});
