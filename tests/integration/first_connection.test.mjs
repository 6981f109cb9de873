// The foundation over HTTP, through nginx, spawn-fcgi, MariaDB, the mail
// worker and a real SMTP server: letter -> first connection -> activation
// mail -> link -> login, and every refusal on the way.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser, decodeHtml, startStack } from './harness.mjs';
import { letters, loginWithLetter, text } from './flows.mjs';

function firstConnectionFields(letter, overrides = {}) {
  const email = `${letter.identifier}@example.org`;
  return {
    mot_de_passe: 'Tilleul2024x',
    mot_de_passe_confirmation: 'Tilleul2024x',
    email,
    email_confirmation: email,
    date_naissance: letter.birth,
    ...overrides,
  };
}

test('foundation: from the letter to an activated account', async (t) => {
  const stack = await startStack({ mail: 'smtp' });
  try {
    const L = letters(stack);
    assert.ok(L.cmartin && L.dmartin && L.jmartin, 'demo letters: ' + Object.keys(L).join(' '));

    await t.test('the login page is the Scolarité services one', async () => {
      const b = new Browser(stack.base);
      const res = await b.get('/connexion');
      assert.equal(res.status, 200);
      const s = text(res.body);
      assert.match(s, /Bienvenue sur Scolarité services/);
      assert.match(s, /Identifiant oublié \?/);
      assert.match(s, /Mot de passe oublié \?/);
      assert.match(res.body, /<title>Connexion — Scolarité services<\/title>/);
    });

    await t.test('wrong credentials: 422, the same message for an unknown identifier', async () => {
      const b = new Browser(stack.base);
      const wrong = await b.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'AAAAAAAA' });
      assert.equal(wrong.status, 422);
      assert.match(text(wrong.body), /Identifiant ou mot de passe incorrect/);
      assert.match(wrong.body, /value="cmartin"/, 'the identifier is kept');
      const unknown = await b.submit('/connexion', { identifiant: 'personne', mot_de_passe: 'AAAAAAAA' });
      assert.equal(unknown.status, 422);
      assert.match(text(unknown.body), /Identifiant ou mot de passe incorrect/);
      const empty = await b.submit('/connexion', { identifiant: '', mot_de_passe: '' });
      assert.equal(empty.status, 422);
      assert.match(text(empty.body), /Saisissez votre identifiant/);
      assert.equal(stack.sqlValue("SELECT failed_logins FROM account WHERE identifier = 'cmartin'"), '1');
      assert.ok(Number(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'login_failure'")) >= 2);
    });

    await t.test('POST without a CSRF token, or with a wrong one, is refused', async () => {
      const b = new Browser(stack.base);
      await b.get('/connexion');
      const none = await b.post('/connexion', { identifiant: 'cmartin', mot_de_passe: L.cmartin.password });
      assert.equal(none.status, 403, 'no token');
      assert.equal(none.location, null, 'not logged in');
      const bad = await b.post('/connexion', {
        csrf_token: 'x'.repeat(43), identifiant: 'cmartin', mot_de_passe: L.cmartin.password,
      });
      assert.equal(bad.status, 403);
      assert.match(text(bad.body), /Ce formulaire a expiré/);
      assert.equal(bad.location, null, 'not logged in');
      // A token from another browser does not work either.
      const other = new Browser(stack.base);
      await other.get('/connexion');
      const stolen = await b.post('/connexion', {
        csrf_token: other.csrf(), identifiant: 'cmartin', mot_de_passe: L.cmartin.password,
      });
      assert.equal(stolen.status, 403);
    });

    await t.test('malformed requests: unknown field 400, oversize body 413, wrong method 405', async () => {
      const b = new Browser(stack.base);
      const token = b.csrf((await b.get('/connexion')).body);
      const extra = await b.post('/connexion', { csrf_token: token, identifiant: 'a', mot_de_passe: 'b', admin: '1' });
      assert.equal(extra.status, 400);
      assert.match(text(extra.body), /champ inattendu/);
      const twice = await b.post('/connexion', [['csrf_token', token], ['identifiant', 'a'], ['identifiant', 'b'], ['mot_de_passe', 'c']]);
      assert.equal(twice.status, 400);
      const big = await b.post('/connexion', { csrf_token: token, identifiant: 'a', mot_de_passe: 'x'.repeat(20000) });
      assert.ok([413].includes(big.status), `oversize: ${big.status}`);
      const put = await b.request('PUT', '/connexion', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(put.status, 405);
    });

    await t.test('letter passwords work in lower case too', async () => {
      const b = new Browser(stack.base);
      const res = await b.submit('/connexion', { identifiant: 'KBENALI', mot_de_passe: L.kbenali.password.toLowerCase() });
      assert.equal(res.status, 303);
      assert.equal(res.location, '/premiere-connexion');
    });

    await t.test('first connection: each error next to its field, values kept, passwords never', async () => {
      const letter = L.cmartin;
      const b = await loginWithLetter(stack, letter);
      const form = await b.get('/premiere-connexion');
      assert.equal(form.status, 200);
      const s = text(form.body);
      assert.match(s, /Première connexion/);
      assert.match(s, /cmartin/);
      assert.match(s, /Votre enfant : Dylan/);
      assert.match(s, /8 à 14 caractères alphanumériques \(chiffres et lettres obligatoires\)/);

      const cases = [
        [{ mot_de_passe: 'court1', mot_de_passe_confirmation: 'court1' }, 'mot_de_passe', /8 à 14 caractères/],
        [{ mot_de_passe: 'abcdefghij', mot_de_passe_confirmation: 'abcdefghij' }, 'mot_de_passe', /chiffres et lettres obligatoires/],
        [{ mot_de_passe: '1234567890', mot_de_passe_confirmation: '1234567890' }, 'mot_de_passe', /chiffres et lettres obligatoires/],
        [{ mot_de_passe: 'abcdefgh12345678', mot_de_passe_confirmation: 'abcdefgh12345678' }, 'mot_de_passe', /8 à 14/],
        [{ mot_de_passe: 'mot de passe1', mot_de_passe_confirmation: 'mot de passe1' }, 'mot_de_passe', /alphanumériques/],
        [{ mot_de_passe: 'azerty123', mot_de_passe_confirmation: 'azerty123' }, 'mot_de_passe', /trop courant/],
        [{ mot_de_passe_confirmation: 'Autre2024xx' }, 'mot_de_passe_confirmation', /ne correspond pas au mot de passe/],
        [{ email: '', email_confirmation: '' }, 'email', /obligatoire pour les responsables/],
        [{ email: 'claire.martin@', email_confirmation: 'claire.martin@' }, 'email', /n'est pas valide/],
        [{ email_confirmation: 'autre@example.org' }, 'email_confirmation', /ne correspond pas à l'adresse/],
        [{ date_naissance: '31/02/2012' }, 'date_naissance', /date valide/],
        [{ date_naissance: '' }, 'date_naissance', /Saisissez la date de naissance/],
        [{ date_naissance: '15/03/2012' }, 'date_naissance', /ne correspond pas à celle que l'établissement connaît pour votre enfant/],
      ];
      for (const [over, field, message] of cases) {
        const res = await b.post('/premiere-connexion', { csrf_token: b.csrf(form.body), ...firstConnectionFields(letter, over) });
        const label = `${field} with ${JSON.stringify(over)}`;
        assert.equal(res.status, 422, label);
        const fieldError = res.body.match(new RegExp(`<p id="${field}-error" class="fr-error-text">([^<]*)</p>`));
        assert.ok(fieldError, `error next to the field: ${label}`);
        assert.match(decodeHtml(fieldError[1]), message, label);
        assert.match(res.body, new RegExp(`href="#${field}"`), `summary links to the field: ${label}`);
        assert.match(res.body, new RegExp(`aria-describedby="[^"]*${field}-error`), label);
        // Passwords never come back; other values do.
        assert.doesNotMatch(res.body, /Tilleul2024x|court1|azerty123/, label);
        if (over.email === undefined) assert.match(res.body, /value="cmartin@example.org"/, label);
      }
      // The date as an <input type=date> would send it is accepted too.
      const [d, m, y] = letter.birth.split('/');
      assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'cmartin'"), 'letter', 'nothing written yet');
      const ok = await b.post('/premiere-connexion', { csrf_token: b.csrf(form.body), ...firstConnectionFields(letter, { date_naissance: `${y}-${m}-${d}` }) });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/compte-en-attente');
    });

    await t.test('waiting page, activation mail over SMTP, link, login', async () => {
      const b = new Browser(stack.base);
      // cmartin finished first connection in the previous step: log in with the new password.
      const login = await b.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
      assert.equal(login.status, 303);
      assert.equal(login.location, '/compte-en-attente', 'a responsable waits for the confirmation');
      const waiting = await b.get('/compte-en-attente');
      assert.equal(waiting.status, 200);
      const s = text(waiting.body);
      assert.match(s, /Pour utiliser votre compte, ouvrez maintenant le mail que vous venez de recevoir et suivez les instructions\./);
      assert.match(s, /courriers indésirables/);
      // The services are closed to an unconfirmed responsable.
      const services = await b.get('/services');
      assert.equal(services.status, 303);
      assert.equal(services.location, '/compte-en-attente');

      const mail = await stack.waitForMail((m) => m.to === 'cmartin@example.org', 15000);
      assert.equal(mail.subject, 'Message des services en ligne - Activation de votre compte');
      assert.match(mail.from, /^"?Administrateur des services en ligne"? <[^>]+@[^>]+>$/);
      assert.match(mail.contentType, /text\/plain; charset="?utf-8"?/i);
      assert.match(mail.header('content-transfer-encoding'), /quoted-printable/i);
      assert.ok(mail.header('message-id') && mail.header('date'), 'Message-ID and Date');
      assert.match(mail.body, /vous souhaitez accéder aux services en ligne de l'éducation nationale\./);
      assert.match(mail.body, /Vous disposez d'un délai de 3 mois pour activer votre compte\./);
      assert.match(mail.body, /Cordialement\.\s+L'administrateur des services en ligne\./);
      const link = mail.links.find((l) => l.includes('/validerAdresseMail?code='));
      assert.ok(link, 'activation link');
      const code = new URL(link).searchParams.get('code');
      assert.ok(code.length >= 22, 'at least 128 bits');
      // Only the digest is stored.
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM email_token WHERE token_hash = '${code}'`), '0');
      assert.equal(stack.sqlValue("SELECT sent_at IS NOT NULL FROM outbox WHERE to_address = 'cmartin@example.org'"), '1');

      const confirm = await b.get(new URL(link).pathname + new URL(link).search);
      assert.equal(confirm.status, 200);
      assert.match(text(confirm.body), /Confirmation de votre adresse mail/);
      assert.match(text(confirm.body), /Votre compte a été validé\. Vous pouvez maintenant accéder à vos services en ligne\./);
      assert.match(text(confirm.body), /Accéder aux services/);
      assert.equal(stack.sqlValue("SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = 'cmartin'"), 'active cmartin@example.org');

      // The same browser session now reaches the services.
      const home = await b.get('/services');
      assert.equal(home.status, 200);
      assert.match(text(home.body), /Claire Martin/);
      assert.match(text(home.body), /Dylan Martin/);
      assert.match(text(home.body), /Responsable : Claire Martin/);

      // A second click is a clear page, not an error; a wrong code too.
      const again = await new Browser(stack.base).get(new URL(link).pathname + new URL(link).search);
      assert.equal(again.status, 200);
      assert.match(text(again.body), /déjà confirmée/);
      const wrong = await new Browser(stack.base).get('/validerAdresseMail?code=' + 'A'.repeat(43));
      assert.equal(wrong.status, 404);
      assert.match(text(wrong.body), /Ce lien de validation n'est pas valide/);
      const garbage = await new Browser(stack.base).get('/validerAdresseMail?code=%3Cscript%3E');
      assert.equal(garbage.status, 404);
      assert.doesNotMatch(garbage.body, /<script>/);

      // Log out, then log in afresh with the chosen password.
      const out = await b.post('/deconnexion', { csrf_token: b.csrf(home.body) });
      assert.equal(out.status, 303);
      assert.equal((await b.get('/services')).location, '/connexion');
      const fresh = new Browser(stack.base);
      const relog = await fresh.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' }, { follow: true });
      assert.equal(relog.status, 200);
      assert.match(text(relog.body), /Enfants rattachés au compte/);
      // The letter's provisional password no longer works.
      const old = await new Browser(stack.base).submit('/connexion', { identifiant: 'cmartin', mot_de_passe: L.cmartin.password });
      assert.equal(old.status, 422);
    });

    await t.test('the session id changes at login; cookies are HttpOnly and SameSite=Lax', async () => {
      const b = new Browser(stack.base);
      const page = await b.get('/connexion');
      const pre = page.headers.getSetCookie().join('\n');
      assert.match(pre, /ts_pre=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
      const res = await b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
      const set = res.headers.getSetCookie().find((c) => c.startsWith('ts_session='));
      assert.match(set, /HttpOnly; SameSite=Lax/);
      const first = b.cookies.get('ts_session');
      // Signed in, /connexion leads to the services; logging in again from there gets a new id.
      assert.equal((await b.get('/connexion')).location, '/services');
      const home = await b.get('/services');
      await b.post('/connexion', { csrf_token: b.csrf(home.body), identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
      assert.notEqual(b.cookies.get('ts_session'), first, 'a new id at each login');
      // Sessions are stored as digests only.
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM session WHERE id_hash = '${first}'`), '0');
    });

    await t.test('20 simultaneous logins to one account all succeed (no deadlock)', async () => {
      const browsers = [];
      for (let i = 0; i < 20; i++) {
        const b = new Browser(stack.base);
        await b.get('/connexion');
        browsers.push(b);
      }
      const results = await Promise.all(browsers.map((b) => b.post('/connexion', { csrf_token: b.csrf(), identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' })));
      assert.deepEqual(results.map((r) => r.status), Array(20).fill(303));
      assert.doesNotMatch(stack.log(), / error: /, 'no error logged');
    });

    await t.test('sessions end after the idle and the absolute timeouts', async () => {
      for (const column of ['last_seen_at', 'expires_at']) {
        const b = new Browser(stack.base);
        const res = await b.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
        assert.equal(res.location, '/services');
        assert.equal((await b.get('/services')).status, 200);
        const before = Number(stack.sqlValue('SELECT COUNT(*) FROM session'));
        // 31 minutes idle (default idle timeout 30), or past the absolute expiry.
        const shift = column === 'last_seen_at' ? 'INTERVAL 31 MINUTE' : 'INTERVAL 9 HOUR';
        stack.sql(`UPDATE session SET ${column} = ${column} - ${shift}, created_at = created_at - ${shift} WHERE id_hash = UNHEX(SHA2('${b.cookies.get('ts_session')}', 256))`);
        const after = await b.get('/services');
        assert.equal(after.status, 303, column);
        assert.equal(after.location, '/connexion', column);
        assert.equal(Number(stack.sqlValue('SELECT COUNT(*) FROM session')), before - 1, `expired session deleted (${column})`);
      }
    });

    await t.test('resending the activation mail is rate-limited (429)', async () => {
      const letter = L.jmartin;
      const b = await loginWithLetter(stack, letter);
      const form = await b.get('/premiere-connexion');
      const ok = await b.post('/premiere-connexion', { csrf_token: b.csrf(form.body), ...firstConnectionFields(letter) });
      assert.equal(ok.status, 303);
      const waiting = await b.get('/compte-en-attente');
      const resend = await b.post('/compte-en-attente', { csrf_token: b.csrf(waiting.body) });
      assert.equal(resend.status, 429, 'a mail was just sent');
      assert.match(text(resend.body), /Patientez quelques minutes/);
      // An expired code gets a clear page (410), and changes nothing.
      const first = await stack.waitForMail((m) => m.to === 'jmartin@example.org', 15000);
      const firstLink = new URL(first.links.find((l) => l.includes('validerAdresseMail')));
      stack.sql("UPDATE email_token SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE email = 'jmartin@example.org'");
      const expired = await new Browser(stack.base).get(firstLink.pathname + firstLink.search);
      assert.equal(expired.status, 410);
      assert.match(text(expired.body), /Ce lien de validation a expiré/);
      assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'jmartin'"), 'pending_email');
      // Once the interval has passed, a new mail goes out.
      stack.sql("UPDATE email_token SET created_at = created_at - INTERVAL 1 HOUR WHERE email = 'jmartin@example.org'");
      const again = await b.post('/compte-en-attente', { csrf_token: b.csrf(waiting.body) });
      assert.equal(again.status, 200);
      assert.match(text(again.body), /Un nouveau message vient de vous être envoyé/);
      await stack.waitForMail(() => stack.mails().filter((m) => m.to === 'jmartin@example.org').length === 2, 15000);
    });

    await t.test('a pupil gets in before confirming, and is told recovery needs it', async () => {
      const letter = L.ibenali;
      const b = await loginWithLetter(stack, letter);
      const form = await b.get('/premiere-connexion');
      assert.match(text(form.body), /Facultative/);
      assert.doesNotMatch(text(form.body), /Votre enfant/);
      const res = await b.post('/premiere-connexion', { csrf_token: b.csrf(form.body), ...firstConnectionFields(letter) });
      assert.equal(res.status, 303);
      const home = await b.get('/services');
      assert.equal(home.status, 200, 'not blocked');
      assert.match(text(home.body), /n'est pas encore confirmée/);
      assert.match(text(home.body), /retrouver seul votre identifiant ou votre mot de passe/);
      // A fresh login goes straight to the services too.
      const relog = await new Browser(stack.base).submit('/connexion', { identifiant: 'ibenali', mot_de_passe: 'Tilleul2024x' });
      assert.equal(relog.location, '/services');
    });

    await t.test('a pupil may give no address at all', async () => {
      const letter = L.hlefevre;
      const b = await loginWithLetter(stack, letter);
      const form = await b.get('/premiere-connexion');
      const res = await b.post('/premiere-connexion', {
        csrf_token: b.csrf(form.body), ...firstConnectionFields(letter, { email: '', email_confirmation: '' }),
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, '/services');
      assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'hlefevre'"), 'active');
      assert.match(text((await b.get('/services')).body), /Aucune adresse mail/);
    });

    await t.test('an expired letter no longer logs in; a new letter replaces the old one', async () => {
      stack.sql("UPDATE letter l JOIN account a ON a.id = l.account_id SET l.created_at = l.created_at - INTERVAL 4 MONTH, l.expires_at = l.expires_at - INTERVAL 4 MONTH WHERE a.identifier = 'sriviere'");
      const b = new Browser(stack.base);
      const res = await b.submit('/connexion', { identifiant: 'sriviere', mot_de_passe: L.sriviere.password });
      assert.equal(res.status, 403);
      assert.match(text(res.body), /Votre courrier de notification a expiré/);
      assert.match(text(res.body), /Demandez un nouveau courrier à l'établissement/);
      assert.equal(b.cookies.get('ts_session'), undefined, 'no session');
      // A wrong password on an expired letter says nothing about the expiry.
      const wrong = await b.submit('/connexion', { identifiant: 'sriviere', mot_de_passe: 'ZZZZZZZZ' });
      assert.equal(wrong.status, 422);
      // The school prints a new letter: the old password stops working, the new one works.
      const [identifier, password] = stack.admin('letter', 'sriviere').trim().split('\t');
      assert.equal(identifier, 'sriviere');
      assert.notEqual(password, L.sriviere.password);
      assert.match(password, /^[A-Z2-9]{8}$/);
      const fresh = await new Browser(stack.base).submit('/connexion', { identifiant: 'sriviere', mot_de_passe: password });
      assert.equal(fresh.location, '/premiere-connexion');
    });

    await t.test('an address not confirmed within 3 months: no login, then purged', async () => {
      // jmartin did its first connection above and never confirmed.
      stack.sql("UPDATE account SET first_connection_at = first_connection_at - INTERVAL 4 MONTH WHERE identifier = 'jmartin'");
      const res = await new Browser(stack.base).submit('/connexion', { identifiant: 'jmartin', mot_de_passe: 'Tilleul2024x' });
      assert.equal(res.status, 403);
      assert.match(text(res.body), /n'a pas été confirmée dans le délai de 3 mois/);
      // An unused letter older than 3 months is purged too.
      stack.sql("UPDATE letter l JOIN account a ON a.id = l.account_id SET l.expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE a.identifier = 'elefevre'");
      const dry = stack.admin('purge', '--dry-run');
      assert.match(dry, /à supprimer : jmartin \(adresse non confirmée dans les 3 mois\)/);
      assert.match(dry, /à supprimer : elefevre \(courrier non utilisé depuis 3 mois\)/);
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM account WHERE identifier IN ('jmartin', 'elefevre')"), '2');
      const out = stack.admin('purge');
      assert.match(out, /^2 compte\(s\) supprimé\(s\)$/m);
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM account WHERE identifier IN ('jmartin', 'elefevre')"), '0');
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'account_purged'"), '2');
      // The inactivity rule reports in French too: cmartin unused for 335 days is to be warned.
      stack.sql("UPDATE account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 340 DAY, email_confirmed_at = UTC_TIMESTAMP() - INTERVAL 340 DAY WHERE identifier = 'cmartin'");
      const inactive = stack.admin('inactivity', '--dry-run');
      assert.match(inactive, /^à prévenir : cmartin$/m);
      assert.match(inactive, /compte\(s\) à prévenir \(0 sans adresse confirmée : pas de mail\), 0 compte\(s\) à fermer/);
      stack.sql("UPDATE account SET last_login_at = UTC_TIMESTAMP(), email_confirmed_at = UTC_TIMESTAMP() WHERE identifier = 'cmartin'");
      // Active and fresh accounts stay.
      assert.equal(stack.sqlValue("SELECT COUNT(*) FROM account WHERE identifier IN ('cmartin', 'ibenali', 'sriviere')"), '3');
    });

    await t.test('the audit log records the security events', async () => {
      const events = stack.sql('SELECT DISTINCT event FROM audit_log').map((r) => r[0]);
      for (const e of ['login_failure', 'login_letter', 'login_success', 'first_connection', 'first_connection_failure', 'activation', 'activation_resent', 'logout', 'login_refused']) {
        assert.ok(events.includes(e), `audit event ${e} in ${events.join(', ')}`);
      }
    });
  } finally {
    await stack.stop();
  }
});
