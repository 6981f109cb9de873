// Faults found by trying the product as families do, over HTTP (nginx,
// spawn-fcgi, MariaDB, the mail worker): typed input cleaned before it is
// checked (whitespace around passwords and dates), unknown query parameters
// on GET pages and mailed links ignored, mailed links checked against what
// happened to the account since they were sent (and never spent by a HEAD),
// a signed-in session sent where it belongs from every public entry page, the
// address corrected from the waiting page and a new letter for an account
// that never confirmed, and repeated POSTs answered with their outcome.
//
// Four stacks, one per group of behaviours, so that every subtest has its own
// demo accounts (the demo has 11 letters). Accounts go through the real
// flows: letter -> first connection -> mailed link.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';
import {
  PASSWORD, activate, activationLink, fieldError, firstConnection, letters, login, loginWithLetter, text,
} from './flows.mjs';

const NEW_PASSWORD = 'Marronnier42';
const OTHER_PASSWORD = 'Platane2025z';
const SUBJECT_ACTIVATION = 'Message des services en ligne - Activation de votre compte';
const SUBJECT_CONFIRM = 'Message des services en ligne - Confirmation de votre nouvelle adresse';
const SECURITY = '[security]\nargon2_memory_kib = 1024\nlogin_ip_max_failures = 1000\nmax_failed_logins = 50\n';
const STACK = { mail: 'maildir', postRate: '1000r/s', postBurst: 1000 };

// ------------------------------------------------------------------ helpers

const q = (stack, sql) => stack.sqlValue(sql);
const accountId = (stack, identifier) => q(stack, `SELECT id FROM account WHERE identifier = '${identifier}'`);
// The failures of every proof counted on the account (wrong passwords and
// wrong dates of birth: lib/security/lockout.h, one count each).
const failedLogins = (stack, identifier) =>
  Number(q(stack, `SELECT failed_logins + failed_birth_dates FROM account WHERE identifier = '${identifier}'`));
const stateOf = (stack, identifier) => q(stack, `SELECT state FROM account WHERE identifier = '${identifier}'`);
const emailOf = (stack, identifier) => q(stack, `SELECT email FROM account WHERE identifier = '${identifier}'`);
const pendingEmailOf = (stack, identifier) =>
  q(stack, `SELECT pending_email FROM account WHERE identifier = '${identifier}'`);
const resetCounters = (stack) => stack.sql('DELETE FROM rate_event');
const queuedTo = (stack, to, subjectLike) =>
  Number(q(stack, `SELECT COUNT(*) FROM outbox WHERE to_address = '${to}' AND subject LIKE '${subjectLike}'`));
const codeOf = (p) => new URL(p, 'http://x').searchParams.get('code');
// 'NULL' while the code is unused (the harness reads SQL NULL as null), its use time after; undefined: no such code.
const tokenUsedAt = (stack, code) => {
  const found = Number(q(stack, `SELECT COUNT(*) FROM email_token WHERE token_hash = UNHEX(SHA2('${code}', 256))`));
  if (!found) return undefined;
  return q(stack, `SELECT used_at FROM email_token WHERE token_hash = UNHEX(SHA2('${code}', 256))`) ?? 'NULL';
};
const pathOf = (url) => url.pathname + url.search;
const titleOf = (html) => (/<title>([^<]*)<\/title>/.exec(html) || [])[1];
const sessionCookieOf = (res) => {
  const c = res.headers.getSetCookie().find((s) => s.startsWith('ts_session='));
  return c ? c.slice('ts_session='.length).split(';')[0] : undefined;
};

/**
 * Runs the stack's own copy of teleservices-admin, as the school would:
 * <var>/app/bin/teleservices-admin --config <var>/etc/teleservices.conf ...args.
 */
function schoolAdmin(stack, ...args) {
  const r = spawnSync(path.join(stack.var, 'app', 'bin', 'teleservices-admin'), ['--config', stack.conf, ...args], {
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** POST /connexion from a fresh browser; returns the response (not followed). */
const signIn = (stack, identifiant, mot_de_passe) =>
  new Browser(stack.base).submit('/connexion', { identifiant, mot_de_passe });

/** The first-connection form of a letter session, posted with `fields` over the usual values. */
async function postFirstConnection(b, letter, fields = {}) {
  const form = await b.get('/premiere-connexion');
  return b.post('/premiere-connexion', {
    csrf_token: b.csrf(form.body), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
    email: '', email_confirmation: '', date_naissance: letter.birth, ...fields,
  });
}

/** Mon compte: the password form. */
async function changePassword(b, current, next, confirmation = next) {
  const page = await b.get('/compte');
  return b.post('/compte/mot-de-passe', {
    csrf_token: b.csrf(page.body), mot_de_passe_actuel: current, nouveau_mot_de_passe: next, confirmation,
  });
}

/** Mon compte: the address form. */
async function askAddress(b, address, password = PASSWORD, confirmation = address) {
  const page = await b.get('/compte');
  return b.post('/compte/adresse', {
    csrf_token: b.csrf(page.body), nouvelle_adresse: address, confirmation_adresse: confirmation, mot_de_passe: password,
  });
}

/** The waiting page's correction form (POST /compte-en-attente/adresse). */
async function correctAddress(b, address, password = PASSWORD, confirmation = address) {
  const page = await b.get('/compte-en-attente');
  return b.post('/compte-en-attente/adresse', {
    csrf_token: b.csrf(page.body), nouvelle_adresse: address, confirmation_adresse: confirmation, mot_de_passe: password,
  });
}

/** The latest new-address link mailed to `address` for `identifier` (path and query). */
async function newAddressLink(stack, address, identifier) {
  const pick = (m) => m.to === address && m.subject === SUBJECT_CONFIRM && m.body.includes(`Votre identifiant : ${identifier}\n`);
  await stack.waitForMail(pick, 15000);
  const all = stack.mails().filter(pick);
  return pathOf(new URL(all[all.length - 1].links.find((l) => l.includes('/validerNouvelleAdresse?code='))));
}

/** Asks for a reset link (mot de passe oublié) and returns it (path and query), the latest one for `identifier`. */
async function resetLink(stack, identifier, email) {
  const asked = await new Browser(stack.base).submit('/mot-de-passe-oublie', { identifiant: identifier, email });
  assert.equal(asked.status, 200, `reset request for ${identifier}`);
  const pick = (m) => m.to === email && m.subject.endsWith('Réinitialisation de votre mot de passe') &&
    m.body.includes(`Votre identifiant : ${identifier}\n`);
  await stack.waitForMail(pick, 15000);
  const all = stack.mails().filter(pick);
  return pathOf(new URL(all[all.length - 1].links.find((l) => l.includes('/reinitialiser-mot-de-passe?code='))));
}

/** POSTs the reset form opened in `b` (its page `form`). */
const postReset = (b, form, code, password, confirmation = password) => b.post('/reinitialiser-mot-de-passe', {
  csrf_token: b.csrf(form.body), code, mot_de_passe: password, mot_de_passe_confirmation: confirmation,
});

// ------------------------------------------- 1. typed input cleaned first

test('1. typed input is cleaned before it is checked', async (t) => {
  const stack = await startStack({ ...STACK, extraConf: SECURITY });
  try {
    const L = letters(stack);

    await t.test('/connexion: a letter password with a trailing space, a tab or a leading space signs in, no failure counted', async () => {
      const pw = L.kbenali.password;
      for (const typed of [`${pw} `, `${pw}\t`, `\t${pw}`, ` ${pw}`]) {
        const res = await signIn(stack, 'kbenali', typed);
        assert.equal(res.status, 303, JSON.stringify(typed));
        assert.equal(res.location, '/premiere-connexion', JSON.stringify(typed));
      }
      assert.equal(failedLogins(stack, 'kbenali'), 0);
      assert.equal(q(stack, "SELECT COUNT(*) FROM audit_log WHERE event = 'login_failure' AND identifier = 'kbenali'"), '0');
    });

    await t.test('/premiere-connexion: passwords with surrounding whitespace are set without it; the chosen password signs in padded too', async () => {
      const b = await loginWithLetter(stack, L.dmartin);
      const res = await postFirstConnection(b, L.dmartin, {
        mot_de_passe: ` ${PASSWORD}\t`, mot_de_passe_confirmation: `${PASSWORD} `,
      });
      assert.equal(res.status, 303, `first connection: ${res.status} ${text(res.body).slice(0, 300)}`);
      assert.equal(res.location, '/services');
      assert.equal(stateOf(stack, 'dmartin'), 'active');
      // The password stored is the one without the whitespace.
      await login(stack, 'dmartin', PASSWORD);
      for (const typed of [` ${PASSWORD}`, `${PASSWORD} `, `${PASSWORD}\t`]) {
        const again = await signIn(stack, 'dmartin', typed);
        assert.equal(again.status, 303, JSON.stringify(typed));
        assert.equal(again.location, '/services', JSON.stringify(typed));
      }
      assert.equal(failedLogins(stack, 'dmartin'), 0);
    });

    await t.test('/premiere-connexion: a date of birth with a trailing space is accepted; too long after trimming 422 (not 400); absurd 400', async () => {
      const letter = L.ibenali;
      const b = await loginWithLetter(stack, letter);
      const email = 'ines@example.org';
      const long = letter.birth.repeat(4);
      assert.equal(long.length, 40);
      const tooLong = await postFirstConnection(b, letter, { email, email_confirmation: email, date_naissance: long });
      assert.equal(tooLong.status, 422, '40 characters: the form again, not a 400');
      assert.ok(fieldError(tooLong.body, 'date_naissance'), 'a message next to the date field');
      assert.match(tooLong.body, /<input[^>]*\sname="email"[^>]*\svalue="ines@example\.org"/, 'the address typed is kept');
      assert.ok(!tooLong.body.includes(PASSWORD), 'never the password');
      const absurd = await postFirstConnection(b, letter, { email, email_confirmation: email, date_naissance: '1'.repeat(5000) });
      assert.equal(absurd.status, 400, '5,000 characters');
      assert.equal(stateOf(stack, 'ibenali'), 'letter', 'nothing written yet');
      const padded = `${letter.birth} `;
      assert.equal(padded.length, 11);
      const ok = await postFirstConnection(b, letter, { email, email_confirmation: email, date_naissance: padded });
      assert.equal(ok.status, 303, `trailing space: ${ok.status} ${fieldError(ok.body, 'date_naissance') ?? ''}`);
      assert.equal(stateOf(stack, 'ibenali'), 'pending_email');
      assert.equal(failedLogins(stack, 'ibenali'), 0);
    });

    await t.test('/compte/mot-de-passe: whitespace around the current, the new and the confirmation is ignored', async () => {
      await firstConnection(stack, L.fmartin, '');
      const b = await login(stack, 'fmartin');
      // Each field padded in turn; each change must go through.
      const steps = [
        [` ${PASSWORD}\t`, NEW_PASSWORD, NEW_PASSWORD, 'current padded'],
        [NEW_PASSWORD, `\t${OTHER_PASSWORD} `, OTHER_PASSWORD, 'new padded'],
        [OTHER_PASSWORD, 'Erable77abc', ' Erable77abc\t', 'confirmation padded'],
      ];
      for (const [current, next, confirmation, label] of steps) {
        const res = await changePassword(b, current, next, confirmation);
        assert.equal(res.status, 303, `${label}: ${res.status} ${text(res.body).slice(0, 300)}`);
        assert.equal(res.location, '/compte?modifie=mot-de-passe', label);
      }
      await login(stack, 'fmartin', 'Erable77abc');
      assert.equal(failedLogins(stack, 'fmartin'), 0);
      assert.equal(q(stack, "SELECT COUNT(*) FROM audit_log WHERE event = 'password_change_failure' AND identifier = 'fmartin'"), '0');
    });

    await t.test('/compte/adresse: whitespace around the password is ignored', async () => {
      await firstConnection(stack, L.hlefevre, '');
      const b = await login(stack, 'hlefevre');
      const res = await askAddress(b, 'hugo@example.org', ` ${PASSWORD}\t`);
      assert.equal(res.status, 303, `${res.status} ${fieldError(res.body, 'mot_de_passe') ?? ''}`);
      assert.equal(res.location, '/compte?modifie=adresse');
      assert.equal(q(stack, `SELECT COUNT(*) FROM email_token WHERE purpose = 'email_change' AND account_id = ${accountId(stack, 'hlefevre')}`), '1');
      assert.equal(failedLogins(stack, 'hlefevre'), 0);
    });

    await t.test("/compte/regroupement: whitespace around the other account's letter password is ignored", async () => {
      await activate(stack, L.cmartin, 'claire@example.org');
      const b = await login(stack, 'cmartin');
      const res = await b.submit('/compte/regroupement', { identifiant: 'cmartin1', mot_de_passe: ` ${L.cmartin1.password}\t` });
      assert.equal(res.status, 200, `${res.status} ${text(res.body).slice(0, 300)}`);
      assert.match(text(res.body), /Regrouper des comptes - Confirmation/i);
      assert.match(text(res.body), /cmartin1/);
      assert.equal(failedLogins(stack, 'cmartin1'), 0);
      const cancel = await b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(res.body), decision: 'annuler' });
      assert.equal(cancel.status, 303);
      assert.equal(stateOf(stack, 'cmartin1'), 'letter');
    });

    await t.test('/reinitialiser-mot-de-passe: whitespace around both passwords is ignored', async () => {
      await activate(stack, L.ldupontriviere, 'lea@example.org');
      const link = await resetLink(stack, 'ldupontriviere', 'lea@example.org');
      const b = new Browser(stack.base);
      const form = await b.get(link);
      assert.equal(form.status, 200);
      const res = await postReset(b, form, codeOf(link), `\t${NEW_PASSWORD}`, `${NEW_PASSWORD} `);
      assert.equal(res.status, 200, `${res.status} ${text(res.body).slice(0, 300)}`);
      assert.match(text(res.body), /Mot de passe modifié/);
      await login(stack, 'ldupontriviere', NEW_PASSWORD);
      assert.equal(failedLogins(stack, 'ldupontriviere'), 0);
    });

    await t.test('/compte-en-attente/adresse: whitespace around the password is ignored', async () => {
      const b = await firstConnection(stack, L.jmartin, 'julien.typo@example.org');
      const res = await correctAddress(b, 'julien@example.org', `\t${PASSWORD} `);
      assert.equal(res.status, 303, `${res.status} ${fieldError(res.body, 'mot_de_passe') ?? ''}`);
      assert.equal(res.location, '/compte-en-attente');
      assert.equal(pendingEmailOf(stack, 'jmartin'), 'julien@example.org');
      assert.equal(failedLogins(stack, 'jmartin'), 0);
    });
  } finally {
    await stack.stop();
  }
});

// ------------------------------------------ 2. unknown query parameters

const PAGES = [
  '/', '/?type=agricole', '/aide', '/contact', '/mentions-legales', '/personnel', '/connexion', '/connexion?deconnexion=1',
  '/identifiant-oublie', '/mot-de-passe-oublie', '/premiere-connexion', '/compte-en-attente', '/services', '/compte',
  '/compte?modifie=adresse', '/compte/enfants', '/compte/fiche', '/compte/regroupement', '/dev/courriels',
];
const TRACKING = 'utm_source=ent&fbclid=abc';

/** Every page of PAGES answers the same with and without tracking parameters; returns the plain answers' statuses. */
async function sameWithTracking(b, label) {
  const problems = [];
  const seen = {};
  for (const p of PAGES) {
    const plain = await b.get(p);
    const tracked = await b.get(`${p}${p.includes('?') ? '&' : '?'}${TRACKING}`);
    seen[p] = plain.status;
    if (tracked.status !== plain.status || tracked.location !== plain.location ||
        (plain.status === 200 && titleOf(tracked.body) !== titleOf(plain.body))) {
      problems.push(`${p}: ${plain.status} ${plain.location ?? titleOf(plain.body)} without, ` +
        `${tracked.status} ${tracked.location ?? titleOf(tracked.body)} with ?${TRACKING}`);
    }
  }
  assert.deepEqual(problems, [], `${label}: pages answering differently with unknown parameters`);
  return seen;
}

test('2. unknown query parameters on a GET are ignored; a POST keeps its strict fields', async (t) => {
  const stack = await startStack({ ...STACK, extraConf: SECURITY });
  try {
    const L = letters(stack);

    await t.test('every GET page, signed out', async () => {
      const seen = await sameWithTracking(new Browser(stack.base), 'signed out');
      assert.equal(seen['/aide'], 200);
      assert.equal(seen['/compte'], 303);
    });

    await t.test('every GET page, with a first-connection session', async () => {
      const b = await loginWithLetter(stack, L.kbenali);
      const seen = await sameWithTracking(b, 'first-connection session');
      assert.equal(seen['/premiere-connexion'], 200);
    });

    await t.test('every GET page, with a pending session', async () => {
      const b = await firstConnection(stack, L.elefevre, 'elodie@example.org');
      const seen = await sameWithTracking(b, 'pending session');
      assert.equal(seen['/compte-en-attente'], 200);
    });

    await t.test('every GET page, with a full session', async () => {
      await activate(stack, L.sriviere, 'sophie@example.org');
      const b = await login(stack, 'sriviere');
      const seen = await sameWithTracking(b, 'full session');
      for (const p of ['/services', '/compte', '/compte/enfants', '/compte/fiche', '/compte/regroupement']) assert.equal(seen[p], 200, p);
    });

    await t.test('/validerAdresseMail?code=…&fbclid=… confirms the address', async () => {
      await firstConnection(stack, L.jmartin, 'julien@example.org');
      const link = await activationLink(stack, L.jmartin, 'julien@example.org');
      const res = await new Browser(stack.base).get(`${pathOf(link)}&fbclid=IwAR0abc`);
      assert.equal(res.status, 200, `${res.status} ${titleOf(res.body)}`);
      assert.match(text(res.body), /Votre compte a été validé/);
      assert.equal(q(stack, "SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = 'jmartin'"), 'active julien@example.org');
    });

    await t.test('/validerNouvelleAdresse?code=…&utm_medium=mail confirms the new address', async () => {
      await activate(stack, L.cmartin, 'claire@example.org');
      const b = await login(stack, 'cmartin');
      assert.equal((await askAddress(b, 'claire.martin@example.org')).status, 303);
      const confirm = await newAddressLink(stack, 'claire.martin@example.org', 'cmartin');
      const res = await new Browser(stack.base).get(`${confirm}&utm_medium=mail`);
      assert.equal(res.status, 200, `${res.status} ${titleOf(res.body)}`);
      assert.match(text(res.body), /Votre nouvelle adresse mail est confirmée/);
      assert.equal(emailOf(stack, 'cmartin'), 'claire.martin@example.org');
    });

    await t.test('/reinitialiser-mot-de-passe?code=…&utm_source=x shows the form, with the code of the link', async () => {
      await activate(stack, L.cmartin1, 'claire.m@example.org');
      const reset = await resetLink(stack, 'cmartin1', 'claire.m@example.org');
      const visitor = new Browser(stack.base);
      const form = await visitor.get(`${reset}&utm_source=x`);
      assert.equal(form.status, 200, `${form.status} ${titleOf(form.body)}`);
      assert.match(form.body, /<title>Nouveau mot de passe — Scolarité services<\/title>/);
      assert.match(form.body, new RegExp(`<input type="hidden" name="code" value="${codeOf(reset)}">`));
      const done = await postReset(visitor, form, codeOf(reset), NEW_PASSWORD);
      assert.equal(done.status, 200);
      assert.match(text(done.body), /Mot de passe modifié/);
      await login(stack, 'cmartin1', NEW_PASSWORD);
    });

    await t.test('an unknown field in a POST is still a 400', async () => {
      const b = new Browser(stack.base);
      for (const [p, fields] of [
        ['/connexion', { identifiant: 'hlefevre', mot_de_passe: L.hlefevre.password }],
        ['/identifiant-oublie', { email: 'hugo@example.org' }],
        ['/mot-de-passe-oublie', { identifiant: 'hlefevre', email: 'hugo@example.org' }],
      ]) {
        const res = await b.submit(p, { ...fields, utm_source: 'ent' });
        assert.equal(res.status, 400, p);
      }
      assert.equal(stateOf(stack, 'hlefevre'), 'letter');
      await firstConnection(stack, L.hlefevre, '');
      const signedIn = await login(stack, 'hlefevre');
      const page = await signedIn.get('/compte');
      const res = await signedIn.post('/compte/adresse', {
        csrf_token: signedIn.csrf(page.body), nouvelle_adresse: 'hugo@example.org', confirmation_adresse: 'hugo@example.org',
        mot_de_passe: PASSWORD, fbclid: 'abc',
      });
      assert.equal(res.status, 400, '/compte/adresse');
      assert.equal(q(stack, "SELECT COUNT(*) FROM email_token WHERE email = 'hugo@example.org'"), '0');
    });
  } finally {
    await stack.stop();
  }
});

// ---------------------- 3. mailed links vs what happened since; HEAD; 4. stages

test('3. mailed links are checked against what happened since; a HEAD never spends a link — 4. sessions sent where they belong', async (t) => {
  const stack = await startStack({ ...STACK, extraConf: SECURITY });
  try {
    const L = letters(stack);

    await t.test('a reset link asked before a password change in Mon compte: 410 "Lien expiré", on GET and on POST', async () => {
      resetCounters(stack);
      await activate(stack, L.dmartin, 'dylan@example.org');
      const link = await resetLink(stack, 'dmartin', 'dylan@example.org');
      const visitor = new Browser(stack.base);
      const form = await visitor.get(link);
      assert.equal(form.status, 200, 'the link works until the change');
      const b = await login(stack, 'dmartin');
      assert.equal((await changePassword(b, PASSWORD, NEW_PASSWORD)).status, 303);
      const get = await new Browser(stack.base).get(link);
      assert.equal(get.status, 410, `GET: ${get.status} ${titleOf(get.body)}`);
      assert.match(text(get.body), /Lien expiré/);
      const post = await postReset(visitor, form, codeOf(link), OTHER_PASSWORD);
      assert.equal(post.status, 410, `POST: ${post.status} ${titleOf(post.body)}`);
      assert.match(text(post.body), /Lien expiré/);
      assert.equal((await signIn(stack, 'dmartin', OTHER_PASSWORD)).status, 422, 'the reset did not happen');
      await login(stack, 'dmartin', NEW_PASSWORD);
    });

    await t.test('a reset link asked before an address change (confirmed): 410', async () => {
      resetCounters(stack);
      await activate(stack, L.fmartin, 'florian@example.org');
      const link = await resetLink(stack, 'fmartin', 'florian@example.org');
      const visitor = new Browser(stack.base);
      const form = await visitor.get(link);
      assert.equal(form.status, 200, 'the link works until the change');
      const b = await login(stack, 'fmartin');
      assert.equal((await askAddress(b, 'florian.martin@example.org')).status, 303);
      const confirm = await newAddressLink(stack, 'florian.martin@example.org', 'fmartin');
      assert.equal((await new Browser(stack.base).get(confirm)).status, 200);
      assert.equal(emailOf(stack, 'fmartin'), 'florian.martin@example.org');
      const get = await new Browser(stack.base).get(link);
      assert.equal(get.status, 410, `GET: ${get.status} ${titleOf(get.body)}`);
      assert.match(text(get.body), /Lien expiré/);
      const post = await postReset(visitor, form, codeOf(link), OTHER_PASSWORD);
      assert.equal(post.status, 410, `POST: ${post.status} ${titleOf(post.body)}`);
      await login(stack, 'fmartin', PASSWORD);
    });

    await t.test('a new-address link asked before a password change: 410 "expiré", the address unchanged', async () => {
      resetCounters(stack);
      await activate(stack, L.ibenali, 'ines@example.org');
      const b = await login(stack, 'ibenali');
      assert.equal((await askAddress(b, 'ines.benali@example.org')).status, 303);
      const confirm = await newAddressLink(stack, 'ines.benali@example.org', 'ibenali');
      assert.equal((await changePassword(b, PASSWORD, NEW_PASSWORD)).status, 303);
      const res = await new Browser(stack.base).get(confirm);
      assert.equal(res.status, 410, `${res.status} ${titleOf(res.body)}`);
      assert.match(text(res.body), /expiré/);
      assert.equal(emailOf(stack, 'ibenali'), 'ines@example.org');
      assert.equal(tokenUsedAt(stack, codeOf(confirm)), 'NULL');
    });

    await t.test('a waiting responsable corrects the address: the first activation link is 410, the new one works', async () => {
      resetCounters(stack);
      const b = await firstConnection(stack, L.cmartin, 'claire.martin@exemple.org');
      const first = await activationLink(stack, L.cmartin, 'claire.martin@exemple.org');
      const res = await correctAddress(b, 'claire@example.org');
      assert.equal(res.status, 303, `correction: ${res.status}`);
      const old = await new Browser(stack.base).get(pathOf(first));
      assert.equal(old.status, 410, `first link: ${old.status} ${titleOf(old.body)}`);
      assert.equal(stateOf(stack, 'cmartin'), 'pending_email');
      const second = await activationLink(stack, L.cmartin, 'claire@example.org');
      assert.equal((await new Browser(stack.base).get(pathOf(second))).status, 200);
      assert.equal(q(stack, "SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = 'cmartin'"), 'active claire@example.org');
    });

    await t.test('HEAD /validerAdresseMail and HEAD /validerNouvelleAdresse change nothing; a GET afterwards confirms', async () => {
      resetCounters(stack);
      await firstConnection(stack, L.jmartin, 'julien@example.org');
      const activation = pathOf(await activationLink(stack, L.jmartin, 'julien@example.org'));
      await new Browser(stack.base).request('HEAD', activation);
      assert.equal(stateOf(stack, 'jmartin'), 'pending_email', 'HEAD: still pending');
      assert.equal(tokenUsedAt(stack, codeOf(activation)), 'NULL', 'HEAD: activation code unused');
      const confirmed = await new Browser(stack.base).get(activation);
      assert.equal(confirmed.status, 200);
      assert.match(text(confirmed.body), /Votre compte a été validé/);
      assert.equal(q(stack, "SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = 'jmartin'"), 'active julien@example.org');

      const b = await login(stack, 'jmartin');
      assert.equal((await askAddress(b, 'julien.martin@example.org')).status, 303);
      const confirm = await newAddressLink(stack, 'julien.martin@example.org', 'jmartin');
      await new Browser(stack.base).request('HEAD', confirm);
      assert.equal(emailOf(stack, 'jmartin'), 'julien@example.org', 'HEAD: address unchanged');
      assert.equal(tokenUsedAt(stack, codeOf(confirm)), 'NULL', 'HEAD: new-address code unused');
      const ok = await new Browser(stack.base).get(confirm);
      assert.equal(ok.status, 200);
      assert.match(text(ok.body), /Votre nouvelle adresse mail est confirmée/);
      assert.equal(emailOf(stack, 'jmartin'), 'julien.martin@example.org');
    });

    const ENTRY = ['/connexion', '/identifiant-oublie', '/mot-de-passe-oublie'];

    await t.test('a first-connection session is sent to /premiere-connexion from the public entry pages; / stays 200', async () => {
      const b = await loginWithLetter(stack, L.kbenali);
      for (const p of ENTRY) {
        const res = await b.get(p);
        assert.equal(res.status, 303, p);
        assert.equal(res.location, '/premiere-connexion', p);
      }
      assert.equal((await b.get('/')).status, 200);
    });

    await t.test('a pending session is sent to /compte-en-attente from the public entry pages and /premiere-connexion; / stays 200', async () => {
      const b = await firstConnection(stack, L.sriviere, 'sophie@example.org');
      for (const p of [...ENTRY, '/premiere-connexion']) {
        const res = await b.get(p);
        assert.equal(res.status, 303, p);
        assert.equal(res.location, '/compte-en-attente', p);
      }
      assert.equal((await b.get('/')).status, 200);
    });

    await t.test('a full session is sent to /services from the public entry pages and /premiere-connexion; / stays 200', async () => {
      await activate(stack, L.elefevre, 'elodie@example.org');
      const b = await login(stack, 'elefevre');
      for (const p of [...ENTRY, '/premiere-connexion']) {
        const res = await b.get(p);
        assert.equal(res.status, 303, p);
        assert.equal(res.location, '/services', p);
      }
      assert.equal((await b.get('/')).status, 200);
    });
  } finally {
    await stack.stop();
  }
});

// ------------------- 5. correcting the address; a new letter — 6. repeated POSTs

test('5. correcting the address from the waiting page, a new letter — 6. a repeated POST shows the outcome', async (t) => {
  const stack = await startStack({ ...STACK, extraConf: `${SECURITY}mail_per_account_per_hour = 3\n` });
  try {
    const L = letters(stack);

    await t.test('/compte-en-attente/adresse: errors 422 next to the field, a wrong password counted, then the correction', async () => {
      resetCounters(stack);
      const typo = 'claire.martin@exemple.org';
      const b = await firstConnection(stack, L.cmartin, typo);
      const oldLink = await activationLink(stack, L.cmartin, typo);
      const id = accountId(stack, 'cmartin');
      const tokens = () => q(stack, `SELECT COUNT(*) FROM email_token WHERE account_id = ${id} AND purpose = 'activation'`);
      assert.equal(tokens(), '1');
      for (const [address, confirmation, field] of [
        ['', '', 'nouvelle_adresse'],
        ['claire@example.org', '', 'confirmation_adresse'],
        ['claire@example.org', 'claire@exemple.org', 'confirmation_adresse'],
        ['pas-une-adresse', 'pas-une-adresse', 'nouvelle_adresse'],
      ]) {
        const res = await correctAddress(b, address, PASSWORD, confirmation);
        const label = `${JSON.stringify(address)} / ${JSON.stringify(confirmation)}`;
        assert.equal(res.status, 422, label);
        assert.ok(fieldError(res.body, field), `${label}: a message next to ${field}`);
        assert.ok(!res.body.includes(PASSWORD), `${label}: never the password`);
      }
      assert.equal(pendingEmailOf(stack, 'cmartin'), typo);
      assert.equal(tokens(), '1', 'no code issued');
      assert.equal(failedLogins(stack, 'cmartin'), 0, 'address errors are not failed logins');

      const wrong = await correctAddress(b, 'claire@example.org', 'Faux2024abc');
      assert.equal(wrong.status, 422);
      assert.ok(fieldError(wrong.body, 'mot_de_passe'), 'a message next to the password');
      assert.equal(failedLogins(stack, 'cmartin'), 1, 'counted like a failed login');
      assert.equal(pendingEmailOf(stack, 'cmartin'), typo);
      assert.equal(queuedTo(stack, 'claire@example.org', '%Activation%'), 0);

      const ok = await correctAddress(b, 'claire@example.org');
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/compte-en-attente');
      assert.equal(pendingEmailOf(stack, 'cmartin'), 'claire@example.org');
      assert.equal(stateOf(stack, 'cmartin'), 'pending_email');
      const waiting = await b.get('/compte-en-attente');
      assert.equal(waiting.status, 200);
      assert.match(text(waiting.body), /claire@example\.org/);
      const newLink = await activationLink(stack, L.cmartin, 'claire@example.org');
      const mail = stack.mails().find((m) => m.to === 'claire@example.org');
      assert.equal(mail.subject, SUBJECT_ACTIVATION);
      // The old link first (it must not confirm the mistyped address), then the new one.
      const old = await new Browser(stack.base).get(pathOf(oldLink));
      assert.equal(old.status, 410, `old link: ${old.status} ${titleOf(old.body)}`);
      assert.equal(stateOf(stack, 'cmartin'), 'pending_email');
      assert.equal((await new Browser(stack.base).get(pathOf(newLink))).status, 200);
      assert.equal(q(stack, "SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = 'cmartin'"), 'active claire@example.org');
      assert.equal((await b.get('/services')).status, 200, 'the waiting session reaches the services');
    });

    await t.test('/compte-en-attente/adresse: the mail limits apply (429 after 3 corrections in the hour)', async () => {
      const b = await firstConnection(stack, L.jmartin, 'julien.0@example.org');
      resetCounters(stack);
      for (let i = 1; i <= 3; i++) {
        const res = await correctAddress(b, `julien.${i}@example.org`);
        assert.equal(res.status, 303, `correction ${i}`);
      }
      const over = await correctAddress(b, 'julien.4@example.org');
      assert.equal(over.status, 429);
      assert.match(text(over.body), /Trop de/);
      assert.equal(pendingEmailOf(stack, 'jmartin'), 'julien.3@example.org');
      assert.equal(Number(q(stack, "SELECT COUNT(*) FROM outbox WHERE to_address = 'julien.4@example.org'")), 0);
    });

    await t.test('teleservices-admin letter: a new letter for an account that never confirmed its address', async () => {
      const b = await firstConnection(stack, L.kbenali, 'karim.benali@exemple.org');
      const oldLink = await activationLink(stack, L.kbenali, 'karim.benali@exemple.org');
      const id = accountId(stack, 'kbenali');
      assert.ok(Number(q(stack, `SELECT COUNT(*) FROM session WHERE account_id = ${id}`)) >= 1);
      const r = schoolAdmin(stack, 'letter', 'kbenali');
      assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}${r.stdout}`);
      const m = /^kbenali\t([A-Z2-9]{8})\n?$/.exec(r.stdout);
      assert.ok(m, `IDENTIFIER<TAB>PASSWORD, not ${JSON.stringify(r.stdout)}`);
      const password = m[1];
      assert.equal(stateOf(stack, 'kbenali'), 'letter');
      assert.equal(q(stack, `SELECT COUNT(*) FROM session WHERE account_id = ${id}`), '0', 'its sessions ended');
      assert.equal((await b.get('/compte-en-attente')).location, '/connexion');
      assert.equal((await signIn(stack, 'kbenali', PASSWORD)).status, 422, 'the password chosen before no longer works');
      const fresh = await signIn(stack, 'kbenali', password);
      assert.equal(fresh.status, 303);
      assert.equal(fresh.location, '/premiere-connexion');
      // The old activation link confirms nothing, before or after the new first connection.
      assert.notEqual((await new Browser(stack.base).get(pathOf(oldLink))).status, 200);
      assert.equal(stateOf(stack, 'kbenali'), 'letter');
      resetCounters(stack);
      const again = await firstConnection(stack, { ...L.kbenali, password }, 'karim@example.org');
      assert.equal((await again.get('/compte-en-attente')).status, 200);
      assert.equal((await new Browser(stack.base).get(pathOf(oldLink))).status, 410);
      assert.equal(q(stack, "SELECT CONCAT(state, ' ', pending_email) FROM account WHERE identifier = 'kbenali'"), 'pending_email karim@example.org');
      // An account with a confirmed address still gets no letter.
      await activate(stack, L.ldupontriviere, 'lea@example.org');
      const refused = schoolAdmin(stack, 'letter', 'ldupontriviere');
      assert.notEqual(refused.code, 0);
      assert.equal(stateOf(stack, 'ldupontriviere'), 'active');
      await login(stack, 'ldupontriviere');
    });

    await t.test('regroupement: VALIDER posted twice shows "regroupement effectué" twice; one merge', async () => {
      await activate(stack, L.sriviere, 'sophie@example.org');
      const b = await login(stack, 'sriviere');
      const confirmation = await b.submit('/compte/regroupement', { identifiant: 'elefevre', mot_de_passe: L.elefevre.password });
      assert.equal(confirmation.status, 200);
      const form = { csrf_token: b.csrf(confirmation.body), decision: 'valider' };
      const first = await b.post('/compte/regroupement/confirmer', form);
      assert.equal(first.status, 200);
      assert.match(text(first.body), /L'opération de regroupement des comptes a été effectuée avec succès/);
      const second = await b.post('/compte/regroupement/confirmer', form);
      assert.equal(second.status, 200, `second VALIDER: ${second.status} ${titleOf(second.body)}`);
      assert.equal(titleOf(second.body), titleOf(first.body));
      assert.match(text(second.body), /L'opération de regroupement des comptes a été effectuée avec succès/);
      assert.equal(q(stack, "SELECT COUNT(*) FROM audit_log WHERE event = 'regroupement' AND identifier = 'sriviere'"), '1');
      assert.equal(q(stack, "SELECT COUNT(*) FROM audit_log WHERE event = 'regroupement'"), '1');
      assert.equal(stateOf(stack, 'elefevre'), 'closed');
    });

    await t.test('first connection posted twice at once: both 303 to /compte-en-attente with a working session, one activation mail', async () => {
      resetCounters(stack);
      const letter = L.cmartin1;
      const email = 'claire.m@example.org';
      const b = await loginWithLetter(stack, letter);
      const form = await b.get('/premiere-connexion');
      const fields = {
        csrf_token: b.csrf(form.body), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
        email, email_confirmation: email, date_naissance: letter.birth,
      };
      const answers = await Promise.all([b.post('/premiere-connexion', fields), b.post('/premiere-connexion', fields)]);
      for (const [i, res] of answers.entries()) {
        assert.equal(res.status, 303, `POST ${i + 1}: ${res.status} ${titleOf(res.body)}`);
        assert.equal(res.location, '/compte-en-attente', `POST ${i + 1}`);
        const cookie = sessionCookieOf(res);
        assert.ok(cookie, `POST ${i + 1}: a session cookie`);
        const s = new Browser(stack.base);
        s.cookies.set('ts_session', cookie);
        assert.equal((await s.get('/compte-en-attente')).status, 200, `POST ${i + 1}: the session works`);
      }
      assert.equal(stateOf(stack, 'cmartin1'), 'pending_email');
      assert.equal(queuedTo(stack, email, '%Activation%'), 1);
      assert.equal(q(stack, `SELECT COUNT(*) FROM email_token WHERE account_id = ${accountId(stack, 'cmartin1')} AND purpose = 'activation'`), '1');
    });

    await t.test('address change posted twice in a row: both 303, one mail queued, and its link works', async () => {
      resetCounters(stack);
      await activate(stack, L.fmartin, 'florian@example.org');
      const b = await login(stack, 'fmartin');
      const page = await b.get('/compte');
      const fields = {
        csrf_token: b.csrf(page.body), nouvelle_adresse: 'florian.martin@example.org',
        confirmation_adresse: 'florian.martin@example.org', mot_de_passe: PASSWORD,
      };
      for (const i of [1, 2]) {
        const res = await b.post('/compte/adresse', fields);
        assert.equal(res.status, 303, `POST ${i}: ${res.status} ${titleOf(res.body)}`);
        assert.equal(res.location, '/compte?modifie=adresse', `POST ${i}`);
      }
      assert.equal(queuedTo(stack, 'florian.martin@example.org', '%nouvelle adresse%'), 1);
      const link = await newAddressLink(stack, 'florian.martin@example.org', 'fmartin');
      const ok = await new Browser(stack.base).get(link);
      assert.equal(ok.status, 200, `${ok.status} ${titleOf(ok.body)}`);
      assert.equal(emailOf(stack, 'fmartin'), 'florian.martin@example.org');
    });

    await t.test('reset form posted twice with the same code and password: the second answer is 200 "Mot de passe modifié"', async () => {
      resetCounters(stack);
      await activate(stack, L.ibenali, 'ines@example.org');
      const link = await resetLink(stack, 'ibenali', 'ines@example.org');
      const b = new Browser(stack.base);
      const form = await b.get(link);
      assert.equal(form.status, 200);
      const first = await postReset(b, form, codeOf(link), NEW_PASSWORD);
      assert.equal(first.status, 200);
      assert.match(text(first.body), /Mot de passe modifié/);
      const second = await postReset(b, form, codeOf(link), NEW_PASSWORD);
      assert.equal(second.status, 200, `second POST: ${second.status} ${titleOf(second.body)}`);
      assert.match(text(second.body), /Mot de passe modifié/);
      assert.doesNotMatch(text(second.body), /déjà utilisé/);
      await login(stack, 'ibenali', NEW_PASSWORD);
    });
  } finally {
    await stack.stop();
  }
});

// ------------------------------- 7. more cases of each kind (fresh review)

test('7. more cases of each kind: repeated POSTs, odd spaces, cancelled requests, odd dates', async (t) => {
  const stack = await startStack({ ...STACK, extraConf: SECURITY });
  try {
    const L = letters(stack);
    const fresh = (cookie) => {
      const b = new Browser(stack.base);
      b.cookies.set('ts_session', cookie);
      return b;
    };

    await t.test('first connection posted twice one after the other (the second copy with the old cookie): the outcome', async () => {
      const letter = L.sriviere;
      const b = await loginWithLetter(stack, letter);
      const oldCookie = b.cookies.get('ts_session');
      const form = await b.get('/premiere-connexion');
      const fields = {
        csrf_token: b.csrf(form.body), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
        email: 'sophie@example.org', email_confirmation: 'sophie@example.org', date_naissance: letter.birth,
      };
      assert.equal((await b.post('/premiere-connexion', fields)).location, '/compte-en-attente');
      // A browser that never got the first answer sends the form again with the letter-stage cookie.
      const twin = fresh(oldCookie);
      const again = await twin.post('/premiere-connexion', fields);
      assert.equal(again.status, 303, titleOf(again.body));
      assert.equal(again.location, '/compte-en-attente');
      assert.equal((await twin.get('/compte-en-attente')).status, 200);
      assert.equal(failedLogins(stack, 'sriviere'), 0);
      assert.equal(queuedTo(stack, 'sophie@example.org', '%Activation%'), 1);
    });

    await t.test('the waiting page correction sent twice in a row: the outcome, one mail, the link works', async () => {
      resetCounters(stack);
      const b = await firstConnection(stack, L.kbenali, 'karim@exmple.org');
      assert.equal((await correctAddress(b, 'karim@example.org')).status, 303);
      const again = await correctAddress(b, 'karim@example.org');
      assert.equal(again.status, 303, titleOf(again.body));
      assert.equal(again.location, '/compte-en-attente');
      assert.equal(queuedTo(stack, 'karim@example.org', '%Activation%'), 1);
      const link = await activationLink(stack, L.kbenali, 'karim@example.org');
      assert.equal((await new Browser(stack.base).get(pathOf(link))).status, 200);
      assert.equal(stateOf(stack, 'kbenali'), 'active');
    });

    await t.test('the reset form posted twice at once: both "Mot de passe modifié"', async () => {
      resetCounters(stack);
      await activate(stack, L.elefevre, 'elodie@example.org');
      const link = await resetLink(stack, 'elefevre', 'elodie@example.org');
      const b = new Browser(stack.base);
      const form = await b.get(link);
      const answers = await Promise.all([0, 1].map(() => postReset(b, form, codeOf(link), NEW_PASSWORD)));
      for (const res of answers) {
        assert.equal(res.status, 200, titleOf(res.body));
        assert.match(text(res.body), /Mot de passe modifié/);
      }
      await login(stack, 'elefevre', NEW_PASSWORD);
    });

    await t.test('Mon compte: a password change posted twice at once: both lead to the outcome', async () => {
      resetCounters(stack);
      await activate(stack, L.jmartin, 'julien@example.org');
      const b = await login(stack, 'jmartin');
      const page = await b.get('/compte');
      const fields = {
        csrf_token: b.csrf(page.body), mot_de_passe_actuel: PASSWORD, nouveau_mot_de_passe: OTHER_PASSWORD,
        confirmation: OTHER_PASSWORD,
      };
      const answers = await Promise.all([b.post('/compte/mot-de-passe', fields), b.post('/compte/mot-de-passe', fields)]);
      for (const res of answers) {
        assert.equal(res.status, 303, titleOf(res.body));
        assert.equal(res.location, '/compte?modifie=mot-de-passe');
      }
      assert.equal(failedLogins(stack, 'jmartin'), 0);
      await login(stack, 'jmartin', OTHER_PASSWORD);
    });

    await t.test('Mon compte: a current password too long to be one is not counted as a failure', async () => {
      const b = await login(stack, 'jmartin', OTHER_PASSWORD);
      const res = await changePassword(b, 'x'.repeat(200), NEW_PASSWORD);
      assert.equal(res.status, 422);
      assert.ok(fieldError(res.body, 'mot_de_passe_actuel'));
      assert.equal(failedLogins(stack, 'jmartin'), 0);
    });

    await t.test('a new-address request cancelled by a password change can be made again at once', async () => {
      resetCounters(stack);
      await activate(stack, L.ibenali, 'ines@example.org');
      const b = await login(stack, 'ibenali');
      assert.equal((await askAddress(b, 'ines.b@example.org')).status, 303);
      assert.equal((await changePassword(b, PASSWORD, NEW_PASSWORD)).status, 303);
      assert.doesNotMatch(text((await b.get('/compte')).body), /En attente de confirmation : ines\.b@example\.org/);
      assert.equal((await askAddress(b, 'ines.b@example.org', NEW_PASSWORD)).status, 303);
      assert.equal(queuedTo(stack, 'ines.b@example.org', '%Confirmation%'), 2);
      const link = await newAddressLink(stack, 'ines.b@example.org', 'ibenali');
      assert.equal((await new Browser(stack.base).get(link)).status, 200);
      assert.equal(emailOf(stack, 'ibenali'), 'ines.b@example.org');
    });

    await t.test('a pupil active without an address gets a new letter from the school', async () => {
      await firstConnection(stack, L.dmartin, '');
      assert.equal(stateOf(stack, 'dmartin'), 'active');
      const r = schoolAdmin(stack, 'letter', 'dmartin');
      assert.equal(r.code, 0, r.stderr);
      const [identifier, password] = r.stdout.trim().split('\t');
      assert.equal(identifier, 'dmartin');
      assert.equal(stateOf(stack, 'dmartin'), 'letter');
      assert.equal((await signIn(stack, 'dmartin', password)).location, '/premiere-connexion');
      assert.notEqual((await signIn(stack, 'dmartin', PASSWORD)).status, 303);
      // An account with a confirmed address gets none.
      assert.notEqual(schoolAdmin(stack, 'letter', 'jmartin').code, 0);
    });

    await t.test('letter passwords pasted with thin, figure or zero-width spaces, or a BOM, sign in uncounted', async () => {
      for (const around of ['\u2009', '\u2007', '\u200b', '\ufeff', '\u3000']) {
        const res = await signIn(stack, 'hlefevre', `${around}${L.hlefevre.password}${around}`);
        assert.equal(res.status, 303, JSON.stringify(around));
        assert.equal(res.location, '/premiere-connexion');
      }
      assert.equal(failedLogins(stack, 'hlefevre'), 0);
    });

    await t.test('attaching a child: a date the form cannot read is not a guess; sent twice, the outcome', async () => {
      resetCounters(stack);
      await activate(stack, L.cmartin, 'claire@example.org');
      const b = await login(stack, 'cmartin');
      const florian = q(stack, "SELECT id FROM pupil WHERE first_name = 'Florian'");
      const attach = async (date) => {
        const page = await b.get('/compte/regroupement');
        return b.post('/compte/regroupement/enfant', { csrf_token: b.csrf(page.body), eleve: florian, date_naissance: date });
      };
      for (const date of ['02 09 2014', '02.09.2014', '2/9/2014', '1'.repeat(30)]) {
        const res = await attach(date);
        assert.equal(res.status, 422, date);
      }
      assert.equal(failedLogins(stack, 'cmartin'), 0);
      const wrong = await attach('03/09/2014');  // well formed and wrong: a guess, counted
      assert.equal(wrong.status, 422);
      assert.equal(failedLogins(stack, 'cmartin'), 1);
      assert.equal((await attach(' 02/09/2014\u00a0')).location, '/compte/enfants');
      const again = await attach('02/09/2014');
      assert.equal(again.status, 303, titleOf(again.body));
      assert.equal(again.location, '/compte/enfants');
      assert.equal(q(stack, `SELECT COUNT(*) FROM account_child WHERE pupil_id = ${florian} AND account_id = ${accountId(stack, 'cmartin')}`), '1');
    });

    await t.test('fiche de renseignements: phone numbers with dots or no-break spaces; errors next to every field', async () => {
      const b = await login(stack, 'cmartin');
      const page = await b.get('/compte/fiche');
      const rid = /name="responsable" value="(\d+)"/.exec(page.body)[1];
      const save = (fields) => b.post('/compte/fiche', {
        csrf_token: b.csrf(page.body), responsable: rid, adresse: '', telephone: '', portable: '', courriel: '', profession: '',
        ...fields,
      });
      assert.equal((await save({ telephone: '05.49.00.00.01', portable: '06\u00a012\u00a034\u00a056\u00a078' })).status, 303);
      assert.equal(q(stack, `SELECT CONCAT(phone, '|', mobile_phone) FROM responsable WHERE id = ${rid}`), '05 49 00 00 01|06 12 34 56 78');
      const long = await save({ profession: 'p'.repeat(130) });
      assert.equal(long.status, 422);
      assert.ok(fieldError(long.body, `profession-${rid}`), 'the error next to the profession field');
    });
  } finally {
    await stack.stop();
  }
});
