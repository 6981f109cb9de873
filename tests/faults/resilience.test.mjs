// Nothing is lost when a part goes away, gently (no load; faults.test.mjs
// does the same under load, harder): the mail worker killed with mail
// pending, MariaDB stopped cleanly and restarted under running handlers. (The
// SMTP server down is faults.test.mjs's "SMTP server down for 30 s".)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { Browser, isAlive, startStack } from '../integration/harness.mjs';
import { firstConnection, letters } from '../integration/flows.mjs';
import { killAndWait as killProcess, pidFile, poolPids, stackStatus } from './faults.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidOf(stack, name) {
  return Number(fs.readFileSync(path.join(stack.var, 'run', name), 'utf8').trim().split(/\s+/)[0]);
}

// The command line of a running process, to start it again the same way.
function cmdline(pid) {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

async function killAndWait(pid, signal) {
  process.kill(pid, signal);
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  assert.ok(!isAlive(pid), `process ${pid} stopped`);
}

function startDetached(argv, pidFile) {
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore' });
  child.unref();
  if (pidFile) fs.writeFileSync(pidFile, `${child.pid}\n`);
  return child.pid;
}

/** First connection of the letter with the address <identifier>@example.org; returns the address. */
async function firstConnectionOf(stack, letter) {
  const email = `${letter.identifier}@example.org`;
  await firstConnection(stack, letter, email, 'Resilient2024');
  return email;
}

test('resilience', async (t) => {
  const stack = await startStack({ mail: 'smtp' });
  const started = [];
  try {
    const L = letters(stack);

    await t.test('mail worker killed with mail pending: nothing lost', async () => {
      const workerPid = pidOf(stack, 'mail-worker.pid');
      const argv = cmdline(workerPid);
      await killAndWait(workerPid, 'SIGKILL');
      const a = await firstConnectionOf(stack, L.cmartin);
      const b = await firstConnectionOf(stack, L.kbenali);
      await sleep(1000);
      assert.equal(stack.mails().filter((m) => [a, b].includes(m.to)).length, 0, 'no worker, no mail');
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND to_address IN ('${a}', '${b}')`), '2');
      // A new worker picks them up.
      started.push(startDetached(argv, path.join(stack.var, 'run', 'mail-worker.pid')));
      await stack.waitForMail((m) => m.to === a, 15000);
      await stack.waitForMail((m) => m.to === b, 15000);
      assert.equal(stack.sqlValue(`SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND to_address IN ('${a}', '${b}')`), '2');
      // Each mail once.
      assert.equal(stack.mails().filter((m) => m.to === a).length, 1);
    });

    await t.test('MariaDB restarted: the handlers reconnect', async () => {
      const b = new Browser(stack.base);
      assert.equal((await b.get('/connexion')).status, 200);
      const dbPid = pidOf(stack, 'mariadbd.pid');
      const argv = cmdline(dbPid);
      await killAndWait(dbPid, 'SIGTERM');
      const socket = path.join(stack.var, 'run', 'mysqld.sock');
      startDetached(argv); // mariadbd writes its own pid file; stack.stop() stops it
      for (let i = 0; i < 100 && !fs.existsSync(socket); i++) await sleep(100);
      await sleep(300);
      // Every process of the login pool held a connection to the old server.
      for (let i = 0; i < 6; i++) {
        const page = await b.get('/connexion');
        assert.equal(page.status, 200, `request ${i} after the restart`);
      }
      const login = await b.submit('/connexion', { identifiant: 'ibenali', mot_de_passe: L.ibenali.password });
      assert.equal(login.location, '/premiere-connexion');
    });
  } finally {
    await stack.stop();
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
});

// A pool's supervisor killed by hand (reviewer, issue 11): its handlers, now
// orphans, keep serving the socket; status must say so (not just "stopped"),
// and stop must end them — nothing of the stack may outlive it.
test('a pool whose multiwatch was killed: status names its orphans, stop ends them', async () => {
  const stack = await startStack({ mail: 'maildir' });
  let orphans = [];
  try {
    const [watcher] = pidFile(stack, 'fcgi-portail.pid');
    orphans = poolPids(stack, 'portail');
    assert.equal(orphans.length, 2);
    await killProcess(watcher, 'SIGKILL');
    const st = await stackStatus(stack);
    assert.equal(st.code, 1, st.out);
    const named = /^ts-portail\s+ORPHANS 2 \(pids (\d+) (\d+): /m.exec(st.out);
    assert.ok(named, st.out);
    assert.deepEqual(named.slice(1).map(Number).sort(), [...orphans].sort());
    assert.match(st.out, /^ts-portail\s+stopped$/m);
    for (const pid of orphans) assert.ok(isAlive(pid), `orphan ${pid} still serving`);
  } finally {
    await stack.stop();
  }
  for (const pid of orphans) assert.ok(!isAlive(pid), `orphan ${pid} ended by stop`);
});
