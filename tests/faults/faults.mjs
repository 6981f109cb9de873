// What the faults tests (tests/faults/*.test.mjs) share: a steady load from a
// second process (load.mjs) and what it lost, the handler pools of a stack,
// its status, processes started again the way the stack started them, the
// SMTP server the tests can hold (smtp_gate.py), and the consistency of the
// accounts checked with SQL. Test-only code; Node built-ins only.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

import { childrenOf, isAlive, REPO } from '../integration/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ load

/**
 * Starts load.mjs against the stack (see its header for `opts`); resolves
 * once it runs. stop() resolves to its operations: [{ kind, start, end, ok, status }].
 */
/**
 * The lines a child process prints: next(timeoutMs) resolves to the next one
 * (throws when none comes in time); queue holds those not read yet.
 */
function lineReader(stream, name = 'load.mjs') {
  const queue = [];
  let wake = null;
  readline.createInterface({ input: stream }).on('line', (l) => {
    queue.push(l);
    if (wake) wake();
  });
  const next = async (timeoutMs = 60000) => {
    const deadline = Date.now() + timeoutMs;
    while (!queue.length) {
      if (Date.now() > deadline) throw new Error(`${name} said nothing within ${timeoutMs} ms`);
      await Promise.race([new Promise((r) => (wake = r)), sleep(50)]);
    }
    wake = null;
    return queue.shift();
  };
  return { next, queue };
}

const loads = new Set();

/** Kills the loads a failed test left running (by PID; they are our children). */
export function killLoads() {
  for (const child of loads) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  loads.clear();
}

export async function startLoad(stack, opts) {
  const child = spawn(process.execPath, [path.join(HERE, 'load.mjs'), JSON.stringify({ base: stack.base, ...opts })], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  loads.add(child);
  const { next } = lineReader(child.stdout);
  assert.equal(await next(), 'started');
  return {
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      const out = JSON.parse(await next());
      await new Promise((r) => (child.exitCode === null ? child.on('exit', r) : r()));
      loads.delete(child);
      return out.ops;
    },
  };
}

/**
 * A kill: from the signal (`from`) until every victim is seen gone (`to`); a
 * process may still accept a connection between the two.
 */
const overlaps = (o, k) => o.start <= k.to && o.end >= k.from;

/**
 * What a load lost around the given kills ([{ from, to }], ms): every failed
 * operation must have been in flight during one of them. Returns { total,
 * failed, inFlight (per kill), unexplained (failed, in flight at no kill) }.
 */
export function losses(ops, kills) {
  const failed = ops.filter((o) => !o.ok);
  return {
    total: ops.length,
    failed: failed.length,
    inFlight: kills.map((k) => ops.filter((o) => overlaps(o, k)).length),
    unexplained: failed.filter((o) => !kills.some((k) => overlaps(o, k))),
  };
}

/** SIGKILLs the processes and returns the kill's { from, to } once none is alive (polled every millisecond). */
export async function killAll(pids) {
  const from = Date.now();
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  for (;;) {
    if (!pids.some(isAlive)) return { from, to: Date.now() };
    if (Date.now() - from > 5000) throw new Error(`processes ${pids} still alive 5 s after SIGKILL`);
    await sleep(1);
  }
}

// ---------------------------------------------------------------- stack

const STACK_SH = path.join(REPO, 'scripts', 'stack.sh');

/** scripts/stack.sh status of the stack: { code, out }. */
export function stackStatus(stack) {
  return new Promise((resolve) => {
    execFile(STACK_SH, ['status'], { env: stack.env }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, out: stdout + stderr });
    });
  });
}

/** The PIDs a run/*.pid file names. */
export function pidFile(stack, name) {
  try {
    return fs.readFileSync(path.join(stack.var, 'run', name), 'utf8').split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number);
  } catch {
    return [];
  }
}

/** The live handler processes of a flow's pool (children of its multiwatch running ts-<flow>). */
export function poolPids(stack, flow) {
  const exe = path.join(stack.var, 'app', 'bin', `ts-${flow}`);
  const out = [];
  for (const w of pidFile(stack, `fcgi-${flow}.pid`)) {
    for (const c of childrenOf(w)) {
      let target = '';
      try {
        target = fs.readlinkSync(`/proc/${c}/exe`);
      } catch {
        continue;
      }
      if (target === exe && isAlive(c)) out.push(c);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Polls until fn() is truthy (every 5 ms); returns the milliseconds it took, or throws after timeoutMs. */
export async function waitUntil(fn, timeoutMs, what) {
  const t0 = Date.now();
  for (;;) {
    if (fn()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(5);
  }
}

/** The command line of a running process. */
export function cmdline(pid) {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

const webIds = () => ({
  uid: Number(execFileSync('id', ['-u', 'www-data'], { encoding: 'utf8' })),
  gid: Number(execFileSync('id', ['-g', 'www-data'], { encoding: 'utf8' })),
});

/**
 * Starts a process detached, the way the stack started it (as www-data when
 * `web`), and writes its PID into run/<pidName> so that stack.stop() stops it.
 */
export function restart(stack, argv, pidName, { web = false } = {}) {
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore', ...(web ? webIds() : {}) });
  child.unref();
  if (pidName) fs.writeFileSync(path.join(stack.var, 'run', pidName), `${child.pid}\n`);
  return child.pid;
}

/** True when MariaDB answers on the stack's socket (quietly: no client error on stderr). */
export function dbAnswers(stack) {
  try {
    execFileSync('mariadb-admin', ['--no-defaults', `--socket=${stack.socket}`, '-u', 'root', 'ping'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function killAndWait(pid, signal = 'SIGKILL') {
  process.kill(pid, signal);
  await waitUntil(() => !isAlive(pid), 20000, `process ${pid} gone after ${signal}`);
}

// ----------------------------------------------------------------- SMTP

/**
 * Replaces the stack's SMTP server by smtp_gate.py on the same port and
 * Maildir (its PID in run/smtp.pid: `stack.sh status` and stop() see it).
 * Returns { pid, next (its next line), hold(seconds), stop() }.
 */
export async function startGate(stack) {
  const child = spawn('/usr/bin/python3', [path.join(HERE, 'smtp_gate.py'), String(stack.smtpPort), stack.maildir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const { next, queue } = lineReader(child.stdout, 'smtp_gate');
  assert.equal(await next(), 'ready');
  fs.writeFileSync(path.join(stack.var, 'run', 'smtp.pid'), `${child.pid}\n`);
  return {
    pid: child.pid,
    next,
    /** Holds the 250 of the next message; forgets the lines said so far. */
    async hold(seconds) {
      queue.length = 0;
      child.stdin.write(`hold ${seconds}\n`);
      assert.equal(await next(), 'holding');
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.on('exit', r) : r()));
    },
  };
}

// ------------------------------------------------------------- accounts

/**
 * The accounts (and sessions, codes, mails, merges) that break the rules of
 * their state (lib/accounts/account.h; sql/001_foundation.sql): each query
 * lists offenders, all must be empty. Returns { rule: rows }.
 */
export function inconsistencies(stack) {
  const rules = {
    'letter: nothing of a first connection': `SELECT identifier FROM account WHERE state = 'letter'
      AND (password_hash IS NOT NULL OR pending_email IS NOT NULL OR first_connection_at IS NOT NULL)`,
    'pending_email: password, address, date, its activation code and its mail': `SELECT identifier FROM account a
      WHERE state = 'pending_email' AND (password_hash IS NULL OR pending_email IS NULL OR first_connection_at IS NULL
        OR NOT EXISTS (SELECT 1 FROM email_token t WHERE t.account_id = a.id AND t.purpose = 'activation' AND t.email = a.pending_email)
        OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.to_address = a.pending_email))`,
    'active: password and date, a confirmed address is dated': `SELECT identifier FROM account
      WHERE state = 'active' AND (password_hash IS NULL OR first_connection_at IS NULL OR (email IS NOT NULL AND email_confirmed_at IS NULL))`,
    'closed: dated': `SELECT identifier FROM account WHERE state = 'closed' AND closed_at IS NULL`,
    'a code was mailed: every activation code has its mail': `SELECT t.id FROM email_token t
      WHERE t.purpose = 'activation' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.to_address = t.email)`,
    // a pupil uses the services while the address waits (accounts::stage_for)
    'signed-in sessions only on open accounts at their stage': `SELECT CONCAT(a.identifier, ' ', a.state, ' ', s.stage) FROM session s JOIN account a ON a.id = s.account_id
      WHERE (s.stage = 'full' AND NOT (a.state = 'active' OR (a.state = 'pending_email' AND a.kind = 'eleve'))) OR (s.stage = 'pending' AND a.state NOT IN ('pending_email', 'active'))`,
    'merged: the children of a closed account are with an open one': `SELECT CONCAT(c.account_id, '/', c.pupil_id) FROM account_child c
      JOIN account a ON a.id = c.account_id WHERE a.state = 'closed' AND NOT EXISTS (
        SELECT 1 FROM account_child o JOIN account b ON b.id = o.account_id WHERE o.pupil_id = c.pupil_id AND b.state <> 'closed')
        AND EXISTS (SELECT 1 FROM regroupement_pending r WHERE r.other_account_id = a.id AND r.done_at IS NOT NULL)`,
    'a merge marked done closed the other account': `SELECT r.other_account_id FROM regroupement_pending r JOIN account a ON a.id = r.other_account_id
      WHERE r.done_at IS NOT NULL AND a.state <> 'closed'`,
    'the outbox: sent or failed once, never both': `SELECT id FROM outbox WHERE sent_at IS NOT NULL AND failed_at IS NOT NULL`,
  };
  const out = {};
  for (const [rule, q] of Object.entries(rules)) {
    const rows = stack.sql(q);
    if (rows.length) out[rule] = rows.map((r) => r[0]);
  }
  return out;
}

export { isAlive };
