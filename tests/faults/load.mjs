// A steady load on a stack, run as a second process by the faults tests
// (tests/faults/*.test.mjs) so that what the test does (kill a process, stop
// a server) never slows the load down, and the load never slows the test.
//
//   node tests/faults/load.mjs '{"base": "http://127.0.0.1:PORT", "get": 3, "paths": ["/", "/connexion"],
//                               "logins": [{"identifiant": "x", "mot_de_passe": "y", "expect": "/premiere-connexion"}]}'
//
// `get` loops GET the paths in turn (each expects 200); one more loop per
// entry of `logins` signs in again and again (GET /connexion, POST it with
// the form's csrf_token; expects 303 to `expect`). Every operation is
// recorded: { kind, start, end (ms since the epoch), ok, status }. On SIGTERM
// (or when stdin closes) the loops finish the operation in hand and one JSON
// line goes to stdout: { ops: [...] }. Test-only code; Node built-ins only.
import { Browser } from '../integration/harness.mjs';

const opts = JSON.parse(process.argv[2]);
const ops = [];
let stopping = false;

function record(kind, start, ok, status) {
  ops.push({ kind, start, end: Date.now(), ok, status });
}

async function getLoop(offset) {
  const b = new Browser(opts.base);
  for (let i = offset; !stopping; i++) {
    const p = opts.paths[i % opts.paths.length];
    const start = Date.now();
    try {
      const res = await b.get(p);
      record(`GET ${p}`, start, res.status === 200, res.status);
    } catch (e) {
      record(`GET ${p}`, start, false, String(e.cause?.code || e.message));
    }
  }
}

async function loginLoop(who) {
  while (!stopping) {
    const b = new Browser(opts.base); // a new visitor each time
    const start = Date.now();
    let status = 0;
    try {
      const form = await b.get('/connexion');
      status = form.status;
      if (form.status === 200) {
        const res = await b.post('/connexion', { csrf_token: b.csrf(form.body), identifiant: who.identifiant, mot_de_passe: who.mot_de_passe });
        status = res.status;
        record('login', start, res.status === 303 && res.location === who.expect, res.status);
      } else {
        record('login', start, false, status);
      }
    } catch (e) {
      record('login', start, false, String(e.cause?.code || e.message || status));
    }
  }
}

const loops = [];
for (let i = 0; i < (opts.get ?? 2); i++) loops.push(getLoop(i));
for (const who of opts.logins ?? []) loops.push(loginLoop(who));

const stop = () => {
  stopping = true;
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.stdout.write('started\n');

await Promise.all(loops);
// Exit once the line is out: stdout is a pipe, written asynchronously.
process.stdout.write(JSON.stringify({ ops }) + '\n', () => process.exit(0));
