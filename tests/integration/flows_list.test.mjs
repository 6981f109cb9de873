// flows.txt is the one list of flows (one binary ts-<flow> per flow) and of the
// nginx locations that reach them. Everything else that names flows is built
// from it or checked against it: scripts/flows.sh generates the private
// stack's locations and the generated parts of the production nginx file and
// of the systemd units (`check` compares them), scripts/stack.sh starts one
// pool per flow, CMake builds one binary per flow from handlers/<flow>/.
// No stack is started here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { REPO } from './harness.mjs';

const FLOWS_TXT = path.join(REPO, 'flows.txt');
const FLOWS_SH = path.join(REPO, 'scripts', 'flows.sh');
const PRODUCTION = path.join(REPO, 'nginx', 'teleservices-production.conf');

/** Runs `bash <script> ...args` with TS_FLOWS_FILE set to `flowsFile` (or unset). */
function run(args, { flowsFile, script = FLOWS_SH } = {}) {
  const env = { ...process.env };
  delete env.TS_FLOWS_FILE;
  if (flowsFile) env.TS_FLOWS_FILE = flowsFile;
  return spawnSync('bash', [script, ...args], { encoding: 'utf8', env });
}

function flowsSh(...args) {
  const r = run(args);
  assert.equal(r.status, 0, `scripts/flows.sh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** flows.txt read here independently of flows.sh: [{ flow, match, path, postLimit, dev }]. */
function readFlows(file = FLOWS_TXT) {
  const out = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [flow, match, p, options, ...extra] = line.split(/\s+/);
    assert.ok(options && extra.length === 0, `4 columns: ${raw}`);
    const opts = options === '-' ? [] : options.split(',');
    out.push({ flow, match, path: p, postLimit: opts.includes('post-limit'), dev: opts.includes('dev') });
  }
  return out;
}

/** nginx text -> Map "match path" -> { flow, postLimit } for the locations with a fastcgi_pass. */
function handlerLocations(text) {
  const out = new Map();
  const re = /^\s*location\s+([^{]+?)\s*\{([\s\S]*?)^\s*\}/gm;
  for (const m of text.matchAll(re)) {
    const flow = (m[2].match(/fastcgi_pass\s+unix:\S*\/([a-z0-9_]+)\.sock;/) || [])[1];
    if (!flow) continue;
    out.set(m[1].replace(/\s+/g, ' '), { flow, postLimit: /^\s*limit_req\s+zone=ts_post\b/m.test(m[2]) });
  }
  return out;
}

function fromList(entries) {
  return new Map(entries.map((e) => [`${e.match} ${e.path}`, { flow: e.flow, postLimit: e.postLimit }]));
}

const sorted = (map) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));

test('scripts/flows.sh check passes on the committed tree', () => {
  const r = run(['check']);
  assert.equal(r.status, 0, `scripts/flows.sh check:\n${r.stdout}${r.stderr}`);
});

test('an extra flow in the list makes check fail, naming the files to update', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-flows-'));
  try {
    const list = path.join(dir, 'flows.txt');
    fs.writeFileSync(list, fs.readFileSync(FLOWS_TXT, 'utf8') + 'inventee  =  /page-inventee  post-limit\n');
    const r = run(['check'], { flowsFile: list });
    assert.equal(r.status, 1, `check with an extra flow: ${r.stdout}${r.stderr}`);
    for (const file of ['nginx/teleservices-production.conf', 'systemd/teleservices-handler@.service', 'systemd/teleservices-handler@.socket']) {
      assert.match(r.stderr, new RegExp(`${file.replace(/[.@]/g, '\\$&')} is out of date`), `check names ${file}`);
    }
    assert.match(r.stderr, /\+ {4}location = \/page-inventee \{/, 'check shows the missing location');
    // The private stack would get it too (development-only flows included).
    assert.deepEqual(run(['names'], { flowsFile: list }).stdout.trim().split('\n').at(-1), 'inventee');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('update rewrites the generated parts (in a copy of the tree), after which check passes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-flows-'));
  try {
    for (const p of ['flows.txt', 'scripts/flows.sh', 'nginx/teleservices-site.conf.in', 'nginx/teleservices-production.conf',
      'systemd/teleservices-handler@.service', 'systemd/teleservices-handler@.socket']) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.copyFileSync(path.join(REPO, p), path.join(dir, p));
    }
    const script = path.join(dir, 'scripts', 'flows.sh');
    const list = path.join(dir, 'flows.txt');
    fs.appendFileSync(list, 'inventee  =  /page-inventee  post-limit\ninventee  ^~ /inventee/  -\nessai_dev  =  /dev/essai  dev\n');
    assert.equal(run(['check'], { script }).status, 1);
    const up = run(['update'], { script });
    assert.equal(up.status, 0, up.stderr);
    const check = run(['check'], { script });
    assert.equal(check.status, 0, check.stderr);

    const production = fs.readFileSync(path.join(dir, 'nginx/teleservices-production.conf'), 'utf8');
    assert.match(production, /    # inventee\n    location = \/page-inventee \{\n        limit_req zone=ts_post burst=10 nodelay;\n        include fastcgi_params;\n        fastcgi_pass unix:\/run\/teleservices\/inventee.sock;\n    \}\n    location \^~ \/inventee\/ \{\n        include fastcgi_params;\n        fastcgi_pass unix:\/run\/teleservices\/inventee.sock;\n    \}\n    # END flow locations\n/);
    assert.doesNotMatch(production, /essai/, 'a dev flow never reaches production');
    // Outside the markers, nothing moved.
    const outside = (t) => t.replace(/# BEGIN flow locations[\s\S]*# END flow locations/, '');
    assert.equal(outside(production), outside(fs.readFileSync(PRODUCTION, 'utf8')));
    const service = fs.readFileSync(path.join(dir, 'systemd/teleservices-handler@.service'), 'utf8');
    assert.match(service, /^# {3}for f in [a-z_ ]* compte [a-z_ ]*inventee; do$/m);
    const socket = fs.readFileSync(path.join(dir, 'systemd/teleservices-handler@.socket'), 'utf8');
    assert.match(socket, /^# Instances: [a-z_ ]* compte [a-z_ ]*inventee$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed line of flows.txt is refused with its line number', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-flows-'));
  try {
    const cases = [
      ['portail  ~  /regex  -', /match must be = or \^~/],
      ['portail  =  /x', /expected 4 columns/],
      ['portail  =  /x  post-limit  extra', /more than 4 columns/],
      ['portail  =  /x  sometimes', /unknown option 'sometimes'/],
      ['Portail  =  /x  -', /bad flow name/],
      ['portail  =  x  -', /bad path/],
      ['compte  =  /compte  -', /already given at line/],
    ];
    const base = fs.readFileSync(FLOWS_TXT, 'utf8');
    const lineNo = base.split('\n').length; // the appended line's number
    for (const [line, message] of cases) {
      const list = path.join(dir, 'flows.txt');
      fs.writeFileSync(list, `${base.replace(/\n?$/, '\n')}${line}\n`);
      const r = run(['names'], { flowsFile: list });
      assert.equal(r.status, 2, `${line}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`flows\\.txt:${lineNo}: `), `${line}: line number`);
      assert.match(r.stderr, message, line);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('names, names --production and systemd-instances follow flows.txt', () => {
  const list = readFlows();
  const all = [...new Set(list.map((e) => e.flow))];
  const production = all.filter((f) => list.some((e) => e.flow === f && !e.dev));
  assert.ok(all.length >= 9, `flows: ${all}`);
  assert.deepEqual(flowsSh('names').trim().split('\n'), all);
  assert.deepEqual(flowsSh('names', '--production').trim().split('\n'), production);
  assert.ok(!production.includes('dev_courriels'), 'dev_courriels is development only');
  assert.equal(flowsSh('systemd-instances'), `${production.join(' ')}\n`);
});

test('the private and production locations route as flows.txt says (production: without the dev ones)', () => {
  const list = readFlows();
  const generated = handlerLocations(flowsSh('nginx-locations', '/tmp/ts-run', '/etc/nginx/fastcgi_params', '40'));
  assert.deepEqual(sorted(generated), sorted(fromList(list)), 'private stack = flows.txt');

  const production = handlerLocations(fs.readFileSync(PRODUCTION, 'utf8'));
  const expected = new Map([...generated].filter(([loc]) => !list.find((e) => `${e.match} ${e.path}` === loc).dev));
  assert.deepEqual(sorted(production), sorted(expected), 'production = private stack without the dev locations');
  assert.ok(expected.size < generated.size, 'some location is development only');
  // The production sockets and include are those of systemd/ and Debian's nginx.
  const text = fs.readFileSync(PRODUCTION, 'utf8');
  for (const m of text.matchAll(/fastcgi_pass\s+unix:(\S+);/g)) assert.match(m[1], /^\/run\/teleservices\/[a-z0-9_]+\.sock$/);
  assert.doesNotMatch(text, /include\s+\/etc\/nginx\/fastcgi_params;/);
});

test('the generated locations have the style of the nginx files', () => {
  const out = flowsSh('nginx-locations', '/S', 'fastcgi_params', '7', '--production');
  assert.match(out, /^ {4}# portail\n {4}location = \/ \{\n {8}include fastcgi_params;\n {8}fastcgi_pass unix:\/S\/portail\.sock;\n {4}\}\n/);
  assert.match(out, /\n {4}location = \/connexion \{\n {8}limit_req zone=ts_post burst=7 nodelay;\n {8}include fastcgi_params;\n {8}fastcgi_pass unix:\/S\/connexion\.sock;\n {4}\}\n/);
  assert.doesNotMatch(out, /dev_courriels|\/dev\//);
  for (const line of out.split('\n')) assert.match(line, /^(| {4}# [a-z0-9_]+| {4}location (=|\^~) \/\S* \{| {8}\S.*;| {4}\})$/, `line: "${line}"`);
});

test('scripts/stack.sh takes its pools from flows.txt', () => {
  const stack = fs.readFileSync(path.join(REPO, 'scripts', 'stack.sh'), 'utf8');
  assert.doesNotMatch(stack, /^\s*flows=\(/m, 'no hand-written list of flows');
  assert.match(stack, /flows\.sh" names/);
  assert.match(stack, /flows\.sh" nginx-locations/);
});

// These two hold once the C++ tree is laid out by flow (handlers/<flow>/, and
// CMake reading flows.txt instead of a list of its own).
test('every flow has its folder handlers/<flow>/', () => {
  const missing = [...new Set(readFlows().map((e) => e.flow))]
    .filter((f) => !fs.statSync(path.join(REPO, 'handlers', f), { throwIfNoEntry: false })?.isDirectory());
  assert.deepEqual(missing, [], `flows of flows.txt without a folder handlers/<flow>/: ${missing.join(', ')}`);
});

test('CMake builds the flows of flows.txt, not a list of its own', () => {
  const cmake = fs.readFileSync(path.join(REPO, 'CMakeLists.txt'), 'utf8');
  assert.ok(!cmake.includes('set(TS_HANDLERS'), 'CMakeLists.txt still has a hand-written set(TS_HANDLERS ...)');
  assert.match(cmake, /flows\.txt/, 'CMakeLists.txt reads flows.txt');
});
