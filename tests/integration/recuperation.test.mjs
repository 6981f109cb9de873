// Self-service recovery over HTTP, through nginx, spawn-fcgi, MariaDB and the
// mail worker: "identifiant oublié ?", "mot de passe oublié ?" and the mailed
// reset link; and what the answers must not tell (whether an account or an
// address exists), the limits, CSRF. Accounts are activated the real way:
// letter -> first connection -> mailed link. (Response times are measured by
// bench/recovery_timing.sh, not here: a shared machine makes timed asserts flaky.)
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';
import { activate, firstConnection, letters, pageProblems, text } from './flows.mjs';

const NEW_PASSWORD = 'Marronnier42';
const SENT = /Si ces informations correspondent à un compte dont l'adresse mail est confirmée, un message vient d'y être envoyé\. Sinon, notamment si votre adresse n'a jamais été confirmée ou si vous n'avez pas encore activé votre compte, adressez-vous à l'établissement qui vous a remis votre courrier de notification\./;

/** A fresh visitor (no cookie) submits one of the recovery forms. */
async function ask(stack, path, fields) {
  return new Browser(stack.base).submit(path, fields);
}

/** The parts of an answer that may differ between two requests: the CSRF token and the cookies (not kept). */
function normalised(res) {
  const headers = [...res.headers].filter(([k]) => !['set-cookie', 'date'].includes(k)).map(([k, v]) => `${k}: ${v}`);
  return { status: res.status, headers, body: res.body.replace(/(name="csrf_token" value=")[^"]*"/g, '$1"') };
}

const outboxCount = (stack) => Number(stack.sqlValue('SELECT COUNT(*) FROM outbox'));
const resetCounters = (stack) => stack.sql('DELETE FROM rate_event');

test('self-service recovery', async (t) => {
  const stack = await startStack({
    mail: 'maildir',
    postRate: '1000r/s',
    postBurst: 1000,
    extraConf: '[security]\nmail_per_account_per_hour = 3\nmail_per_address_per_hour = 5\nlogin_ip_max_failures = 1000\n',
  });
  try {
    const L = letters(stack);
    assert.ok(L.cmartin && L.cmartin1 && L.ibenali && L.jmartin && L.kbenali, 'demo letters: ' + Object.keys(L).join(' '));
    // Claire Martin holds two accounts (one letter per child), both confirmed with the same address.
    await activate(stack, L.cmartin, 'claire@example.org');
    await activate(stack, L.cmartin1, 'claire@example.org');
    // A pupil who gave an address and never confirmed it; a responsable waiting for confirmation.
    await firstConnection(stack, L.ibenali, 'ines@example.org');
    await firstConnection(stack, L.jmartin, 'julien@example.org');
    // kbenali keeps an unused letter.
    assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'kbenali'"), 'letter');

    await t.test('the forms: titles, fields, valid HTML, links from the login page', async () => {
      const b = new Browser(stack.base);
      const login = await b.get('/connexion');
      assert.match(login.body, /href="\/identifiant-oublie"/);
      assert.match(login.body, /href="\/mot-de-passe-oublie"/);
      const id = await b.get('/identifiant-oublie');
      assert.equal(id.status, 200);
      assert.match(id.body, /<title>Identifiant oublié — Scolarité services<\/title>/);
      assert.match(id.body, /<input[^>]+id="email" name="email"[^>]+autocomplete="email"/);
      const pw = await b.get('/mot-de-passe-oublie');
      assert.equal(pw.status, 200);
      assert.match(pw.body, /<title>Mot de passe oublié — Scolarité services<\/title>/);
      assert.match(pw.body, /<input[^>]+id="identifiant" name="identifiant"[^>]+autocomplete="username"/);
      for (const [label, res] of [['identifiant', id], ['mot de passe', pw]]) assert.equal(pageProblems(res.body), '', label);
      // A parameter a link gained on its way is ignored: the same page.
      const tagged = await b.get('/identifiant-oublie?utm_source=ent');
      assert.equal(tagged.status, 200);
      assert.match(tagged.body, /<title>Identifiant oublié — Scolarité services<\/title>/);
      // Empty or malformed fields: the form again, in error, saying nothing about accounts.
      const empty = await b.submit('/mot-de-passe-oublie', { identifiant: '', email: '' });
      assert.equal(empty.status, 422);
      assert.match(empty.body, /<title>Erreur : Mot de passe oublié — Scolarité services<\/title>/);
      assert.match(text(empty.body), /Saisissez votre identifiant\./);
      assert.match(text(empty.body), /Saisissez votre adresse mail\./);
      assert.equal(pageProblems(empty.body), '');
      const bad = await b.submit('/identifiant-oublie', { email: 'pas-une-adresse' });
      assert.equal(bad.status, 422);
      assert.match(text(bad.body), /L'adresse mail n'est pas valide/);
      assert.match(bad.body, /value="pas-une-adresse"/, 'the value is kept');
    });

    await t.test('identifiant oublié: the identifiers of a confirmed address are mailed to it', async () => {
      resetCounters(stack);
      const res = await ask(stack, '/identifiant-oublie', { email: 'Claire@Example.org' });
      assert.equal(res.status, 200);
      assert.match(res.body, /<title>Identifiant oublié : demande enregistrée — Scolarité services<\/title>/);
      assert.match(text(res.body), SENT);
      assert.equal(pageProblems(res.body), '');
      const mail = await stack.waitForMail((m) => m.to === 'claire@example.org' && m.subject === 'Message des services en ligne - Votre identifiant', 15000);
      assert.match(mail.from, /Administrateur des services en ligne/);
      assert.match(mail.body, /identifiant : cmartin \(compte de Claire Martin\)/);
      assert.match(mail.body, /identifiant : cmartin1 \(compte de Claire Martin\)/);
      assert.match(mail.body, /Cordialement\.\s+L'administrateur des services en ligne\./);
      assert.doesNotMatch(mail.body, /Tilleul2024x/, 'never a password');
      assert.equal(stack.mails().filter((m) => m.subject.endsWith('Votre identifiant')).length, 1, 'one mail for both accounts');
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'recovery_requested' AND identifier IN ('cmartin', 'cmartin1')"), '2');
    });

    await t.test('mot de passe oublié: the link works once, signs every session out, lifts a lock', async () => {
      resetCounters(stack);
      // Two open sessions of cmartin, and a few failed logins with a lock.
      const sessions = [new Browser(stack.base), new Browser(stack.base)];
      for (const s of sessions) {
        const r = await s.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
        assert.equal(r.location, '/services');
        assert.equal((await s.get('/services')).status, 200);
      }
      const accountId = stack.sqlValue("SELECT id FROM account WHERE identifier = 'cmartin'");
      // (the first connection's session is still open too)
      const open = Number(stack.sqlValue(`SELECT COUNT(*) FROM session WHERE account_id = ${accountId}`));
      assert.ok(open >= 2, `${open} sessions`);

      const res = await ask(stack, '/mot-de-passe-oublie', { identifiant: 'CMartin', email: 'claire@example.org' });
      assert.equal(res.status, 200);
      assert.match(text(res.body), SENT);
      assert.match(text(res.body), /n'est valable que 60 minutes/);
      const mail = await stack.waitForMail((m) => m.subject === 'Message des services en ligne - Réinitialisation de votre mot de passe', 15000);
      assert.equal(mail.to, 'claire@example.org');
      assert.match(mail.body, /Votre identifiant : cmartin\n/);
      const link = mail.links.find((l) => l.includes('/reinitialiser-mot-de-passe?code='));
      assert.ok(link, 'reset link');
      const code = new URL(link).searchParams.get('code');
      assert.match(code, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
      // Only the digest is stored, valid 60 minutes.
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM email_token WHERE token_hash = '${code}'`), '0');
      assert.equal(stack.sqlValue(`SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM email_token WHERE token_hash = UNHEX(SHA2('${code}', 256))`), '60');
      assert.equal(stack.sqlValue(`SELECT purpose FROM email_token WHERE token_hash = UNHEX(SHA2('${code}', 256))`), 'password_reset');

      // Locked by wrong passwords (lockout.h: a reset lifts that lock, not one wrong dates of birth caused).
      stack.sql(`UPDATE account SET failed_logins = 2, locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR, lock_count = 1, lock_reason = 'password' WHERE id = ${accountId}`);
      const path = new URL(link).pathname + new URL(link).search;
      const b = new Browser(stack.base);
      const form = await b.get(path);
      assert.equal(form.status, 200);
      assert.match(form.body, /<title>Nouveau mot de passe — Scolarité services<\/title>/);
      assert.match(text(form.body), /votre compte cmartin/);
      assert.match(form.body, new RegExp(`<input type="hidden" name="code" value="${code}">`));
      assert.equal(pageProblems(form.body), '');
      // The first-connection rules.
      for (const [fields, message] of [
        [{ mot_de_passe: '', mot_de_passe_confirmation: '' }, /Choisissez un nouveau mot de passe/],
        [{ mot_de_passe: 'court1', mot_de_passe_confirmation: 'court1' }, /8 à 14 caractères alphanumériques/],
        [{ mot_de_passe: 'azerty123', mot_de_passe_confirmation: 'azerty123' }, /trop courant/],
        [{ mot_de_passe: NEW_PASSWORD, mot_de_passe_confirmation: NEW_PASSWORD + 'x' }, /La confirmation ne correspond pas/],
      ]) {
        const r = await b.post('/reinitialiser-mot-de-passe', { csrf_token: b.csrf(form.body), code, ...fields });
        assert.equal(r.status, 422, JSON.stringify(fields));
        assert.match(r.body, /<title>Erreur : Nouveau mot de passe — Scolarité services<\/title>/);
        assert.match(text(r.body), message);
        assert.doesNotMatch(r.body, /value="(court1|azerty123|Marronnier42)/, 'passwords never come back');
        assert.match(r.body, new RegExp(`name="code" value="${code}"`), 'the code stays in the form');
      }
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM session WHERE account_id = ${accountId}`), String(open), 'nothing changed yet');

      const done = await b.post('/reinitialiser-mot-de-passe', {
        csrf_token: b.csrf(form.body), code, mot_de_passe: NEW_PASSWORD, mot_de_passe_confirmation: NEW_PASSWORD,
      });
      assert.equal(done.status, 200);
      assert.match(text(done.body), /Votre mot de passe a été modifié/);
      // Every session of the account ended; the password's count cleared and
      // the lock lifted (its count stays: the next lock within a day doubles).
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM session WHERE account_id = ${accountId}`), '0');
      for (const s of sessions) assert.equal((await s.get('/services')).location, '/connexion');
      assert.equal(stack.sqlValue(`SELECT CONCAT(failed_logins, ' ', lock_count, ' ', locked_until <= UTC_TIMESTAMP()) FROM account WHERE id = ${accountId}`), '0 1 1');
      // The old password no longer works; the new one does.
      const old = await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
      assert.equal(old.status, 422);
      const fresh = await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin', mot_de_passe: NEW_PASSWORD });
      assert.equal(fresh.status, 303);
      assert.equal(fresh.location, '/services');
      // The address is told.
      const told = await stack.waitForMail((m) => m.subject === 'Message des services en ligne - Modification de votre mot de passe', 15000);
      assert.equal(told.to, 'claire@example.org');
      assert.match(told.body, /vient d'être modifié/);

      // The link served once: a second use is a clear page, GET or POST.
      const again = await new Browser(stack.base).get(path);
      assert.equal(again.status, 410);
      assert.match(text(again.body), /Lien déjà utilisé/);
      assert.match(text(again.body), /ne peut être utilisé qu'une seule fois/);
      assert.equal(pageProblems(again.body), '');
      const repost = await b.post('/reinitialiser-mot-de-passe', {
        csrf_token: b.csrf(form.body), code, mot_de_passe: 'Autre2024abc', mot_de_passe_confirmation: 'Autre2024abc',
      });
      assert.equal(repost.status, 410);
      assert.equal((await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Autre2024abc' })).status, 422);

      for (const e of ['recovery_requested', 'recovery_used', 'password_reset']) {
        assert.ok(Number(stack.sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = '${e}' AND account_id = ${accountId}`)) >= 1, e);
      }
    });

    await t.test('an expired, unknown or malformed link is refused with a clear page', async () => {
      resetCounters(stack);
      await ask(stack, '/mot-de-passe-oublie', { identifiant: 'cmartin1', email: 'claire@example.org' });
      const mail = await stack.waitForMail((m) => m.subject.endsWith('Réinitialisation de votre mot de passe') && m.body.includes('Votre identifiant : cmartin1\n'), 15000);
      const link = new URL(mail.links.find((l) => l.includes('/reinitialiser-mot-de-passe?code=')));
      const code = link.searchParams.get('code');
      const b = new Browser(stack.base);
      const form = await b.get(link.pathname + link.search);
      assert.equal(form.status, 200);
      stack.sql(`UPDATE email_token SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE token_hash = UNHEX(SHA2('${code}', 256))`);
      const expired = await new Browser(stack.base).get(link.pathname + link.search);
      assert.equal(expired.status, 410);
      assert.match(text(expired.body), /Lien expiré/);
      assert.match(text(expired.body), /n'est plus valable/);
      assert.match(text(expired.body), /Faire une nouvelle demande/);
      const post = await b.post('/reinitialiser-mot-de-passe', {
        csrf_token: b.csrf(form.body), code, mot_de_passe: NEW_PASSWORD, mot_de_passe_confirmation: NEW_PASSWORD,
      });
      assert.equal(post.status, 410, 'the form opened in time does not help');
      assert.equal((await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin1', mot_de_passe: NEW_PASSWORD })).status, 422);

      const unknown = await new Browser(stack.base).get('/reinitialiser-mot-de-passe?code=' + 'A'.repeat(43));
      assert.equal(unknown.status, 404);
      assert.match(text(unknown.body), /Ce lien de réinitialisation n'est pas valide/);
      assert.equal((await new Browser(stack.base).get('/reinitialiser-mot-de-passe')).status, 404);
      const garbage = await new Browser(stack.base).get('/reinitialiser-mot-de-passe?code=%3Cscript%3E');
      assert.equal(garbage.status, 404);
      assert.doesNotMatch(garbage.body, /<script>/);
    });

    await t.test('the answers do not tell whether an account or a confirmed address exists', async () => {
      const compare = async (path, cases) => {
        const answers = [];
        for (const [label, fields, mails] of cases) {
          resetCounters(stack);
          const before = outboxCount(stack);
          const res = await ask(stack, path, fields);
          answers.push([label, normalised(res)]);
          assert.equal(outboxCount(stack) - before, mails, `${path} ${label}: mails queued`);
        }
        const [firstLabel, first] = answers[0];
        assert.equal(first.status, 200);
        assert.match(text(first.body), SENT);
        for (const [label, a] of answers.slice(1)) assert.deepEqual(a, first, `${path}: ${label} answered like ${firstLabel}`);
      };
      await compare('/identifiant-oublie', [
        ['confirmed address', { email: 'claire@example.org' }, 1],
        ['unknown address', { email: 'personne@example.org' }, 0],
        ['pupil whose address is not confirmed', { email: 'ines@example.org' }, 0],
        ['responsable waiting for confirmation', { email: 'julien@example.org' }, 0],
      ]);
      await compare('/mot-de-passe-oublie', [
        ['identifier with its confirmed address', { identifiant: 'cmartin1', email: 'claire@example.org' }, 1],
        ['unknown identifier', { identifiant: 'personne', email: 'claire@example.org' }, 0],
        ['identifier with another address', { identifiant: 'cmartin1', email: 'autre@example.org' }, 0],
        ['unknown identifier and address', { identifiant: 'personne', email: 'personne@example.org' }, 0],
        ['pupil whose address is not confirmed', { identifiant: 'ibenali', email: 'ines@example.org' }, 0],
        ['responsable waiting for confirmation', { identifiant: 'jmartin', email: 'julien@example.org' }, 0],
        ['unused letter', { identifiant: 'kbenali', email: 'karim.benali@example.org' }, 0],
      ]);
      // Nothing went to the unconfirmed addresses; the audit log never holds an unmatched address in clear.
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM outbox WHERE to_address IN ('personne@example.org', 'autre@example.org', 'karim.benali@example.org') OR (to_address IN ('ines@example.org', 'julien@example.org') AND subject NOT LIKE '%Activation%')"), '0');
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%@%' OR identifier = 'personne'"), '0');
      assert.ok(Number(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'recovery_requested' AND account_id IS NULL AND detail LIKE '%#%'")) >= 4, 'unmatched requests are audited with digests');
    });

    await t.test('per account: past the limit nothing is sent, and the answer stays the same', async () => {
      resetCounters(stack);
      const fields = { identifiant: 'cmartin1', email: 'claire@example.org' };
      const answers = [];
      for (let i = 1; i <= 5; i++) {
        const before = outboxCount(stack);
        const res = await ask(stack, '/mot-de-passe-oublie', fields);
        answers.push(normalised(res));
        assert.equal(outboxCount(stack) - before, i <= 3 ? 1 : 0, `request ${i}: 3 mails per account and hour`);
      }
      for (const a of answers.slice(1)) assert.deepEqual(a, answers[0]);
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'recovery_requested' AND identifier = 'cmartin1' AND detail LIKE '%limite de mails du compte atteinte%'"), '2');
    });

    await t.test('per typed address: 429 with a French page, known address or not', async () => {
      for (const email of ['claire@example.org', 'inconnue@example.org']) {
        resetCounters(stack);
        for (let i = 1; i <= 5; i++) assert.equal((await ask(stack, '/identifiant-oublie', { email })).status, 200, `${email} ${i}`);
        const over = await ask(stack, '/mot-de-passe-oublie', { identifiant: 'cmartin', email });
        assert.equal(over.status, 429, email);
        assert.match(over.body, /<html lang="fr"/);
        assert.match(text(over.body), /Trop de messages ont été demandés pour cette adresse mail depuis une heure/);
        assert.equal(pageProblems(over.body), '');
      }
    });

    await t.test('per client address: 429 after 20 requests in the hour', async () => {
      resetCounters(stack);
      for (let i = 1; i <= 20; i++) {
        const res = await ask(stack, '/identifiant-oublie', { email: `sonde${i}@example.org` });
        assert.equal(res.status, 200, `request ${i}`);
      }
      const over = await ask(stack, '/mot-de-passe-oublie', { identifiant: 'cmartin', email: 'claire@example.org' });
      assert.equal(over.status, 429);
      assert.match(text(over.body), /Trop de demandes ont été faites depuis votre connexion internet/);
      resetCounters(stack);
    });

    await t.test('POST without a CSRF token, or with a wrong one: 403', async () => {
      for (const [path, fields] of [
        ['/identifiant-oublie', { email: 'claire@example.org' }],
        ['/mot-de-passe-oublie', { identifiant: 'cmartin', email: 'claire@example.org' }],
        ['/reinitialiser-mot-de-passe', { code: 'A'.repeat(43), mot_de_passe: NEW_PASSWORD, mot_de_passe_confirmation: NEW_PASSWORD }],
      ]) {
        const b = new Browser(stack.base);
        await b.get('/connexion');
        const before = outboxCount(stack);
        const none = await b.post(path, fields);
        assert.equal(none.status, 403, `${path}: no token`);
        assert.match(text(none.body), /Ce formulaire a expiré/);
        const wrong = await b.post(path, { ...fields, csrf_token: 'x'.repeat(43) });
        assert.equal(wrong.status, 403, `${path}: wrong token`);
        assert.equal(outboxCount(stack), before, `${path}: nothing queued`);
      }
      assert.doesNotMatch(stack.log(), / error: /, 'no error logged');
    });
  } finally {
    await stack.stop();
  }
});
