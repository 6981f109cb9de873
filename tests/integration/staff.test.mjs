// The staff side (issue 12, contract docs/STAFF.md) over HTTP, through nginx,
// spawn-fcgi, MariaDB and the mail worker: enrolment links (single use, 72 h),
// sign-in with a password then a TOTP code computed by Debian's oathtool
// (wrong codes counted toward the lockout, replayed codes refused, recovery
// codes once), the 10 recovery codes shown once, schools kept apart (an id
// of another school is a 404 and changes nothing), roles (an enseignant gets
// a French 403 on the secrétariat's and direction's pages), delegation,
// the journal (filters, CSV byte for byte, keyset pages), staff and family
// sessions never mixed, the staff idle timeout, no family password in
// sight, `teleservices-admin staff code` in development only, direction
// resetting a second factor and closing an account, Mon compte.
// One stack for the file; TOTP steps are handled with oathtool --now and
// SQL, never by waiting.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import test from 'node:test';

import { BUILD, Browser, decodeHtml, startStack } from './harness.mjs';
import { activate, fieldError, letters, login, pageProblems, text } from './flows.mjs';
import {
  DEMO_UAI, STAFF_PASSWORD, TEST_TOTP_KEY, createStaff, enrol, ficheId, freshCode, recoveryCodesOf, secretOf, staffSignIn, stepOf, totp,
} from './staff.mjs';

const MAX_FAILED_LOGINS = 5;
const IP_MAX_FAILURES = 20;
const UAI_B = '0869998Y';
const NEW_STAFF_PASSWORD = 'Peuplier2025kw';

const resetCounters = (stack) => stack.sql('DELETE FROM rate_event');
const q = (stack, sql) => stack.sqlValue(sql);
const account = (stack, identifier, column) => q(stack, `SELECT ${column} FROM account WHERE identifier = '${identifier}'`);

/** A French page: <html lang="fr">, a title of the site, and the expected words in it. */
function assertFrenchPage(res, label, title, message) {
  assert.match(res.body, /<html lang="fr"/, `${label}: lang`);
  const t = decodeHtml((/<title>([^<]*)<\/title>/.exec(res.body) || [])[1] || '');
  assert.match(t, title, `${label}: title "${t}"`);
  if (message) assert.match(text(res.body), message, `${label}: message`);
}

/** The staff tables, the accounts and the sessions, as text: what a refused request must leave as it was. */
function staffSnapshot(stack) {
  return stack.sql([
    "SELECT 'staff', account_id, IFNULL(establishment_id, ''), first_name, last_name, HEX(IFNULL(totp_sealed, '')), IFNULL(totp_enrolled_at, ''), " +
      "IFNULL(totp_last_step, '') FROM staff ORDER BY 2",
    "SELECT 'staff_role', account_id, role, IFNULL(granted_by, '') FROM staff_role ORDER BY 2, 3",
    "SELECT 'staff_teaching', account_id, class_id, subject FROM staff_teaching ORDER BY 2, 3, 4",
    "SELECT 'staff_recovery_code', account_id, HEX(code_hash), IFNULL(used_at, '') FROM staff_recovery_code ORDER BY 2, 3",
    "SELECT 'account', id, identifier, state, IFNULL(password_hash, ''), IFNULL(closed_at, ''), IFNULL(locked_until, ''), security_stamp FROM account ORDER BY id",
    "SELECT 'session', HEX(id_hash), account_id, stage, expires_at FROM session ORDER BY 2",
    "SELECT 'email_token', HEX(token_hash), account_id, IFNULL(used_at, '') FROM email_token ORDER BY 2",
  ].join(';\n')).map((r) => r.join('\t')).join('\n');
}

/** The Paris date and time of a UTC 'YYYY-MM-DD HH:MM:SS' as JJ/MM/AAAA HH:MM:SS. */
function parisTime(utc) {
  const d = new Date(utc.replace(' ', 'T') + 'Z');
  const parts = Object.fromEntries(new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The first <tag …> of html with every attribute of `attrs` (name → exact value, or a RegExp), in any order; or undefined. */
function tagWith(html, tag, attrs) {
  for (const m of html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))) {
    const ok = Object.entries(attrs).every(([k, v]) => {
      const a = new RegExp(`\\s${k}="([^"]*)"`).exec(m[0]);
      return a && (v instanceof RegExp ? v.test(decodeHtml(a[1])) : decodeHtml(a[1]) === v);
    });
    if (ok) return m[0];
  }
  return undefined;
}

/** One CSV field: quoted (quotes doubled) when it holds ; " CR or LF (RFC 4180 with ;). */
const csvField = (v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

test('staff accounts (issue 12)', async (t) => {
  const stack = await startStack({
    mail: 'maildir',
    postRate: '1000r/s',
    postBurst: 1000,
    extraConf: '[security]\nargon2_memory_kib = 1024\nargon2_iterations = 1\n' +
      `max_failed_logins = ${MAX_FAILED_LOGINS}\nlock_seconds = 900\nlogin_ip_max_failures = ${IP_MAX_FAILURES}\n` +
      `[staff]\ntotp_key = ${TEST_TOTP_KEY}\n`,
  });
  const started = Date.now();
  try {
    const L = letters(stack); // loads the demo school (school A)
    const schoolA = q(stack, `SELECT id FROM establishment WHERE uai = '${DEMO_UAI}'`);
    // School B, by SQL: an establishment, a class, and Inès Benali's family moved into it.
    stack.sql(`INSERT INTO establishment (uai, name, academie) VALUES ('${UAI_B}', 'Lycée des Peupliers', 'Académie de démonstration');
      INSERT INTO school_class (establishment_id, name) SELECT id, '2 B' FROM establishment WHERE uai = '${UAI_B}';`);
    const schoolB = q(stack, `SELECT id FROM establishment WHERE uai = '${UAI_B}'`);
    const classB = q(stack, `SELECT id FROM school_class WHERE establishment_id = ${schoolB}`);
    stack.sql(`UPDATE pupil SET establishment_id = ${schoolB}, class_id = ${classB} WHERE first_name = 'Inès'`);
    await activate(stack, L.cmartin, 'claire@example.org');

    // The staff of both schools.
    const dirA = createStaff(stack, { roles: ['direction'], name: 'Anne Proviseure', email: 'anne.proviseure@example.org' });
    const secA = createStaff(stack, { roles: ['secretariat'], name: 'Sylvie Secrétaire', email: 'sylvie.secretaire@example.org' });
    const vsA = createStaff(stack, { roles: ['vie_scolaire'], name: 'Victor Cpe', email: 'victor.cpe@example.org' });
    const dirB = createStaff(stack, { uai: UAI_B, roles: ['direction'], name: 'Bernard Principal', email: 'bernard.principal@example.org' });
    const secB = createStaff(stack, { uai: UAI_B, roles: ['secretariat'], name: 'Béatrice Secrétaire', email: 'beatrice.secretaire@example.org' });
    const errA = createStaff(stack, { roles: ['secretariat'], name: 'Emma Essai', email: 'emma.essai@example.org' }); // the link's errors
    let ensA; // created through the web form by dirA (below)
    let dirAb; // dirA's signed-in browser

    await t.test('staff create: an identifier and a one-time enrolment link, valid 72 h, stored as its SHA-256', () => {
      for (const s of [dirA, secA, vsA, dirB, secB]) {
        assert.equal(account(stack, s.identifier, 'kind'), 'personnel', s.identifier);
        assert.match(s.code, /^[A-Za-z0-9_-]{20,}$/, `${s.identifier}: code`);
        assert.equal(q(stack, `SELECT COUNT(*) FROM email_token WHERE token_hash = UNHEX(SHA2('${s.code}', 256)) AND account_id = ${s.accountId}`), '1', `${s.identifier}: SHA-256 stored`);
        assert.equal(q(stack, `SELECT TIMESTAMPDIFF(HOUR, created_at, expires_at) FROM email_token WHERE token_hash = UNHEX(SHA2('${s.code}', 256))`), '72');
        assert.equal(account(stack, s.identifier, "IFNULL(password_hash, '')"), '', `${s.identifier}: no password yet`);
      }
      // Bad input: a French message, nothing created.
      const before = q(stack, "SELECT COUNT(*) FROM account WHERE kind = 'personnel'");
      for (const args of [
        ['--uai', '0000000Z', '--role', 'direction', '--name', 'Personne Inconnue', '--email', 'x@example.org'],
        ['--uai', DEMO_UAI, '--role', 'pirate', '--name', 'Personne Inconnue', '--email', 'x@example.org'],
        ['--uai', DEMO_UAI, '--role', 'assistance', '--name', 'Personne Inconnue', '--email', 'x@example.org'],
        ['--uai', DEMO_UAI, '--role', 'direction', '--name', 'Personne Inconnue', '--email', 'pas-une-adresse'],
      ]) {
        const r = stack.adminRun('staff', 'create', ...args);
        assert.notEqual(r.code, 0, `staff create ${args.join(' ')}`);
      }
      assert.equal(q(stack, "SELECT COUNT(*) FROM account WHERE kind = 'personnel'"), before, 'nothing created');
    });

    await t.test('enrolment link: the form; each error a 422 that keeps the link', async () => {
      const b = new Browser(stack.base);
      const form = await b.get(errA.link);
      assert.equal(form.status, 200);
      assertFrenchPage(form, 'enrolment form', / — Scolarité services$/);
      assert.ok(tagWith(form.body, 'form', { method: 'post', action: '/personnel/activer' }), 'the form');
      assert.ok(tagWith(form.body, 'input', { type: 'hidden', name: 'code', value: errA.code }), 'the code, hidden');
      assert.ok(tagWith(form.body, 'input', { type: 'password', name: 'mot_de_passe', autocomplete: 'new-password' }), 'mot_de_passe');
      assert.ok(tagWith(form.body, 'input', { type: 'password', name: 'confirmation', autocomplete: 'new-password' }), 'confirmation');
      assert.equal(pageProblems(form.body), '');
      // Errors: 422, the message next to the field, the link still good.
      for (const [fields, field] of [
        [{ mot_de_passe: STAFF_PASSWORD, confirmation: STAFF_PASSWORD + 'x' }, 'confirmation'],
        [{ mot_de_passe: 'azerty123', confirmation: 'azerty123' }, 'mot_de_passe'],
        [{ mot_de_passe: 'court', confirmation: 'court' }, 'mot_de_passe'],
        [{ mot_de_passe: '', confirmation: '' }, 'mot_de_passe'],
      ]) {
        const res = await b.post('/personnel/activer', { csrf_token: b.csrf(form.body), code: errA.code, ...fields });
        assert.equal(res.status, 422, `${JSON.stringify(fields)}: ${res.status} ${res.location ?? ''}`);
        assert.match(fieldError(res.body, field) ?? '', /[a-zé]{3,}/, `${JSON.stringify(fields)}: a message next to ${field}`);
        assert.ok(!res.body.includes(STAFF_PASSWORD), 'no password in the page');
        assert.equal(pageProblems(res.body), '');
      }
      assert.equal(account(stack, errA.identifier, "IFNULL(password_hash, '')"), '', 'nothing set');
      assert.equal(q(stack, `SELECT used_at IS NULL FROM email_token WHERE account_id = ${errA.accountId}`), '1', 'link not spent');
      assert.equal((await b.get(errA.link)).status, 200, 'the link still opens');
    });

    await t.test('enrolment link: single use', async () => {
      const done = await enrol(stack, dirA);
      dirAb = done.b;
      assert.equal(q(stack, `SELECT used_at IS NOT NULL FROM email_token WHERE token_hash = UNHEX(SHA2('${dirA.code}', 256))`), '1', 'link spent');
      // The link again, in a fresh browser and in the same one: 410, "Lien déjà utilisé"
      // (docs/STAFF.md: a used link says so, as the families' reset link does; an expired one "Lien expiré").
      for (const again of [new Browser(stack.base), dirAb]) {
        const res = await again.get(dirA.link);
        assert.equal(res.status, 410);
        assertFrenchPage(res, 'used link', /Lien déjà utilisé/, /ne peut être utilisé qu'une seule fois/);
      }
      // Posting the spent code (with a token of a page that has a form) changes nothing.
      const visitor = new Browser(stack.base);
      const page = await visitor.get('/personnel');
      const hash = account(stack, dirA.identifier, 'password_hash');
      const reuse = await visitor.post('/personnel/activer', { csrf_token: visitor.csrf(page.body), code: dirA.code, mot_de_passe: NEW_STAFF_PASSWORD, confirmation: NEW_STAFF_PASSWORD });
      assert.equal(reuse.status, 410);
      assert.equal(account(stack, dirA.identifier, 'password_hash'), hash);
    });

    await t.test('enrolment link: expired after 72 h; staff link makes a new one and ends the earlier ones', async () => {
      stack.sql(`UPDATE email_token SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE account_id = ${secA.accountId} AND used_at IS NULL`);
      const b = new Browser(stack.base);
      const res = await b.get(secA.link);
      assert.equal(res.status, 410);
      assertFrenchPage(res, 'expired link', /Lien expiré/, /Lien expiré/);
      const visitor = new Browser(stack.base);
      const page = await visitor.get('/personnel');
      const post = await visitor.post('/personnel/activer', { csrf_token: visitor.csrf(page.body), code: secA.code, mot_de_passe: STAFF_PASSWORD, confirmation: STAFF_PASSWORD });
      assert.equal(post.status, 410);
      assert.equal(account(stack, secA.identifier, "IFNULL(password_hash, '')"), '', 'nothing set');
      // Two new links: the first stops serving when the second is made.
      const linkOf = (out) => new URL(out.match(/https?:\/\/\S+\/personnel\/activer\?code=[^\s"<>]+/)[0]);
      const first = linkOf(stack.admin('staff', 'link', secA.identifier));
      const second = linkOf(stack.admin('staff', 'link', secA.identifier));
      assert.equal((await new Browser(stack.base).get(first.pathname + first.search)).status, 410, 'the earlier link');
      secA.link = second.pathname + second.search;
      secA.code = second.searchParams.get('code');
      await enrol(stack, secA);
      // staff link for nobody: refused.
      assert.notEqual(stack.adminRun('staff', 'link', 'personne.inconnue').code, 0);
    });

    await t.test('enrolment page: the QR code, the secret in text; the 10 recovery codes shown once, never stored in clear', async () => {
      const b = new Browser(stack.base);
      const form = await b.get(vsA.link);
      const set = await b.post('/personnel/activer', { csrf_token: b.csrf(form.body), code: vsA.code, mot_de_passe: STAFF_PASSWORD, confirmation: STAFF_PASSWORD });
      assert.equal(set.location, '/personnel/code');
      const page = await b.get('/personnel/code');
      assert.equal(page.status, 200);
      const codesBefore = Number(q(stack, 'SELECT COUNT(*) FROM staff_recovery_code'));
      assert.ok(tagWith(page.body, 'img', { src: '/personnel/qr.svg', alt: /\S/ }), 'the QR image, with a text alternative');
      const secret = secretOf(page.body);
      assert.match(secret, /^[A-Z2-7]{32}$/, '20 bytes in base32');
      assert.match(page.body, /name="code"/);
      assert.equal(pageProblems(page.body), '');
      const qr = await b.get('/personnel/qr.svg');
      assert.equal(qr.status, 200);
      assert.match(qr.headers.get('content-type') || '', /^image\/svg\+xml/);
      assert.match(qr.body, /<svg\b/);
      // The secret is sealed in the database: neither its base32 nor its hex appears.
      const dump = stack.sql("SELECT account_id, first_name, last_name, HEX(IFNULL(totp_sealed, '')) FROM staff").map((r) => r.join('\t')).join('\n').toUpperCase();
      const hex = Buffer.from(base32Decode(secret)).toString('hex').toUpperCase();
      assert.ok(!dump.includes(secret) && !dump.includes(hex), 'the TOTP secret is not stored in clear');
      // A wrong first code: 422, still the enrolment page.
      const wrong = await b.post('/personnel/code', { csrf_token: b.csrf(page.body), code: totp(secret, { steps: 5 }) });
      assert.equal(wrong.status, 422);
      assert.match(text(wrong.body), /Code incorrect\./);
      assert.match(wrong.body, /id="totp-secret"/);
      vsA.secret = secret;
      vsA.password = STAFF_PASSWORD;
      // Not signed in yet: /etablissement sends back to the code.
      assert.equal((await b.get('/etablissement')).location, '/personnel/code');
      const ok = await b.post('/personnel/code', { csrf_token: b.csrf(page.body), code: await freshCode(stack, vsA) });
      assert.equal(ok.status, 200);
      const codes = recoveryCodesOf(ok.body);
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10, 'ten different codes');
      assert.match(ok.body, /href="\/etablissement"/);
      assert.equal(pageProblems(ok.body), '');
      vsA.codes = codes;
      assert.equal(Number(q(stack, 'SELECT COUNT(*) FROM staff_recovery_code')), codesBefore + 10, '10 codes stored');
      // Keyed digests (HMAC under the site secret): neither the code nor its plain SHA-256 is there.
      const stored = stack.sql('SELECT HEX(code_hash) FROM staff_recovery_code').map((r) => r[0].toLowerCase()).join('\n');
      for (const c of codes) {
        for (const form of [c, c.replace(/-/g, ''), c.toUpperCase(), c.replace(/-/g, '').toUpperCase()]) {
          assert.ok(!stored.includes(Buffer.from(form).toString('hex')), `${c} stored in clear`);
          assert.ok(!stored.includes(crypto.createHash('sha256').update(form).digest('hex')), `${c} stored as a plain SHA-256`);
        }
      }
      // A reload shows them no more; the QR code is gone once enrolled.
      const reload = await b.get('/personnel/code', { follow: true });
      for (const c of codes) assert.ok(!reload.body.includes(c), 'codes shown again on a reload');
      assert.equal((await b.get('/etablissement')).status, 200, 'signed in');
      for (const c of codes) assert.ok(!(await b.get('/etablissement/compte')).body.includes(c), 'codes shown on Mon compte');
      const gone = await b.get('/personnel/qr.svg'); // a signed-in session: the gate's redirect; at the code step: 404 (sign-in case)
      assert.notEqual(gone.status, 200, 'no QR code once enrolled');
      assert.doesNotMatch(gone.body, /<svg\b/, 'no QR code once enrolled');
    });

    await t.test('sign-in: password, then the code; wrong password 422; replayed code refused', async () => {
      resetCounters(stack);
      const b = new Browser(stack.base);
      const form = await b.get('/personnel');
      assert.equal(form.status, 200);
      assert.ok(tagWith(form.body, 'form', { method: 'post', action: '/personnel' }), 'the form');
      assert.ok(tagWith(form.body, 'input', { name: 'identifiant', autocomplete: 'username' }), 'identifiant');
      assert.ok(tagWith(form.body, 'input', { type: 'password', name: 'mot_de_passe', autocomplete: 'current-password' }), 'mot_de_passe');
      assert.equal(pageProblems(form.body), '');
      const wrong = await b.post('/personnel', { csrf_token: b.csrf(form.body), identifiant: dirA.identifier, mot_de_passe: 'Mauvais2025xx' });
      assert.equal(wrong.status, 422);
      assert.match(text(wrong.body), /Identifiant ou mot de passe incorrect\./);
      assert.ok(!wrong.body.includes('Mauvais2025xx'));
      const unknown = await b.post('/personnel', { csrf_token: b.csrf(form.body), identifiant: 'personne.inconnue', mot_de_passe: 'Mauvais2025xx' });
      assert.equal(unknown.status, 422);
      assert.match(text(unknown.body), /Identifiant ou mot de passe incorrect\./);
      // A family's credentials are not a staff sign-in.
      const family = await b.post('/personnel', { csrf_token: b.csrf(form.body), identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
      assert.equal(family.status, 422, 'a family account at /personnel');
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM session s JOIN account a ON a.id = s.account_id WHERE a.identifier = 'cmartin' AND s.stage LIKE 'staff%'`), '0');

      const right = await b.post('/personnel', { csrf_token: b.csrf(form.body), identifiant: dirA.identifier, mot_de_passe: STAFF_PASSWORD });
      assert.equal(right.status, 303);
      assert.equal(right.location, '/personnel/code');
      assert.equal(q(stack, `SELECT stage FROM session WHERE id_hash = UNHEX(SHA2('${b.cookies.get('ts_session')}', 256))`), 'staff_factor');
      const codeForm = await b.get('/personnel/code');
      assert.equal(codeForm.status, 200);
      assert.ok(tagWith(codeForm.body, 'input', { name: 'code', autocomplete: 'one-time-code' }), 'the code field, for the phone\'s keyboard and autofill');
      assert.doesNotMatch(codeForm.body, /id="totp-secret"/, 'enrolled: no secret');
      assert.doesNotMatch(codeForm.body, /qr\.svg/, 'enrolled: no QR code');
      assert.equal((await b.get('/personnel/qr.svg')).status, 404);
      assert.equal(pageProblems(codeForm.body), '');
      assert.equal((await b.post('/personnel/code', { csrf_token: b.csrf(codeForm.body), code: '' })).status, 422, 'no code');
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${dirA.accountId}`);
      for (const bad of ['12345', 'abcdef', '1234567', '000000']) {
        const res = await b.post('/personnel/code', { csrf_token: b.csrf(codeForm.body), code: bad });
        assert.equal(res.status, 422, `code "${bad}"`);
        assert.match(text(res.body), /Code incorrect\./, `code "${bad}"`);
      }
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${dirA.accountId}`);
      const code = await freshCode(stack, dirA);
      const ok = await b.post('/personnel/code', { csrf_token: b.csrf(codeForm.body), code });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/etablissement');
      // The same code again (same step), from another browser after the right password: refused.
      const replay = new Browser(stack.base);
      assert.equal((await replay.submit('/personnel', { identifiant: dirA.identifier, mot_de_passe: STAFF_PASSWORD })).location, '/personnel/code');
      const replayForm = await replay.get('/personnel/code');
      const again = await replay.post('/personnel/code', { csrf_token: replay.csrf(replayForm.body), code });
      assert.equal(again.status, 422, 'a replayed code');
      assert.match(text(again.body), /Code incorrect\./);
      // An earlier step than the one accepted: refused too.
      const earlier = await replay.post('/personnel/code', { csrf_token: replay.csrf(replayForm.body), code: totp(dirA.secret, { steps: -1 }) });
      assert.equal(earlier.status, 422, 'an earlier step');
      assert.equal(q(stack, `SELECT stage FROM session WHERE id_hash = UNHEX(SHA2('${replay.cookies.get('ts_session')}', 256))`), 'staff_factor');
      // ±1 step: the next step's code is accepted.
      const next = await replay.post('/personnel/code', { csrf_token: replay.csrf(replayForm.body), code: totp(dirA.secret, { steps: 1 }) });
      assert.equal(next.status, 303, 'the next step (clock drift)');
      dirA.lastStep = stepOf() + 1;
      // Two steps away: refused.
      const far = new Browser(stack.base);
      await far.submit('/personnel', { identifiant: dirA.identifier, mot_de_passe: STAFF_PASSWORD });
      const farForm = await far.get('/personnel/code');
      assert.equal((await far.post('/personnel/code', { csrf_token: far.csrf(farForm.body), code: totp(dirA.secret, { steps: 3 }) })).status, 422, 'three steps ahead');
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${dirA.accountId}`);
      // The password alone opens no staff page; the code does.
      assert.equal((await far.get('/etablissement')).location, '/personnel/code', 'password alone does not open /etablissement');
      const home = await b.get('/etablissement');
      assert.equal(home.status, 200);
      assert.match(text(home.body), /Collège des Tilleuls/);
      assert.equal(pageProblems(home.body), '');
    });

    await t.test('wrong codes count toward the lockout, with wrong passwords', async () => {
      resetCounters(stack);
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${vsA.accountId}`);
      const b = new Browser(stack.base);
      // Two wrong passwords, then three wrong codes after the right password: locked at the fifth.
      for (let i = 0; i < 2; i++) {
        assert.equal((await b.submit('/personnel', { identifiant: vsA.identifier, mot_de_passe: `Faux${i}2025ab` })).status, 422);
      }
      assert.equal((await b.submit('/personnel', { identifiant: vsA.identifier, mot_de_passe: STAFF_PASSWORD })).location, '/personnel/code');
      assert.equal(account(stack, vsA.identifier, 'failed_logins'), '2', 'the password alone wipes no failure');
      const form = await b.get('/personnel/code');
      const results = [];
      for (let i = 0; i < 3; i++) {
        results.push(await b.post('/personnel/code', { csrf_token: b.csrf(form.body), code: totp(vsA.secret, { steps: 10 + i }) }));
      }
      assert.deepEqual(results.map((r) => r.status), [422, 422, 403]);
      assert.match(text(results[2].body), /verrouillé/);
      assert.ok(Number(q(stack, `SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until) FROM account WHERE id = ${vsA.accountId}`)) > 0, 'locked');
      assert.equal(q(stack, `SELECT COUNT(*) FROM audit_log WHERE event = 'lock' AND account_id = ${vsA.accountId}`), '1');
      // Locked: the right password and the right code are refused.
      const right = await new Browser(stack.base).submit('/personnel', { identifiant: vsA.identifier, mot_de_passe: STAFF_PASSWORD });
      assert.equal(right.status, 403);
      assert.match(text(right.body), /verrouillé/);
      // The lock ended the session that guessed (views.h failed_proof): its right code now meets
      // the sign-in gate (303 to /personnel), never the staff home.
      const code = await b.post('/personnel/code', { csrf_token: b.csrf(form.body), code: await freshCode(stack, vsA) });
      assert.ok(code.status !== 303 || code.location === '/personnel', `a right code while locked: ${code.status} ${code.location}`);
      assert.notEqual((await b.get('/etablissement')).status, 200);
      stack.sql(`UPDATE account SET locked_until = NULL, failed_logins = 0, failed_codes = 0 WHERE id = ${vsA.accountId}`);
    });

    await t.test('a recovery code serves once, typed with or without dashes, in any case', async () => {
      resetCounters(stack);
      const use = async (code) => {
        const b = new Browser(stack.base);
        assert.equal((await b.submit('/personnel', { identifiant: vsA.identifier, mot_de_passe: STAFF_PASSWORD })).location, '/personnel/code');
        const form = await b.get('/personnel/code');
        return b.post('/personnel/code', { csrf_token: b.csrf(form.body), code });
      };
      const [c0, c1] = vsA.codes;
      const first = await use(c0.replace(/-/g, '').toUpperCase());
      assert.equal(first.status, 303, 'without dashes, upper case');
      assert.equal(first.location, '/etablissement');
      const again = await use(c0);
      assert.equal(again.status, 422, 'the same code again');
      assert.match(text(again.body), /Code incorrect\./);
      assert.equal((await use(c1)).status, 303, 'with dashes');
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${vsA.accountId}`);
      const b = await staffSignIn(stack, vsA);
      assert.match(text((await b.get('/etablissement/compte')).body), /\b8\b/, 'Mon compte: 8 codes left');
    });

    await t.test('direction creates a staff member on the web: the link is mailed', async () => {
      const page = await dirAb.get('/etablissement/personnels/nouveau');
      assert.equal(page.status, 200);
      assert.equal(pageProblems(page.body), '');
      for (const f of ['prenom', 'nom', 'courriel', 'role_direction', 'role_secretariat', 'role_vie_scolaire', 'role_enseignant', 'matieres']) {
        assert.match(page.body, new RegExp(`name="${f}"`), f);
      }
      assert.doesNotMatch(page.body, /name="role_assistance"/, 'assistance is never given at creation');
      assert.doesNotMatch(page.body, /name="role_academie"/, 'académie accounts: the command line only');
      const class4C = q(stack, `SELECT id FROM school_class WHERE establishment_id = ${schoolA} AND name = '4 C'`);
      assert.match(page.body, new RegExp(`name="classe_${class4C}"`));
      assert.doesNotMatch(page.body, new RegExp(`name="classe_${classB}"`), 'no class of school B');
      const fields = { prenom: 'Émile', nom: 'Enseignant', courriel: 'emile.enseignant@example.org', role_enseignant: '1', matieres: 'Mathématiques, Physique-chimie', [`classe_${class4C}`]: '1' };
      // Errors: 422, French, nothing created.
      const count = () => q(stack, "SELECT COUNT(*) FROM account WHERE kind = 'personnel'");
      const before = count();
      for (const [bad, field] of [[{ courriel: 'pas-une-adresse' }, 'courriel'], [{ nom: '' }, 'nom'], [{ prenom: '' }, 'prenom']]) {
        const res = await dirAb.post('/etablissement/personnels/nouveau', { csrf_token: dirAb.csrf(page.body), ...fields, ...bad });
        assert.equal(res.status, 422, JSON.stringify(bad));
        assert.match(fieldError(res.body, field) ?? '', /[a-zé]{3,}/, `${JSON.stringify(bad)}: message next to ${field}`);
      }
      const noRole = { ...fields };
      delete noRole.role_enseignant;
      assert.equal((await dirAb.post('/etablissement/personnels/nouveau', { csrf_token: dirAb.csrf(page.body), ...noRole })).status, 422, 'no role');
      for (const role of ['role_academie', 'role_assistance']) {
        const res = await dirAb.post('/etablissement/personnels/nouveau', { csrf_token: dirAb.csrf(page.body), ...fields, [role]: '1' });
        assert.ok([400, 422].includes(res.status), `${role} from the web: ${res.status}`);
      }
      assert.equal(count(), before, 'nothing created');
      const res = await dirAb.post('/etablissement/personnels/nouveau', { csrf_token: dirAb.csrf(page.body), ...fields });
      assert.ok([200, 303].includes(res.status), `created: ${res.status}`);
      assert.equal(count(), String(Number(before) + 1));
      const mail = await stack.waitForMail((m) => m.to === 'emile.enseignant@example.org', 15000);
      const link = new URL(mail.links.find((l) => l.includes('/personnel/activer?code=')));
      const identifier = q(stack, `SELECT a.identifier FROM account a WHERE a.kind = 'personnel' AND a.id = (SELECT account_id FROM email_token WHERE token_hash = UNHEX(SHA2('${link.searchParams.get('code')}', 256)))`);
      assert.ok(identifier, 'the mailed link is the new staff member\'s');
      assert.match(mail.body, new RegExp(identifier.replace(/\./g, '\\.')), 'the mail gives the identifier');
      ensA = { identifier, accountId: account(stack, identifier, 'id'), link: link.pathname + link.search, code: link.searchParams.get('code'), roles: ['enseignant'] };
      await enrol(stack, ensA);
      const home = await (await staffSignIn(stack, ensA)).get('/etablissement');
      assert.equal(home.status, 200);
      for (const w of ['4 C', 'Mathématiques', 'Physique-chimie']) assert.ok(text(home.body).includes(w), `an enseignant's home shows ${w}`);
      const list = await dirAb.get('/etablissement/personnels');
      assert.equal(list.status, 200);
      for (const s of [dirA, secA, vsA, ensA]) assert.ok(text(list.body).includes(s.identifier), `${s.identifier} listed`);
      for (const s of [dirB, secB]) assert.ok(!text(list.body).includes(s.identifier), `${s.identifier} of school B not listed`);
      assert.equal(pageProblems(list.body), '');
    });

    await t.test('an enseignant cannot reach the secrétariat\'s or direction\'s pages: 403, in French', async () => {
      const b = await staffSignIn(stack, ensA);
      const list = await dirAb.get('/etablissement/personnels');
      const secId = ficheId(list.body, secA.identifier);
      for (const p of ['/etablissement/personnels', '/etablissement/personnels/nouveau', `/etablissement/personnels/fiche?id=${secId}`,
        '/etablissement/journal', '/etablissement/journal.csv', '/etablissement/suivi', '/etablissement/assistance', '/etablissement/assistance?identifiant=cmartin']) {
        const res = await b.get(p);
        assert.equal(res.status, 403, p);
        assertFrenchPage(res, p, /Accès refusé/, /Accès refusé/);
        assert.match(res.headers.get('content-type') || '', /^text\/html/, p);
      }
      const token = b.csrf((await b.get('/etablissement')).body);
      const before = staffSnapshot(stack);
      for (const [p, fields] of [
        ['/etablissement/personnels/fermer', { id: secId }], ['/etablissement/personnels/double-facteur', { id: secId }],
        ['/etablissement/personnels/delegation', { id: secId, action: 'accorder' }],
        ['/etablissement/personnels/nouveau', { prenom: 'X', nom: 'Y', courriel: 'xy@example.org', role_direction: '1', matieres: '' }],
        ['/etablissement/assistance/deverrouiller', { id: account(stack, 'cmartin', 'id') }],
      ]) {
        const res = await b.post(p, { csrf_token: token, ...fields });
        assert.equal(res.status, 403, p);
        assertFrenchPage(res, p, /Accès refusé/, /Accès refusé/);
      }
      assert.equal(staffSnapshot(stack), before, 'nothing changed');
      // The secrétariat: suivi and assistance, not personnels nor journal.
      const s = await staffSignIn(stack, secA);
      for (const p of ['/etablissement/personnels', '/etablissement/journal', '/etablissement/journal.csv']) assert.equal((await s.get(p)).status, 403, `secrétariat: ${p}`);
      for (const p of ['/etablissement/suivi', '/etablissement/assistance']) {
        const res = await s.get(p);
        assert.equal(res.status, 200, `secrétariat: ${p}`);
        assert.equal(pageProblems(res.body), '', p);
      }
      // The home shows the entries the roles allow, and no others.
      const home = await b.get('/etablissement');
      assert.doesNotMatch(home.body, /href="\/etablissement\/(personnels|journal|assistance)"/, 'no entry the enseignant cannot open');
      const dirHome = await dirAb.get('/etablissement');
      for (const p of ['personnels', 'journal', 'suivi', 'assistance']) assert.match(dirHome.body, new RegExp(`href="/etablissement/${p}"`), `direction: ${p}`);
    });

    await t.test('delegation: the enseignant reaches assistance only while it is granted; audited', async () => {
      const b = await staffSignIn(stack, ensA);
      assert.equal((await b.get('/etablissement/assistance')).status, 403);
      const list = await dirAb.get('/etablissement/personnels');
      const id = ficheId(list.body, ensA.identifier);
      const fiche = await dirAb.get(`/etablissement/personnels/fiche?id=${id}`);
      assert.equal(fiche.status, 200);
      assert.match(fiche.body, /action="\/etablissement\/personnels\/delegation"/);
      assert.equal(pageProblems(fiche.body), '');
      const audit = (event) => Number(q(stack, `SELECT COUNT(*) FROM audit_log WHERE event = '${event}' AND (account_id = ${ensA.accountId} OR detail LIKE '%${ensA.identifier}%' OR identifier = '${ensA.identifier}')`));
      // A secrétariat has no delegation permission.
      const s = await staffSignIn(stack, secA);
      const denied = await s.post('/etablissement/personnels/delegation', { csrf_token: s.csrf((await s.get('/etablissement')).body), id, action: 'accorder' });
      assert.equal(denied.status, 403);
      // A value the form does not offer: refused, nothing changed.
      const before = staffSnapshot(stack);
      const odd = await dirAb.post('/etablissement/personnels/delegation', { csrf_token: dirAb.csrf(fiche.body), id, action: 'pirater' });
      assert.ok([400, 422].includes(odd.status), `action=pirater: ${odd.status}`);
      assert.match(odd.body, /<html lang="fr"/);
      assert.equal(staffSnapshot(stack), before);

      const grant = await dirAb.post('/etablissement/personnels/delegation', { csrf_token: dirAb.csrf(fiche.body), id, action: 'accorder' });
      assert.ok([200, 303].includes(grant.status), `granted: ${grant.status}`);
      assert.equal(audit('delegation_granted'), 1);
      const open = await b.get('/etablissement/assistance');
      assert.equal(open.status, 200, 'delegated: assistance opens, in the same session');
      assert.match((await b.get('/etablissement')).body, /href="\/etablissement\/assistance"/);
      assert.equal((await b.get('/etablissement/assistance?identifiant=cmartin')).status, 200);
      assert.equal((await b.get('/etablissement/personnels')).status, 403, 'assistance only');
      const revoke = await dirAb.post('/etablissement/personnels/delegation', { csrf_token: dirAb.csrf(fiche.body), id, action: 'retirer' });
      assert.ok([200, 303].includes(revoke.status), `revoked: ${revoke.status}`);
      assert.equal(audit('delegation_revoked'), 1);
      assert.equal((await b.get('/etablissement/assistance')).status, 403, 'revoked: refused again');
    });

    await t.test('a staff member of school A gets 404 for every page and id of school B; nothing changes', async () => {
      const eB = await enrol(stack, dirB);
      await enrol(stack, secB);
      assert.match(text((await eB.b.get('/etablissement')).body), /Lycée des Peupliers/, 'school B\'s home names it');
      const listB = await eB.b.get('/etablissement/personnels');
      assert.equal(listB.status, 200);
      const idsB = [ficheId(listB.body, dirB.identifier), ficheId(listB.body, secB.identifier)];
      const listA = await dirAb.get('/etablissement/personnels');
      const ownId = ficheId(listA.body, secA.identifier);
      assert.ok(!idsB.includes(ownId));
      assert.equal((await dirAb.get(`/etablissement/personnels/fiche?id=${ownId}`)).status, 200, 'a fiche of the own school');
      // Inès's family is of school B now: its account, locked.
      stack.sql("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR, failed_logins = 5 WHERE identifier = 'kbenali'");
      const kbenali = account(stack, 'kbenali', 'id');
      const token = dirAb.csrf((await dirAb.get('/etablissement')).body);
      const before = staffSnapshot(stack);
      const refused = async (res, label) => {
        assert.equal(res.status, 404, `${label}: ${res.status}\n${text(res.body).slice(0, 300)}`);
        assert.match(res.body, /<html lang="fr"/, label);
        assert.ok(!text(res.body).includes('Lycée des Peupliers') && !text(res.body).includes('Bernard'), `${label}: nothing of school B shown`);
      };
      for (const id of idsB) {
        await refused(await dirAb.get(`/etablissement/personnels/fiche?id=${id}`), `fiche ${id}`);
        await refused(await dirAb.post('/etablissement/personnels/fermer', { csrf_token: token, id }), `fermer ${id}`);
        await refused(await dirAb.post('/etablissement/personnels/double-facteur', { csrf_token: token, id }), `double-facteur ${id}`);
        await refused(await dirAb.post('/etablissement/personnels/lien', { csrf_token: token, id }), `lien ${id}`);
        for (const action of ['accorder', 'retirer']) {
          await refused(await dirAb.post('/etablissement/personnels/delegation', { csrf_token: token, id, action }), `delegation ${action} ${id}`);
        }
      }
      for (const id of ['999999', '0']) await refused(await dirAb.get(`/etablissement/personnels/fiche?id=${id}`), `fiche ${id}`);
      await refused(await dirAb.get('/etablissement/assistance?identifiant=kbenali'), 'assistance for a family of school B');
      await refused(await dirAb.post('/etablissement/assistance/deverrouiller', { csrf_token: token, id: kbenali }), 'deverrouiller a family of school B');
      // A class of school B is no field of school A's form: refused like a class that does not exist (404, or the 400 of an unknown field).
      const withClass = (id) => dirAb.post('/etablissement/personnels/nouveau', {
        csrf_token: token, prenom: 'Zoé', nom: 'Intruse', courriel: 'zoe.intruse@example.org', role_enseignant: '1', matieres: 'Histoire', [`classe_${id}`]: '1',
      });
      const foreign = await withClass(classB);
      assert.ok([400, 404].includes(foreign.status), `a class of school B: ${foreign.status}`);
      assert.equal((await withClass(999999)).status, foreign.status, 'the same answer as for no class at all');
      assert.equal(staffSnapshot(stack), before, 'nothing changed');
      assert.ok(Number(q(stack, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until) FROM account WHERE identifier = 'kbenali'")) > 0, 'still locked');
      // The journal of A shows nothing of B's staff.
      const journal = await dirAb.get(`/etablissement/journal?identifiant=${dirB.identifier}`);
      assert.equal(journal.status, 200);
      assert.ok(!text(journal.body).includes('Lycée des Peupliers'));
      // The same family, by its own school's direction: found, unlocked (the 404 above was the scope, not a broken page).
      const found = await eB.b.get('/etablissement/assistance?identifiant=kbenali');
      assert.equal(found.status, 200);
      const unlock = await eB.b.post('/etablissement/assistance/deverrouiller', { csrf_token: eB.b.csrf(found.body), id: kbenali });
      assert.ok([200, 303].includes(unlock.status), `unlock by its own school: ${unlock.status}`);
      assert.equal(account(stack, 'kbenali', "IFNULL(locked_until > UTC_TIMESTAMP(), 0)"), '0', 'unlocked by school B');
    });

    await t.test('no page of /etablissement shows a password hash or sets a family\'s password', async (st) => {
      stack.sql("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE identifier = 'cmartin'");
      st.after(() => stack.sql("UPDATE account SET locked_until = NULL, failed_logins = 0, failed_codes = 0 WHERE identifier = 'cmartin'"));
      const hashes = stack.sql('SELECT password_hash FROM account WHERE password_hash IS NOT NULL').map((r) => r[0]);
      const list = await dirAb.get('/etablissement/personnels');
      const pages = ['/etablissement', '/etablissement/personnels', '/etablissement/personnels/nouveau', `/etablissement/personnels/fiche?id=${ficheId(list.body, secA.identifier)}`,
        '/etablissement/journal', '/etablissement/journal.csv', '/etablissement/suivi', '/etablissement/assistance', '/etablissement/assistance?identifiant=cmartin', '/etablissement/compte'];
      for (const p of pages) {
        const res = await dirAb.get(p);
        assert.equal(res.status, 200, p);
        assert.doesNotMatch(res.body, /\$argon2/, `${p}: a hash`);
        for (const h of hashes) assert.ok(!res.body.includes(h.split('$').pop()), `${p}: a password hash`);
        if (p === '/etablissement/compte') continue; // the staff member's own password
        assert.doesNotMatch(res.body, /type="password"/, `${p}: a password field`);
        assert.doesNotMatch(res.body, /name="[^"]*mot_de_passe[^"]*"/, `${p}: a password field`);
      }
      // A password slipped into the unlock form: refused, nothing set.
      const found = await dirAb.get('/etablissement/assistance?identifiant=cmartin');
      const hash = account(stack, 'cmartin', 'password_hash');
      const res = await dirAb.post('/etablissement/assistance/deverrouiller', { csrf_token: dirAb.csrf(found.body), id: account(stack, 'cmartin', 'id'), mot_de_passe: 'Pirate2025ab' });
      assert.equal(res.status, 400, 'an undeclared field');
      assert.equal(account(stack, 'cmartin', 'password_hash'), hash);
    });

    await t.test('the journal: filters, the CSV byte for byte, keyset pages over more than 50 rows', async () => {
      // A known set of rows: ensA (school A) 60 rows on 10/03/2025, Claire Martin (a family of A) 5 on 11/03,
      // rows outside the dates, and rows of school B (its direction, Inès's family) that A never sees.
      const hasEstablishment = q(stack, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'audit_log' AND column_name = 'establishment_id'") === '1';
      const rows = [];
      const add = (who, at, event, detail, ip, school) => rows.push({ who, at, event, detail, ip, school });
      const special = { 3: 'avec ; point-virgule', 4: 'avec "guillemets"', 5: 'sur deux\nlignes', 6: 'accentué — é', 7: '' };
      for (let i = 0; i < 60; i++) {
        const mm = String(i).padStart(2, '0');
        add(ensA, `2025-03-10 08:${mm}:00`, i % 2 ? 'password_change' : 'login_failure', `ligne ${i}${special[i] !== undefined ? ' ' + special[i] : ''}`, `192.0.2.${i + 1}`, schoolA);
      }
      const cm = { identifier: 'cmartin', accountId: account(stack, 'cmartin', 'id') };
      for (let i = 0; i < 4; i++) add(cm, `2025-03-11 21:0${i}:00`, 'login_failure', `famille ${i}`, '2001:db8::1', schoolA);
      add(cm, '2025-03-11 23:30:00', 'login_failure', 'famille, le 12 à Paris', '2001:db8::1', schoolA); // 12/03 00:30 in Paris
      add(ensA, '2025-03-09 22:59:59', 'login_failure', 'avant la période', '192.0.2.200', schoolA); // 09/03 23:59:59 in Paris
      add(ensA, '2025-03-12 08:00:00', 'login_failure', 'après la période', '192.0.2.201', schoolA);
      const kb = { identifier: 'kbenali', accountId: account(stack, 'kbenali', 'id') };
      for (let i = 0; i < 3; i++) add(dirB, `2025-03-10 09:0${i}:00`, 'login_failure', `école B ${i}`, '198.51.100.1', schoolB);
      for (let i = 0; i < 3; i++) add(kb, `2025-03-10 09:1${i}:00`, 'login_failure', `famille B ${i}`, '198.51.100.2', schoolB);
      const sqlText = (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\n/g, '\\n')}'`;
      stack.sql(rows.map((r) => `INSERT INTO audit_log (at, account_id, identifier, event, detail, remote_addr${hasEstablishment ? ', establishment_id' : ''}) VALUES ` +
        `('${r.at}.000', ${r.who.accountId}, '${r.who.identifier}', '${r.event}', ${sqlText(r.detail)}, '${r.ip}'${hasEstablishment ? `, ${r.school}` : ''})`).join(';\n'));
      assert.equal(q(stack, "SELECT detail FROM audit_log WHERE detail LIKE 'ligne 5 %'"), 'ligne 5 sur deux\nlignes');

      // Pages of 50, newest first, the next through `avant`: every row once.
      const page1 = await dirAb.get(`/etablissement/journal?identifiant=${ensA.identifier}&du=2025-03-10&au=2025-03-10`);
      assert.equal(page1.status, 200);
      assert.equal(pageProblems(page1.body), '');
      for (const f of ['du', 'au', 'identifiant', 'evenement']) assert.match(page1.body, new RegExp(`name="${f}"`), `filter ${f}`);
      const seen = [];
      let res = page1;
      for (let n = 0; n < 5; n++) {
        const lines = [...text(res.body).matchAll(/ligne (\d+)\b/g)].map((m) => Number(m[1]));
        assert.ok(lines.length <= 50, `page ${n + 1}: ${lines.length} rows`);
        seen.push(...lines);
        const next = /href="([^"]*[?&](?:amp;)?avant=\d+[^"]*)"/.exec(res.body);
        if (!next) break;
        const url = decodeHtml(next[1]);
        assert.match(url, /identifiant=/, 'the next page keeps the filters');
        res = await dirAb.get(url.startsWith('/') ? url : `/etablissement/${url.replace(/^\.\//, '')}`);
        assert.equal(res.status, 200);
      }
      assert.equal(seen.length, 60, 'no row twice, none missing');
      assert.deepEqual(seen, Array.from({ length: 60 }, (_, i) => 59 - i), 'newest first, every row once');

      // The events in French, as a secretary reads them (security::event_label); the filter takes the event's code.
      const LABELS = { login_failure: 'Échec de connexion', password_change: 'Mot de passe modifié' };
      const expectCsv = (list) => '\uFEFF' + 'Date;Identifiant;Événement;Détail;Adresse IP\r\n' +
        list.map((r) => [parisTime(r.at), r.who.identifier, LABELS[r.event], r.detail, r.ip].map(csvField).join(';') + '\r\n').join('');
      // Newest first (the journal's order: keyset on smaller ids), as in the pages.
      const newestFirst = (list) => [...list].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      const csv = async (query) => {
        const res = await rawGet(dirAb, `/etablissement/journal.csv?${query}`);
        assert.equal(res.status, 200, query);
        assert.match(res.headers.get('content-type') || '', /^text\/csv; ?charset=utf-8/i, query);
        assert.match(res.headers.get('content-disposition') || '', /^attachment; ?filename=/, query);
        return res.body;
      };
      const inA = rows.filter((r) => r.school === schoolA);
      const day = (r) => parisTime(r.at).slice(0, 10); // JJ/MM/AAAA in Paris
      // Dates: both days included, Paris dates.
      assert.equal(await csv('du=2025-03-10&au=2025-03-11'), expectCsv(newestFirst(inA.filter((r) => ['10/03/2025', '11/03/2025'].includes(day(r))))));
      // Identifier and event (and dates), alone and together.
      assert.equal(await csv(`identifiant=${ensA.identifier}&evenement=password_change&du=2025-03-10&au=2025-03-10`),
        expectCsv(newestFirst(inA.filter((r) => r.who === ensA && r.event === 'password_change' && day(r) === '10/03/2025'))));
      assert.equal(await csv(`identifiant=${ensA.identifier}&au=2025-03-09`), expectCsv(newestFirst(inA.filter((r) => r.who === ensA && r.detail === 'avant la période'))));
      assert.equal(await csv('du=2025-03-12&au=2025-03-12'), expectCsv(newestFirst(inA.filter((r) => day(r) === '12/03/2025'))));
      assert.equal(inA.filter((r) => day(r) === '12/03/2025').length, 2);
      // School B's rows, by identifier: none for A.
      assert.equal(await csv('identifiant=kbenali&du=2025-03-10&au=2025-03-10'), expectCsv([]));
      // Bad filters: 422, French.
      for (const bad of ['du=2025-13-40', 'au=10/03/2025', 'du=2025-03-12&au=2025-03-10']) {
        const res = await dirAb.get(`/etablissement/journal?${bad}`);
        assert.equal(res.status, 422, bad);
        assert.match(res.body, /<html lang="fr"/, bad);
        assert.match(res.body, /<title>Erreur : /, `${bad}: the filter form shown again with its error`);
      }
      // A keyset the form never makes: refused, not a 5xx.
      const odd = await dirAb.get('/etablissement/journal?avant=abc');
      assert.ok([400, 422].includes(odd.status), `avant=abc: ${odd.status}`);

    });

    await t.test('the académie: every school\'s journal, read only; the CSV starts with the establishment', async () => {
      const aca = createStaff(stack, { uai: '', roles: ['academie'], name: 'Agathe Rectorat', email: 'agathe.rectorat@example.org' });
      const { b } = await enrol(stack, aca);
      const res = await rawGet(b, '/etablissement/journal.csv?du=2025-03-10&au=2025-03-10&identifiant=kbenali');
      assert.equal(res.status, 200);
      const lines = res.body.split('\r\n');
      assert.equal(lines[0], '\uFEFFÉtablissement;Date;Identifiant;Événement;Détail;Adresse IP');
      assert.equal(lines.length, 1 + 3 + 1, 'the 3 rows of Inès\'s family, school B');
      for (const line of lines.slice(1, -1)) assert.match(line, new RegExp(`^(Lycée des Peupliers|${UAI_B})[^;]*;10/03/2025 `), line);
      assert.equal(lines.at(-1), '');
      for (const p of ['/etablissement/suivi', '/etablissement/journal']) assert.equal((await b.get(p)).status, 200, `académie: ${p}`);
      for (const p of ['/etablissement/personnels', '/etablissement/assistance', '/etablissement/personnels/nouveau']) {
        assert.equal((await b.get(p)).status, 403, `académie, read only: ${p}`);
      }
    });

    await t.test('a staff session and a family session never mix in one browser', async () => {
      resetCounters(stack);
      // Live sessions (a row a stage change replaced serves only its form's twin for 2 minutes: twins.test.mjs).
      const sessionsOf = (id) => q(stack, `SELECT COUNT(*) FROM session WHERE account_id = ${id} AND replaced IS NULL`);
      const cmId = account(stack, 'cmartin', 'id');
      stack.sql(`DELETE FROM session WHERE account_id IN (${cmId}, ${secA.accountId})`);
      // A family signed in, then a staff member in the same browser.
      const b = await login(stack, 'cmartin');
      assert.equal((await b.get('/services')).status, 200);
      const form = await b.get('/personnel');
      assert.equal(form.status, 200, 'a family session sees the staff form');
      await staffSignIn(stack, secA, { b });
      assert.equal(sessionsOf(cmId), '0', 'the family session is gone');
      assert.equal((await b.get('/etablissement')).status, 200);
      assert.notEqual((await b.get('/services')).status, 200, 'no family page for a staff session');
      // And the reverse: a staff session sees the families' form (as a family sees /personnel).
      assert.equal((await b.get('/connexion')).status, 200, 'a staff session sees the family form');
      const staffCookie = b.cookies.get('ts_session');
      const res = await b.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Tilleul2024x' });
      assert.equal(res.location, '/services');
      const stolen = new Browser(stack.base);
      stolen.cookies.set('ts_session', staffCookie);
      assert.equal((await stolen.get('/etablissement')).location, '/personnel', 'the staff session\'s cookie opens nothing');
      assert.equal(sessionsOf(secA.accountId), '0', 'the staff session is gone');
      assert.equal((await b.get('/etablissement')).location, '/personnel');
      assert.equal((await b.get('/services')).status, 200);
      // Sign-out of a staff session: back to /personnel.
      const s = await staffSignIn(stack, secA);
      const out = await s.post('/deconnexion', { csrf_token: s.csrf((await s.get('/etablissement')).body) });
      assert.equal(out.location, '/personnel?deconnexion=1');
      assert.equal((await s.get('/etablissement')).location, '/personnel');
    });

    await t.test('staff sessions end after [staff] idle_minutes (15), families\' after theirs (30)', async () => {
      const s = await staffSignIn(stack, secA);
      const f = await login(stack, 'cmartin');
      const age = (b, minutes) => stack.sql(`UPDATE session SET last_seen_at = last_seen_at - INTERVAL ${minutes} MINUTE, created_at = created_at - INTERVAL ${minutes} MINUTE WHERE id_hash = UNHEX(SHA2('${b.cookies.get('ts_session')}', 256))`);
      const staffId = s.cookies.get('ts_session');
      age(s, 14);
      assert.equal((await s.get('/etablissement')).status, 200, '14 minutes idle');
      age(s, 16);
      age(f, 16);
      const gone = await s.get('/etablissement');
      assert.equal(gone.status, 303);
      assert.equal(gone.location, '/personnel');
      assert.equal(q(stack, `SELECT COUNT(*) FROM session WHERE id_hash = UNHEX(SHA2('${s.cookies.get('ts_session') ?? staffId}', 256))`), '0', 'the staff session is deleted');
      assert.equal((await f.get('/services')).status, 200, 'a family idle for 16 minutes is still signed in');
      // At stage staff_factor too.
      const half = new Browser(stack.base);
      await half.submit('/personnel', { identifiant: secA.identifier, mot_de_passe: STAFF_PASSWORD });
      age(half, 16);
      assert.equal((await half.get('/personnel/code')).location, '/personnel');
    });

    await t.test('teleservices-admin staff code: the current code in development mode only', async () => {
      const r = stack.adminRun('staff', 'code', secA.identifier);
      assert.equal(r.code, 0, r.stderr);
      const printed = (r.stdout.match(/\b\d{6}\b/) || [])[0];
      assert.ok([-1, 0, 1].map((s) => totp(secA.secret, { steps: s })).includes(printed), `the current code: ${r.stdout}`);
      assert.notEqual(stack.adminRun('staff', 'code', 'personne.inconnue').code, 0, 'an unknown identifier');
      // The same configuration with dev_mail_page = false: refused, no code printed.
      const prod = path.join(stack.var, 'etc', 'production.conf');
      const conf = fs.readFileSync(stack.conf, 'utf8');
      assert.match(conf, /^dev_mail_page = true$/m);
      fs.writeFileSync(prod, conf.replace(/^dev_mail_page = true$/m, 'dev_mail_page = false'));
      const p = spawnSync(path.join(BUILD, 'teleservices-admin'), ['--config', prod, 'staff', 'code', secA.identifier], { encoding: 'utf8' });
      assert.notEqual(p.status, 0, 'refused in production');
      assert.doesNotMatch(p.stdout + p.stderr, /\b\d{6}\b/, 'no code printed');
      assert.match(p.stderr, /dev_mail_page/, `the reason, naming the setting: ${p.stderr}`);
    });

    await t.test('direction mails a new enrolment link from the fiche; the earlier one stops serving', async () => {
      const late = createStaff(stack, { roles: ['secretariat'], name: 'Lucie Retard', email: 'lucie.retard@example.org' });
      const list = await dirAb.get('/etablissement/personnels');
      const fiche = await dirAb.get(`/etablissement/personnels/fiche?id=${ficheId(list.body, late.identifier)}`);
      assert.match(fiche.body, /action="\/etablissement\/personnels\/lien"/);
      const res = await dirAb.post('/etablissement/personnels/lien', { csrf_token: dirAb.csrf(fiche.body), id: ficheId(list.body, late.identifier) });
      assert.ok([200, 303].includes(res.status), `lien: ${res.status}`);
      const mail = await stack.waitForMail((m) => m.to === 'lucie.retard@example.org', 15000);
      const link = new URL(mail.links.find((l) => l.includes('/personnel/activer?code=')));
      assert.equal((await new Browser(stack.base).get(late.link)).status, 410, 'the earlier link');
      Object.assign(late, { link: link.pathname + link.search, code: link.searchParams.get('code') });
      await enrol(stack, late);
    });

    await t.test('direction resets a second factor: audited, the next sign-in enrols again, old codes refused', async () => {
      resetCounters(stack);
      const list = await dirAb.get('/etablissement/personnels');
      const id = ficheId(list.body, secA.identifier);
      const fiche = await dirAb.get(`/etablissement/personnels/fiche?id=${id}`);
      assert.match(fiche.body, /action="\/etablissement\/personnels\/double-facteur"/);
      const auditBefore = Number(q(stack, 'SELECT MAX(id) FROM audit_log'));
      const codesBefore = Number(q(stack, 'SELECT COUNT(*) FROM staff_recovery_code'));
      const res = await dirAb.post('/etablissement/personnels/double-facteur', { csrf_token: dirAb.csrf(fiche.body), id });
      assert.ok([200, 303].includes(res.status), `reset: ${res.status}`);
      const audited = stack.sql(`SELECT event, IFNULL(identifier, ''), IFNULL(detail, ''), IFNULL(account_id, 0) FROM audit_log WHERE id > ${auditBefore}`);
      assert.ok(audited.some(([, who, detail, acc]) => who === secA.identifier || detail.includes(secA.identifier) || acc === secA.accountId), `audited: ${JSON.stringify(audited)}`);
      assert.equal(Number(q(stack, 'SELECT COUNT(*) FROM staff_recovery_code')), codesBefore - 10, 'its 10 recovery codes gone');
      const b = new Browser(stack.base);
      assert.equal((await b.submit('/personnel', { identifiant: secA.identifier, mot_de_passe: STAFF_PASSWORD })).location, '/personnel/code');
      const page = await b.get('/personnel/code');
      assert.match(page.body, /qr\.svg/, 'the enrolment page again');
      const secret = secretOf(page.body);
      assert.notEqual(secret, secA.secret, 'a new secret');
      for (const old of [totp(secA.secret), secA.codes[5]]) {
        const r = await b.post('/personnel/code', { csrf_token: b.csrf(page.body), code: old });
        assert.equal(r.status, 422, `an old code: ${old}`);
      }
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${secA.accountId}`);
      secA.secret = secret;
      secA.lastStep = undefined;
      const ok = await b.post('/personnel/code', { csrf_token: b.csrf(page.body), code: await freshCode(stack, secA) });
      assert.equal(ok.status, 200);
      secA.codes = recoveryCodesOf(ok.body);
      assert.equal(secA.codes.length, 10);
    });

    await t.test('direction closes a staff account: its sessions end, it signs in no more; not one\'s own', async () => {
      resetCounters(stack);
      const victim = await staffSignIn(stack, secA);
      const other = await staffSignIn(stack, secA);
      const list = await dirAb.get('/etablissement/personnels');
      const id = ficheId(list.body, secA.identifier);
      const fiche = await dirAb.get(`/etablissement/personnels/fiche?id=${id}`);
      assert.match(fiche.body, /action="\/etablissement\/personnels\/fermer"/);
      // Its own account: refused, still open.
      const ownId = ficheId(list.body, dirA.identifier);
      const own = await dirAb.post('/etablissement/personnels/fermer', { csrf_token: dirAb.csrf(fiche.body), id: ownId });
      assert.ok(own.status >= 400 && own.status < 500, `closing one's own: ${own.status}`);
      assert.match(own.body, /<html lang="fr"/);
      assert.equal(account(stack, dirA.identifier, "IFNULL(closed_at, '')"), '');
      assert.equal((await dirAb.get('/etablissement')).status, 200);
      const res = await dirAb.post('/etablissement/personnels/fermer', { csrf_token: dirAb.csrf(fiche.body), id });
      assert.ok([200, 303].includes(res.status), `closed: ${res.status}`);
      assert.notEqual(account(stack, secA.identifier, "IFNULL(closed_at, '')"), '');
      assert.equal(q(stack, `SELECT COUNT(*) FROM session WHERE account_id = ${secA.accountId}`), '0', 'sessions ended');
      for (const b of [victim, other]) assert.equal((await b.get('/etablissement')).location, '/personnel');
      const again = await new Browser(stack.base).submit('/personnel', { identifiant: secA.identifier, mot_de_passe: STAFF_PASSWORD });
      assert.equal(again.status, 422, 'a closed account signs in no more');
      assert.match(text(again.body), /Identifiant ou mot de passe incorrect\./);
      assert.equal(q(stack, `SELECT COUNT(*) FROM audit_log WHERE account_id = ${secA.accountId} OR identifier = '${secA.identifier}' OR detail LIKE '%${secA.identifier}%'`) > '0', true);
    });

    await t.test('Mon compte: password change, recovery codes left, new codes (the old ones stop serving)', async () => {
      resetCounters(stack);
      const b = await staffSignIn(stack, vsA);
      const page = await b.get('/etablissement/compte');
      assert.equal(page.status, 200);
      assert.equal(pageProblems(page.body), '');
      assert.match(text(page.body), /\b8\b/, '8 recovery codes left');
      assert.match(page.body, /action="\/etablissement\/compte\/mot-de-passe"/);
      assert.match(page.body, /action="\/etablissement\/compte\/codes-de-secours"/);
      const ok = { mot_de_passe_actuel: STAFF_PASSWORD, mot_de_passe: NEW_STAFF_PASSWORD, confirmation: NEW_STAFF_PASSWORD };
      const hash = account(stack, vsA.identifier, 'password_hash');
      for (const [fields, field] of [
        [{ mot_de_passe_actuel: 'Mauvais2025xx' }, 'mot_de_passe_actuel'],
        [{ confirmation: NEW_STAFF_PASSWORD + 'x' }, 'confirmation'],
        [{ mot_de_passe: 'azerty123', confirmation: 'azerty123' }, 'mot_de_passe'],
        [{ mot_de_passe: 'court1', confirmation: 'court1' }, 'mot_de_passe'],
      ]) {
        const res = await b.post('/etablissement/compte/mot-de-passe', { csrf_token: b.csrf(page.body), ...ok, ...fields });
        assert.equal(res.status, 422, JSON.stringify(fields));
        assert.match(fieldError(res.body, field) ?? '', /[a-zé]{3,}/, `${JSON.stringify(fields)}: a message next to ${field}`);
        assert.ok(!res.body.includes('Mauvais2025xx') && !res.body.includes(NEW_STAFF_PASSWORD));
      }
      assert.equal(account(stack, vsA.identifier, 'failed_logins'), '1', 'the wrong current password counted');
      assert.equal(account(stack, vsA.identifier, 'password_hash'), hash);
      const changed = await b.post('/etablissement/compte/mot-de-passe', { csrf_token: b.csrf(page.body), ...ok });
      assert.equal(changed.status, 303);
      assert.equal((await b.get('/etablissement/compte')).status, 200, 'still signed in');
      assert.equal((await new Browser(stack.base).submit('/personnel', { identifiant: vsA.identifier, mot_de_passe: STAFF_PASSWORD })).status, 422, 'the old password');
      vsA.password = NEW_STAFF_PASSWORD;
      // New recovery codes: shown once; the old unused ones stop serving.
      const fresh = await b.get('/etablissement/compte');
      // The password is asked again (a session left open mints no second factor): a wrong one is a counted 422.
      const failuresBefore = Number(account(stack, vsA.identifier, 'failed_logins'));
      const refusedRegen = await b.post('/etablissement/compte/codes-de-secours', { csrf_token: b.csrf(fresh.body), mot_de_passe_codes: 'PasLeBon2024' });
      assert.equal(refusedRegen.status, 422);
      assert.equal(Number(account(stack, vsA.identifier, 'failed_logins')), failuresBefore + 1, 'the wrong password counted');
      const regen = await b.post('/etablissement/compte/codes-de-secours', { csrf_token: b.csrf(fresh.body), mot_de_passe_codes: NEW_STAFF_PASSWORD });
      assert.equal(regen.status, 200);
      const codes = recoveryCodesOf(regen.body);
      assert.equal(codes.length, 10);
      for (const c of codes) assert.ok(!vsA.codes.includes(c));
      const reload = await b.get('/etablissement/compte');
      for (const c of codes) assert.ok(!reload.body.includes(c), 'shown once');
      assert.match(text(reload.body), /\b10\b/, '10 codes left');
      const useCode = async (code) => {
        const x = new Browser(stack.base);
        assert.equal((await x.submit('/personnel', { identifiant: vsA.identifier, mot_de_passe: NEW_STAFF_PASSWORD })).location, '/personnel/code');
        const form = await x.get('/personnel/code');
        return x.post('/personnel/code', { csrf_token: x.csrf(form.body), code });
      };
      assert.equal((await useCode(vsA.codes[9])).status, 422, 'an old code');
      assert.equal((await useCode(codes[0])).status, 303, 'a new code');
    });

    await t.test('statuses: 303 to /personnel, 404, 405, 403 without a token, 429 per address; French pages', async () => {
      resetCounters(stack);
      const anonymous = new Browser(stack.base);
      for (const p of ['/etablissement', '/etablissement/personnels', '/etablissement/journal.csv', '/etablissement/compte']) {
        const res = await anonymous.get(p);
        assert.equal(res.status, 303, p);
        assert.equal(res.location, '/personnel', p);
      }
      assert.equal((await anonymous.get('/personnel/code')).location, '/personnel');
      const b = await staffSignIn(stack, dirA);
      dirAb = b;
      const nf = await b.get('/etablissement/nulle-part');
      assert.equal(nf.status, 404);
      assert.match(nf.body, /<html lang="fr"/);
      const home = await b.get('/etablissement');
      for (const p of ['/etablissement', '/etablissement/personnels', '/etablissement/journal']) {
        const res = await b.post(p, { csrf_token: b.csrf(home.body) });
        assert.equal(res.status, 405, `POST ${p}`);
        assert.match(res.body, /<html lang="fr"/);
      }
      const noToken = await b.post('/etablissement/compte/codes-de-secours', {});
      assert.equal(noToken.status, 403);
      assert.match(text(noToken.body), /Formulaire expiré|Ce formulaire a expiré/);
      // Per client address: after IP_MAX_FAILURES wrong passwords, even the right one waits (429).
      for (let i = 0; i < IP_MAX_FAILURES; i++) {
        await new Browser(stack.base).submit('/personnel', { identifiant: `personne${i}`, mot_de_passe: 'Mauvais2025xx' });
      }
      const blocked = await new Browser(stack.base).submit('/personnel', { identifiant: dirA.identifier, mot_de_passe: STAFF_PASSWORD });
      assert.equal(blocked.status, 429);
      assert.match(text(blocked.body), /Trop de tentatives/);
      assert.ok(blocked.headers.get('retry-after'), 'Retry-After');
      resetCounters(stack);
      assert.doesNotMatch(stack.log(), / error: /, 'nothing logged as an error');
    });
  } finally {
    t.diagnostic(`staff: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await stack.stop();
  }
});

/**
 * A GET with `b`'s cookies, the body as bytes decoded without dropping a
 * byte-order mark (fetch's text() strips it): { status, headers, body }.
 */
async function rawGet(b, p) {
  const res = await fetch(b.url(p), { headers: { cookie: b.cookieHeader() }, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** RFC 4648 base32 to bytes. */
function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of s.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}
