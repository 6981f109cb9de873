// Lockout under 64 parallel guessers spread over every proof of who one is,
// from 64 client addresses (a distributed attack: the per-address limits do
// not apply, the account's own count must): the password at /connexion, the
// current password in Mon compte (password and address forms), the other
// account's password at a regroupement, a child's birth date when attaching
// it, the current password on the waiting page, and the birth date at the
// first connection after a correct letter password (signing in again with
// it must not wipe the failures of the other proof). Whatever the mix, the
// account locks at the threshold (max_failed_logins); the wrong guesses
// checked before the lock never exceed the threshold plus the requests in
// flight (one per handler process of the flows involved); once locked, the
// right password is refused too.
import assert from 'node:assert/strict';
import test from 'node:test';

import { text } from '../integration/flows.mjs';
import { PROOFS, attackStack, Scene } from './attacks.mjs';

const THRESHOLD = 5; // max_failed_logins of the stack (etc/teleservices.conf.example)
const CHILDREN = 2; // FastCGI processes per flow: the requests of a flow that can be in flight at once
const GUESSERS = 64;
const ROUNDS = 4; // guesses per guesser at most (it stops at the lock page)

/** Where the answer leaves a guesser: told wrong (422), locked (403), or something else. */
function outcome(res) {
  if (res.status === 422) return 'wrong';
  if (res.status === 403 && /verrouillé/.test(text(res.body))) return 'locked';
  if (res.status === 303 && res.location === '/connexion') return 'signed out';
  return `${res.status} ${res.location ?? ''}`;
}

test('lockout under 64 parallel guessers, over every proof', async (t) => {
  const stack = await attackStack({ extraConf: `max_failed_logins = ${THRESHOLD}\nlock_seconds = 900\nlogin_ip_max_failures = 30\n` });
  const figures = [];
  try {
    const scene = await Scene.build(stack, ['full', 'other', 'pending', 'letter']);
    const L = scene.L;
    const accountId = (identifier) => stack.sqlValue(`SELECT id FROM account WHERE identifier = '${identifier}'`);
    const lockedNow = (identifier) => stack.sqlValue(`SELECT locked_until > UTC_TIMESTAMP() FROM account WHERE identifier = '${identifier}'`) === '1';
    const posted = new Set(); // the forms the guessers posted to
    const checkedFailures = (identifier) => Number(stack.sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${accountId(identifier)} AND event LIKE '%failure'`));

    /**
     * Runs GUESSERS workers at once, worker i from its own address, each
     * making up to ROUNDS guesses with `guess(i, round, b)` (b: the worker's
     * browser, prepared by `prepare(i)`), stopping at a lock page. Returns
     * the outcome counts.
     */
    const storm = async (label, identifier, prepare, guess, flows) => {
      const browsers = await Promise.all(Array.from({ length: GUESSERS }, (_, i) => prepare(i, `127.2.${Math.floor(i / 200)}.${2 + (i % 200)}`)));
      for (const b of browsers) {
        const post = b.post.bind(b);
        b.post = (p, ...rest) => { posted.add(p); return post(p, ...rest); };
      }
      const before = checkedFailures(identifier);
      const counts = {};
      await Promise.all(browsers.map(async (b, i) => {
        for (let round = 0; round < ROUNDS; round++) {
          const o = outcome(await guess(i, round, b));
          counts[o] = (counts[o] || 0) + 1;
          if (o !== 'wrong') break;
        }
      }));
      const checked = checkedFailures(identifier) - before;
      const inFlight = CHILDREN * flows;
      figures.push(`${label}: ${GUESSERS} guessers, ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}; ` +
        `${checked} wrong guesses checked (threshold ${THRESHOLD}, at most ${inFlight} in flight)`);
      t.diagnostic(figures.at(-1));
      assert.ok(lockedNow(identifier), `${label}: the account is locked`);
      assert.ok((counts.wrong || 0) <= THRESHOLD - 1 + inFlight, `${label}: ${counts.wrong} guesses told wrong`);
      assert.ok(checked <= THRESHOLD + inFlight, `${label}: ${checked} guesses checked`);
      return counts;
    };

    await t.test('an active account: login, Mon compte, regroupement, a child\'s birth date', async () => {
      const florian = stack.sqlValue("SELECT id FROM pupil WHERE first_name = 'Florian'");
      // Sessions the guessers hold: the account's own (a stolen device), and the other family's (regroupement).
      const prepare = async (i, from) => {
        const kind = i % 5;
        if (kind === 0) return scene.browser(from);
        const b = await scene.signIn(kind === 4 ? 'other' : 'full', from);
        b.token = b.csrf((await b.get(kind === 3 || kind === 4 ? '/compte/regroupement' : '/compte')).body);
        return b;
      };
      const guess = async (i, round, b) => {
        const wrong = `Faux${i}x${round}abc`;
        switch (i % 5) {
          case 0: {
            const page = await b.get('/connexion');
            return b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: 'cmartin', mot_de_passe: wrong });
          }
          case 1: return b.post('/compte/mot-de-passe', { csrf_token: b.token, mot_de_passe_actuel: wrong, nouveau_mot_de_passe: 'Nouveau2025ab', confirmation: 'Nouveau2025ab' });
          case 2: return b.post('/compte/adresse', { csrf_token: b.token, nouvelle_adresse: 'x@example.org', confirmation_adresse: 'x@example.org', mot_de_passe: wrong });
          case 3: return b.post('/compte/regroupement/enfant', { csrf_token: b.token, eleve: florian, date_naissance: `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + round}/2014` });
          default: return b.post('/compte/regroupement', { csrf_token: b.token, identifiant: 'cmartin', mot_de_passe: wrong });
        }
      };
      await storm('active account (5 proofs)', 'cmartin', prepare, guess, 3);
      const right = await scene.browser('127.3.0.1').submit('/connexion', { identifiant: 'cmartin', mot_de_passe: scene.passwords.cmartin });
      assert.equal(right.status, 403, 'the right password, once locked');
      assert.match(text(right.body), /verrouillé/);
    });

    await t.test('a responsable waiting for its address: login and the waiting page', async () => {
      const prepare = async (i, from) => {
        if (i % 2 === 0) return scene.browser(from);
        const b = await scene.signIn('pending', from);
        b.token = b.csrf((await b.get('/compte-en-attente')).body);
        return b;
      };
      const guess = async (i, round, b) => {
        const wrong = `Faux${i}y${round}abc`;
        if (i % 2 === 0) {
          const page = await b.get('/connexion');
          return b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: 'sriviere', mot_de_passe: wrong });
        }
        return b.post('/compte-en-attente/adresse', { csrf_token: b.token, nouvelle_adresse: 'y@example.org', confirmation_adresse: 'y@example.org', mot_de_passe: wrong });
      };
      await storm('pending account (2 proofs)', 'sriviere', prepare, guess, 2);
    });

    await t.test('a letter account: the letter password, and the birth date after signing in with it again and again', async () => {
      // Each birth-date guesser signs in with the right letter password before every
      // guess (which must not wipe the failures of the birth date), then guesses.
      const prepare = async (i, from) => scene.browser(from);
      const guess = async (i, round, b) => {
        if (i % 2 === 0) {
          const page = await b.get('/connexion');
          return b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: 'kbenali', mot_de_passe: `FAUX${String(i).padStart(2, '0')}${round}X` });
        }
        return birthDateGuess(b, 'kbenali', `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + round}/2012`);
      };
      await storm('letter account (letter password + birth date)', 'kbenali', prepare, guess, 2);
      const right = await scene.browser('127.3.0.2').submit('/connexion', { identifiant: 'kbenali', mot_de_passe: L.kbenali.password });
      assert.equal(right.status, 403, 'the right letter password, once locked');
      assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'kbenali'"), 'letter', 'no first connection done');
    });

    await t.test('a letter account: birth dates only, each after signing in with the right letter password', async () => {
      const prepare = async (i, from) => scene.browser(from);
      const guess = (i, round, b) => birthDateGuess(b, 'jmartin', `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + round}/2011`);
      await storm('letter account (birth date only)', 'jmartin', prepare, guess, 2);
      assert.equal(stack.sqlValue("SELECT state FROM account WHERE identifier = 'jmartin'"), 'letter', 'no first connection done');
    });

    // The staff side (docs/STAFF.md): the password at /personnel, the second
    // factor after the right password (a stolen password), and the current
    // password in Mon compte, for a password change or new recovery codes (a
    // session left open). One account, one count.
    await t.test('a staff account: the password, the second factor, Mon compte', async () => {
      const staff = await scene.newStaff(['direction']);
      // The sessions the guessers hold are made before the storm, one after the
      // other: each full sign-in uses a TOTP step of its own.
      const held = [];
      for (let i = 0; i < GUESSERS; i++) {
        if (i % 4 === 1) held[i] = await scene.signInStaff(staff, { code: false });
        else if (i % 4 >= 2) held[i] = await scene.signInStaff(staff);
      }
      stack.sql(`UPDATE account SET failed_logins = 0, failed_codes = 0 WHERE id = ${staff.accountId}`);
      stack.sql('DELETE FROM rate_event');
      const prepare = async (i, from) => {
        const b = held[i] ?? scene.browser(from);
        b.from = from;
        if (i % 4) b.token = b.csrf((await b.get(i % 4 === 1 ? '/personnel/code' : '/etablissement/compte')).body);
        return b;
      };
      const guess = async (i, round, b) => {
        const wrong = `Faux${i}z${round}abc`;
        switch (i % 4) {
          case 0: {
            const page = await b.get('/personnel');
            return b.post('/personnel', { csrf_token: b.csrf(page.body), identifiant: staff.identifier, mot_de_passe: wrong });
          }
          case 1: return b.post('/personnel/code', { csrf_token: b.token, code: String(100000 + i * 10 + round) });
          case 2: return b.post('/etablissement/compte/mot-de-passe', { csrf_token: b.token, mot_de_passe_actuel: wrong, mot_de_passe: 'Nouveau2025ab', confirmation: 'Nouveau2025ab' });
          default: return b.post('/etablissement/compte/codes-de-secours', { csrf_token: b.token, mot_de_passe_codes: wrong });
        }
      };
      await storm('staff account (4 proofs)', staff.identifier, prepare, guess, 2);
      const right = await scene.browser('127.3.0.3').submit('/personnel', { identifiant: staff.identifier, mot_de_passe: staff.password });
      assert.equal(right.status, 403, 'the right password, once locked');
      assert.match(text(right.body), /verrouillé/);
    });

    await t.test('the guessers went through every form that checks a secret', () => {
      assert.deepEqual([...posted].sort(), [...PROOFS].sort());
    });

    /** Signs in afresh with the right letter password, then guesses the birth date at the first connection. */
    async function birthDateGuess(b, identifier, date) {
      b.cookies.clear();
      const page = await b.get('/connexion');
      const login = await b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: identifier, mot_de_passe: L[identifier].password });
      if (login.status !== 303) return login; // locked: the lock page
      const form = await b.get('/premiere-connexion');
      if (form.status !== 200) return form;
      return b.post('/premiere-connexion', {
        csrf_token: b.csrf(form.body), mot_de_passe: 'Choisi2025ab', mot_de_passe_confirmation: 'Choisi2025ab',
        email: `${identifier}@example.org`, email_confirmation: `${identifier}@example.org`, date_naissance: date,
      });
    }
  } finally {
    for (const f of figures) process.stderr.write(`lockout: ${f}\n`);
    await stack.stop();
  }
});
