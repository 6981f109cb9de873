// `make test-asan` only (scripts/test-asan.sh): a sanitizer report from a
// handler running under spawn-fcgi behind nginx is not lost. spawn-fcgi
// discards the handlers' stderr, so every sanitized process writes its
// report into the folder ASAN_OPTIONS log_path names, and test-asan fails
// when a report is there at the end. This test makes one handler report (a
// SIGSEGV, which AddressSanitizer's signal handler reports) and checks that
// the report reaches that folder; it then removes that report, and only it.
// Skipped when the suites do not run under scripts/test-asan.sh.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';

const logPath = /(?:^|:)log_path=([^:]+)/.exec(process.env.ASAN_OPTIONS || '')?.[1];

// The process's executable, or '' when it is gone.
function exe(pid) {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

test('a sanitizer report from a handler under spawn-fcgi reaches the report folder', { skip: !logPath && 'not under make test-asan' }, async () => {
  const stack = await startStack({ mail: 'maildir' });
  try {
    const b = new Browser(stack.base);
    assert.equal((await b.get('/')).status, 200);
    const handler = stack.processes().find((pid) => exe(pid).endsWith('/app/bin/ts-portail'));
    assert.ok(handler, 'a ts-portail process');
    const maps = fs.readFileSync(`/proc/${handler}/maps`, 'utf8');
    assert.match(maps, /libasan/, 'ts-portail is built with AddressSanitizer (TS_BUILD=build-asan)');
    const environ = fs.readFileSync(`/proc/${handler}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes(`ASAN_OPTIONS=${process.env.ASAN_OPTIONS}`), 'the handler got ASAN_OPTIONS');

    const report = `${logPath}.${handler}`;
    process.kill(handler, 'SIGSEGV');
    const deadline = Date.now() + 10000;
    while (!fs.existsSync(report) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fs.existsSync(report), `no report ${report} (in ${fs.readdirSync(path.dirname(logPath)).join(', ')})`);
    // Written completely once the process is gone.
    while (exe(handler) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const text = fs.readFileSync(report, 'utf8');
    assert.match(text, /ERROR: AddressSanitizer: SEGV/);
    fs.rmSync(report); // the one report this test caused; any other fails make test-asan
  } finally {
    await stack.stop();
  }
});
