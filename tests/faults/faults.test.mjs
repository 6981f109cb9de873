// Faults under load (`make faults`): each scenario runs while a second
// process (load.mjs) keeps requesting real pages and signing in, and asserts
// what was lost. One stack for the file; the scenarios run in order.
//
//   - handler processes SIGKILLed: multiwatch restarts them within a second,
//     `stack.sh status` tells a short pool, only requests in flight fail;
//   - MariaDB SIGKILLed and restarted: pages answer again within 2 s of it
//     answering, no account, code, session or merge half-written;
//   - the mail worker SIGKILLed between the SMTP server's acceptance and its
//     UPDATE of sent_at: the mail goes again, with the same Message-ID, once
//     the lease ([mail] lease_seconds) lapses;
//   - a send slower than the lease while a second worker polls: the lease is
//     renewed during the send, the mail goes once;
//   - the SMTP server down for 30 s: first connections answer at once, the
//     mail waits in the outbox and goes when the server is back;
//   - the outbox INSERT failing: the pages that queue a mail answer a French
//     503 and change nothing.
//
// Figures (requests, failures, delays) go to the test's diagnostics (the
// spec reporter prints them); docs/RELIABILITY.md quotes them.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser, startStack } from '../integration/harness.mjs';
import { activationLink, firstConnection, letters, loginWithLetter, PASSWORD, text } from '../integration/flows.mjs';
import {
  cmdline, dbAnswers, inconsistencies, isAlive, killAll, killAndWait, killLoads, losses, pidFile, poolPids, restart, sleep, stackStatus,
  startGate, startLoad, waitUntil,
} from './faults.mjs';

const LEASE = 15; // [mail] lease_seconds, the default
const SUBJECT = /Activation de votre compte/;

test('faults under load', async (t) => {
  const stack = await startStack({
    mail: 'smtp',
    children: 2,
    postRate: '1000r/s',
    postBurst: 1000,
    extraConf:
      '[security]\nlogin_ip_max_failures = 100000\nresend_min_interval_seconds = 0\nmail_per_address_per_hour = 100\n' +
      'mail_per_account_per_hour = 100\n[mail]\nretry_base_seconds = 1\n',
  });
  const L = letters(stack);
  const note = (s) => t.diagnostic(s);
  const started = []; // PIDs this file started again (stopped at the end if still there)
  let gate = null;
  const pages = ['/connexion', '/', '/identifiant-oublie', '/mot-de-passe-oublie', '/aide'];
  const letterLogin = { identifiant: 'ibenali', mot_de_passe: L.ibenali.password, expect: '/premiere-connexion' };
  try {
    // Our own SMTP server in place of the stack's, on the same port and Maildir.
    const smtpPid = pidFile(stack, 'smtp.pid')[0];
    await killAndWait(smtpPid, 'SIGTERM');
    gate = await startGate(stack);

    await t.test('handler processes SIGKILLed: restarted within a second, only requests in flight lost', async () => {
      const before = await stackStatus(stack);
      assert.equal(before.code, 0, before.out);
      assert.match(before.out, /^ts-connexion\s+running 2\/2 \(pids \d+ \d+; multiwatch \d+\)$/m);

      const load = await startLoad(stack, { get: 3, paths: pages, logins: [letterLogin] });
      await sleep(1500);
      const kills = [];
      const delays = [];
      // One process of the sign-in pool, then another, then both at once.
      for (const victims of [1, 1, 2]) {
        const old = poolPids(stack, 'connexion');
        assert.equal(old.length, 2, `pool before the kill: ${old}`);
        const t0 = Date.now();
        kills.push(await killAll(old.slice(0, victims)));
        await waitUntil(() => {
          const now = poolPids(stack, 'connexion');
          return now.length === 2 && old.slice(0, victims).every((p) => !now.includes(p));
        }, 1000, `ts-connexion back to 2 processes after killing ${victims}`);
        delays.push(Date.now() - t0);
        await sleep(1000);
      }
      const ops = await load.stop();
      const lost = losses(ops, kills);
      note(`handler kill: ${lost.total} operations (${ops.filter((o) => o.kind === 'login').length} sign-ins), ` +
        `${lost.failed} failed, in flight during the kills: ${lost.inFlight.join(', ')} (the kills took ` +
        `${kills.map((k) => k.to - k.from).join(', ')} ms); restarts after ${delays.join(', ')} ms`);
      assert.deepEqual(lost.unexplained, [], 'failures of requests not in flight at a kill');
      assert.ok(lost.failed <= lost.inFlight.reduce((a, b) => a + b, 0));
      assert.ok(delays.every((d) => d < 1000), `restart delays ${delays}`);
      assert.ok(lost.total > 50, `a steady load (${lost.total} operations)`);
      // The new processes serve.
      assert.equal((await new Browser(stack.base).get('/connexion')).status, 200);
    });

    await t.test('stack.sh status tells a short pool, and multiwatch fills it', async () => {
      const [watcher] = pidFile(stack, 'fcgi-connexion.pid');
      process.kill(watcher, 'SIGSTOP'); // it cannot restart anything while stopped
      try {
        const [victim] = poolPids(stack, 'connexion');
        await killAndWait(victim, 'SIGKILL');
        const short = await stackStatus(stack);
        assert.equal(short.code, 1, short.out);
        assert.match(short.out, /^ts-connexion\s+SHORT 1\/2 \(pids \d+; multiwatch \d+\)$/m);
        assert.match(short.out, /^ts-portail\s+running 2\/2 /m);
      } finally {
        process.kill(watcher, 'SIGCONT');
      }
      await waitUntil(() => poolPids(stack, 'connexion').length === 2, 1000, 'pool filled after SIGCONT');
      const ok = await stackStatus(stack);
      assert.equal(ok.code, 0, ok.out);
      assert.match(ok.out, /^ts-connexion\s+running 2\/2 /m);
    });

    await t.test('MariaDB SIGKILLed and restarted: pages back within 2 s, nothing half-written', async () => {
      assert.deepEqual(inconsistencies(stack), {}, 'consistent before the fault');
      const [dbPid] = pidFile(stack, 'mariadbd.pid');
      const argv = cmdline(dbPid);
      const load = await startLoad(stack, { get: 3, paths: pages, logins: [letterLogin] });
      await sleep(1000);
      // First connections posted 100 ms apart; the server dies 150 ms after
      // the first: some are done, some in progress, some find it gone.
      const who = [L.cmartin, L.kbenali, L.jmartin, L.dmartin];
      const forms = [];
      for (const letter of who) {
        const b = await loginWithLetter(stack, letter);
        forms.push({ b, letter, token: b.csrf((await b.get('/premiere-connexion')).body) });
      }
      const firsts = forms.map(async ({ b, letter, token }, i) => {
        await sleep(i * 100);
        const email = `${letter.identifier}@example.org`;
        try {
          const res = await b.post('/premiere-connexion', {
            csrf_token: token, mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
            email, email_confirmation: email, date_naissance: letter.birth,
          });
          return res.status;
        } catch (e) {
          return String(e.cause?.code || e.message);
        }
      });
      await sleep(150);
      process.kill(dbPid, 'SIGKILL');
      await waitUntil(() => !isAlive(dbPid), 5000, 'mariadbd gone');
      // "Down" starts when the process is gone: between kill() and its death
      // it may still answer a query (one page in 2640 did, in a CI run).
      const tGone = Date.now();
      await sleep(1000);
      const tRestart = Date.now();
      restart(stack, argv, null); // mariadbd writes its own pid file
      await waitUntil(() => dbAnswers(stack), 60000, 'MariaDB answering after the restart');
      const tUp = Date.now();
      await sleep(3000);
      const ops = await load.stop();
      const outcomes = await Promise.all(firsts);

      const after = ops.filter((o) => o.start >= tUp);
      const firstOk = after.filter((o) => o.ok).sort((a, b) => a.end - b.end)[0];
      const late = ops.filter((o) => o.start >= tUp + 2000);
      const down = ops.filter((o) => o.start >= tGone && o.end <= tRestart);
      note(`MariaDB kill: ${ops.length} operations, ${ops.filter((o) => !o.ok).length} failed; while down ` +
        `${down.length} answered (${down.filter((o) => o.status === 503).length} with 503); recovery ${tUp - tRestart} ms ` +
        `to answer, first page served ${firstOk ? firstOk.end - tUp : 'never'} ms after; first connections: ${outcomes.join(', ')}`);
      assert.ok(firstOk && firstOk.end - tUp <= 2000, 'a page served within 2 s of MariaDB answering');
      assert.ok(late.length > 10, `load went on after the recovery (${late.length})`);
      assert.deepEqual(late.filter((o) => !o.ok), [], 'every operation begun 2 s after MariaDB answers succeeds');
      assert.ok(down.every((o) => o.status === 503 || o.ok === false), 'while down: 503 pages');
      // Nothing half-written: each account is wholly before or wholly after its first connection.
      assert.deepEqual(inconsistencies(stack), {});
      for (const letter of who) {
        const state = stack.sqlValue(`SELECT state FROM account WHERE identifier = '${letter.identifier}'`);
        assert.ok(['letter', 'pending_email'].includes(state), `${letter.identifier}: ${state}`);
      }
      // The mails of those that went through are not lost.
      for (const letter of who) {
        if (stack.sqlValue(`SELECT state FROM account WHERE identifier = '${letter.identifier}'`) !== 'pending_email') continue;
        await stack.waitForMail((m) => m.to === `${letter.identifier}@example.org` && SUBJECT.test(m.subject), 20000);
      }
    });

    await t.test('mail worker SIGKILLed between the server\'s acceptance and sent_at: sent again, same Message-ID', async () => {
      const [workerPid] = pidFile(stack, 'mail-worker.pid');
      const argv = cmdline(workerPid);
      const load = await startLoad(stack, { get: 2, paths: pages });
      await gate.hold(5);
      const email = 'sriviere@example.org';
      await firstConnection(stack, L.sriviere, email);
      const stored = await gate.next(20000);
      assert.match(stored, /^stored <.+>$/);
      const tKill = Date.now();
      process.kill(workerPid, 'SIGKILL'); // the server holds its 250 for 5 s: the worker has not recorded anything
      await waitUntil(() => !isAlive(workerPid), 5000, 'worker gone');
      const messageId = stored.slice('stored '.length);
      const row = stack.sql(`SELECT sent_at IS NULL, attempts, message_id FROM outbox WHERE to_address = '${email}'`);
      assert.deepEqual(row, [['1', '1', messageId]], 'delivered but not recorded');
      started.push(restart(stack, argv, 'mail-worker.pid', { web: true }));
      const again = await gate.next((LEASE + 10) * 1000);
      const delay = Date.now() - tKill;
      assert.equal(again, stored, 'the same Message-ID');
      await waitUntil(() => stack.sqlValue(`SELECT sent_at IS NOT NULL FROM outbox WHERE to_address = '${email}'`) === '1', 5000, 'sent_at');
      const copies = stack.mails().filter((m) => m.to === email);
      assert.equal(copies.length, 2);
      assert.deepEqual(copies.map((m) => m.headers['message-id']), [messageId, messageId]);
      assert.equal(stack.sqlValue(`SELECT attempts FROM outbox WHERE to_address = '${email}'`), '2');
      const ops = await load.stop();
      note(`mail worker kill: the mail went again ${delay} ms after the kill (lease ${LEASE} s), same Message-ID; ` +
        `load ${ops.length} operations, ${ops.filter((o) => !o.ok).length} failed`);
      assert.ok(delay <= (LEASE + 3) * 1000, `re-sent within the lease (${delay} ms)`);
      assert.deepEqual(ops.filter((o) => !o.ok), []);
    });

    await t.test('a send slower than the lease: renewed while it lasts, no second worker sends it too', async () => {
      const [workerPid] = pidFile(stack, 'mail-worker.pid');
      const argv = cmdline(workerPid);
      const hold = LEASE + 5;
      await gate.hold(hold);
      const email = 'ldupontriviere@example.org';
      await firstConnection(stack, L.ldupontriviere, email);
      const stored = await gate.next(20000);
      const t0 = Date.now();
      // A second worker polls the outbox all along; the first still holds the mail.
      const second = restart(stack, argv, null, { web: true });
      started.push(second);
      await waitUntil(() => stack.sqlValue(`SELECT sent_at IS NOT NULL FROM outbox WHERE to_address = '${email}'`) === '1',
        (hold + 10) * 1000, 'sent_at once the server answers');
      const took = Date.now() - t0;
      await sleep(2000);
      process.kill(second, 'SIGTERM');
      const copies = stack.mails().filter((m) => m.to === email);
      note(`slow send: the server held its answer ${hold} s (lease ${LEASE} s), recorded after ${took} ms; ` +
        `${copies.length} cop${copies.length === 1 ? 'y' : 'ies'} delivered with two workers polling`);
      assert.ok(took >= (LEASE + 1) * 1000, `the send outlasted the lease (${took} ms)`);
      assert.equal(copies.length, 1, 'sent once');
      assert.equal(copies[0].headers['message-id'], stored.slice('stored '.length));
      assert.equal(stack.sqlValue(`SELECT attempts FROM outbox WHERE to_address = '${email}'`), '1', 'claimed once');
    });

    await t.test('SMTP server down for 30 s: first connections answer at once, the mail waits and goes', async () => {
      const load = await startLoad(stack, { get: 2, paths: pages, logins: [letterLogin] });
      await gate.stop();
      const tDown = Date.now();
      const who = [L.hlefevre, L.elefevre, L.fmartin];
      const latencies = [];
      for (const [i, letter] of who.entries()) {
        await sleep(Math.max(0, tDown + i * 9000 - Date.now()));
        const b = await loginWithLetter(stack, letter);
        const form = await b.get('/premiere-connexion');
        const email = `${letter.identifier}@example.org`;
        const t0 = Date.now();
        const res = await b.post('/premiere-connexion', {
          csrf_token: b.csrf(form.body), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
          email, email_confirmation: email, date_naissance: letter.birth,
        });
        latencies.push(Date.now() - t0);
        assert.equal(res.status, 303, `first connection of ${letter.identifier}`);
        if (i === 0) {
          // Its first attempt fails: recorded, and a retry scheduled later.
          const row = `SELECT attempts, last_error IS NOT NULL, next_attempt_at > UTC_TIMESTAMP() FROM outbox WHERE to_address = '${email}'`;
          await waitUntil(() => stack.sql(row)[0]?.[1] === '1', 10000, 'first attempt recorded');
          assert.deepEqual(stack.sql(row)[0].slice(1), ['1', '1'], 'error recorded, retry scheduled later');
        }
      }
      await sleep(Math.max(0, tDown + 30000 - Date.now()));
      const q = `SELECT COUNT(*) FROM outbox WHERE to_address IN (${who.map((l) => `'${l.identifier}@example.org'`).join(', ')})`;
      assert.equal(stack.sqlValue(`${q} AND sent_at IS NULL AND failed_at IS NULL AND attempts >= 1 AND last_error IS NOT NULL`), '3',
        'each mail tried, its error recorded, not given up');
      const attempts = stack.sqlValue(`SELECT SUM(attempts) FROM outbox WHERE to_address LIKE '%lefevre@example.org' OR to_address = 'fmartin@example.org'`);
      // Back: the mail goes at its next scheduled attempt.
      const wait = Number(stack.sqlValue(`SELECT GREATEST(0, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), MAX(next_attempt_at))) FROM outbox WHERE sent_at IS NULL`));
      gate = await startGate(stack);
      const tUp = Date.now();
      for (const letter of who) {
        await stack.waitForMail((m) => m.to === `${letter.identifier}@example.org` && SUBJECT.test(m.subject), (wait + 5) * 1000);
      }
      const backAfter = Date.now() - tUp;
      const ops = await load.stop();
      note(`SMTP down 30 s: first connections answered in ${latencies.join(', ')} ms; ${attempts} failed attempts recorded; ` +
        `mail delivered ${backAfter} ms after the server came back (next attempt was due in ≤ ${wait} s); ` +
        `load ${ops.length} operations, ${ops.filter((o) => !o.ok).length} failed`);
      assert.ok(latencies.every((ms) => ms < 2000), `first connections do not wait on mail (${latencies} ms)`);
      assert.equal(stack.sqlValue(`${q} AND sent_at IS NOT NULL`), '3');
      for (const letter of who) assert.equal(stack.mails().filter((m) => m.to === `${letter.identifier}@example.org`).length, 1);
      assert.deepEqual(ops.filter((o) => !o.ok), [], 'the site kept answering');
    });

    await t.test('outbox INSERT failing: a French 503 and nothing half-done', async () => {
      // An active account (for recovery) and one waiting for its address (for a resend).
      const link = await activationLink(stack, L.hlefevre, 'hlefevre@example.org');
      assert.equal((await new Browser(stack.base).get(link.pathname + link.search)).status, 200);
      const waiting = await loginWithLetterDone(stack, 'elefevre');
      const load = await startLoad(stack, { get: 2, paths: pages });
      stack.sql(`CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox FOR EACH ROW
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'faults test: outbox refused'`);
      const snapshot = () => ({
        outbox: stack.sqlValue('SELECT COUNT(*) FROM outbox'),
        tokens: stack.sqlValue('SELECT COUNT(*) FROM email_token'),
        rateEvents: stack.sqlValue('SELECT COUNT(*) FROM rate_event'),
        accounts: stack.sql('SELECT identifier, state, password_hash IS NULL, pending_email, security_stamp FROM account ORDER BY id'),
        letters: stack.sql('SELECT id, used_at IS NULL FROM letter ORDER BY id'),
      });
      const french = (res, what) => {
        assert.equal(res.status, 503, `${what}: status`);
        assert.match(text(res.body), /Service momentanément indisponible/, what);
        assert.match(text(res.body), /Votre demande n'a pas été enregistrée/, what);
      };
      try {
        const before = snapshot();
        // First connection (its activation mail).
        const b = await loginWithLetter(stack, L.cmartin1);
        const form = await b.get('/premiere-connexion');
        const fields = {
          mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD, email: 'cmartin1@example.org',
          email_confirmation: 'cmartin1@example.org', date_naissance: L.cmartin1.birth,
        };
        french(await b.post('/premiere-connexion', { csrf_token: b.csrf(form.body), ...fields }), 'first connection');
        // A resend of the activation mail.
        const page = await waiting.get('/compte-en-attente');
        assert.equal(page.status, 200);
        french(await waiting.post('/compte-en-attente', { csrf_token: waiting.csrf(page.body) }), 'resend');
        // Recovery: the reset link, and the forgotten identifier.
        french(await new Browser(stack.base).submit('/mot-de-passe-oublie', { identifiant: 'hlefevre', email: 'hlefevre@example.org' }), 'password reset');
        french(await new Browser(stack.base).submit('/identifiant-oublie', { email: 'hlefevre@example.org' }), 'forgotten identifier');
        assert.deepEqual(snapshot(), before, 'no account, letter, code or mail changed');
      } finally {
        stack.sql('DROP TRIGGER IF EXISTS outbox_fails');
      }
      // The same first connection goes through once the outbox takes rows again.
      const b = await loginWithLetter(stack, L.cmartin1);
      const form = await b.get('/premiere-connexion');
      const ok = await b.post('/premiere-connexion', {
        csrf_token: b.csrf(form.body), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
        email: 'cmartin1@example.org', email_confirmation: 'cmartin1@example.org', date_naissance: L.cmartin1.birth,
      });
      assert.equal(ok.status, 303);
      await stack.waitForMail((m) => m.to === 'cmartin1@example.org' && SUBJECT.test(m.subject), 15000);
      assert.deepEqual(inconsistencies(stack), {});
      const ops = await load.stop();
      note(`outbox failing: 4 pages answered 503 in French, nothing changed; load ${ops.length} operations, ${ops.filter((o) => !o.ok).length} failed`);
      assert.deepEqual(ops.filter((o) => !o.ok), []);
    });
  } finally {
    killLoads();
    if (gate) await gate.stop();
    await stack.stop();
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }

  /** A browser signed in with the password chosen at first connection (an account waiting for its address). */
  async function loginWithLetterDone(s, identifier) {
    const b = new Browser(s.base);
    const res = await b.submit('/connexion', { identifiant: identifier, mot_de_passe: PASSWORD });
    assert.equal(res.status, 303, `login of ${identifier}`);
    assert.equal(res.location, '/compte-en-attente');
    return b;
  }
});
