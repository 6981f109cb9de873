// nginx/teleservices-production.conf (what a sysadmin installs) against
// nginx/teleservices-site.conf.in (what every test runs through; its handler
// locations are `scripts/flows.sh nginx-locations`, from flows.txt, put in
// place of its @FLOW_LOCATIONS@ line by scripts/stack.sh): the same routes to
// the same flows (production has no /dev/ page), the same error pages and the
// same headers on them and on static files, and nginx itself accepts both
// files (nginx -t; for production with a throw-away certificate in place of
// the académie's). tests/integration/
// flows_list.test.mjs checks the generated parts against flows.txt.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { REPO } from './harness.mjs';

const SITE = path.join(REPO, 'nginx', 'teleservices-site.conf.in');
const PRODUCTION = path.join(REPO, 'nginx', 'teleservices-production.conf');
const PRIVATE = path.join(REPO, 'nginx', 'nginx-private.conf.in');
const FLOWS_SH = path.join(REPO, 'scripts', 'flows.sh');

/** stdout of `scripts/flows.sh ...args` (flows.txt of the checkout); throws when it fails. */
function flowsSh(...args) {
  const env = { ...process.env };
  delete env.TS_FLOWS_FILE;
  const r = spawnSync('bash', [FLOWS_SH, ...args], { encoding: 'utf8', env });
  assert.equal(r.status, 0, `scripts/flows.sh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * The site template as scripts/stack.sh fills it (start_nginx): the
 * @FLOW_LOCATIONS@ line replaced by `flows.sh nginx-locations SOCKET_DIR
 * /etc/nginx/fastcgi_params BURST`, then the @NAME@ placeholders.
 */
function filledSite({ socketDir = '/run/ts-test', htdocs = '/srv/ts-test/htdocs', port = 8080, rate = '20r/s', burst = 40 } = {}) {
  const template = fs.readFileSync(SITE, 'utf8');
  const placeholder = /^[ \t]*@FLOW_LOCATIONS@[ \t]*$/m;
  assert.match(template, placeholder, 'the site template has its @FLOW_LOCATIONS@ line');
  const locations = flowsSh('nginx-locations', socketDir, '/etc/nginx/fastcgi_params', String(burst)).replace(/\n$/, '');
  const text = template.replace(placeholder, () => locations)
    .replaceAll('@HTDOCS@', htdocs).replaceAll('@HTTP_PORT@', String(port)).replaceAll('@POST_RATE@', rate);
  const left = text.split('\n').filter((l) => !/^\s*#/.test(l) && /@[A-Z_]+@/.test(l));
  assert.deepEqual(left, [], 'no placeholder left outside comments');
  return text;
}

/** location -> the flow it is passed to ('' for a location nginx serves itself). */
function routes(text) {
  const out = new Map();
  const re = /^\s*location\s+([^{]+?)\s*\{([\s\S]*?)^\s*\}/gm;
  for (const m of text.matchAll(re)) {
    const flow = (m[2].match(/fastcgi_pass\s+unix:\S*\/([a-z_]+)\.sock;/) || [])[1] ?? '';
    out.set(m[1].replace(/\s+/g, ' '), flow);
  }
  return out;
}

/** The add_header lines of the location `spec` (name and value). */
function headersOf(text, spec) {
  const start = text.indexOf(`location ${spec} {`);
  assert.ok(start >= 0, `location ${spec}`);
  const block = text.slice(start, text.indexOf('\n    }', start));
  return [...block.matchAll(/add_header\s+(\S+)\s+(.+?)\s+always;/g)].map((m) => `${m[1]} ${m[2]}`);
}

test('the production nginx file routes every page as the tested one does', () => {
  const site = routes(filledSite());
  const production = routes(fs.readFileSync(PRODUCTION, 'utf8'));
  const flows = [...new Set([...site.values()].filter(Boolean))].sort();
  assert.ok(flows.length >= 9, `flows: ${flows}`);
  const expected = new Map([...site].filter(([loc]) => loc !== '^~ /dev/'));
  assert.deepEqual(Object.fromEntries([...production].sort()), Object.fromEntries([...expected].sort()));
  assert.ok(!production.has('^~ /dev/'), 'the demo mail page is never in production');
});

/** The security headers every answer nginx makes itself carries (lib/web/http.cpp serialize). */
const SECURITY_HEADERS = ['X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Content-Security-Policy'];

/** The locations nginx answers from files (a root, no fastcgi_pass): static files and error pages. */
function fileLocations(text) {
  const out = [];
  for (const m of text.matchAll(/^\s*location\s+([^{]+?)\s*\{([\s\S]*?)^\s*\}/gm)) {
    if (/\broot\s/.test(m[2]) && !/fastcgi_pass/.test(m[2])) out.push(m[1].replace(/\s+/g, ' '));
  }
  return out;
}

/** The error_page lines of a file, blanks collapsed. */
const errorPages = (text) => [...text.matchAll(/^\s*error_page\s+([^;]+);/gm)].map((m) => m[1].replace(/\s+/g, ' '));

/** The production file's two servers: plain http (the redirect) and https (the site). */
function productionServers() {
  const text = fs.readFileSync(PRODUCTION, 'utf8');
  const starts = [...text.matchAll(/^server \{$/gm)].map((m) => m.index);
  assert.equal(starts.length, 2, 'two server blocks in production');
  const plain = text.slice(starts[0], starts[1]);
  const https = text.slice(starts[1]);
  assert.match(plain, /listen 80;/);
  assert.match(https, /listen 443 ssl/);
  return { plain, https };
}

test('every file nginx serves carries the security headers, the same in production', () => {
  const site = fs.readFileSync(SITE, 'utf8');
  const production = productionServers().https;
  const specs = fileLocations(site);
  assert.deepEqual(fileLocations(production).sort(), [...specs].sort(), 'the same static and error locations');
  for (const spec of ['^~ /dsfr/', '^~ /css/', '= /favicon.ico', '^~ /erreurs/', '= /erreurs/405.html', '= /erreurs/429.html']) {
    assert.ok(specs.includes(spec), `location ${spec} in the tested file`);
  }
  for (const spec of specs) {
    const tested = headersOf(site, spec);
    for (const name of SECURITY_HEADERS) assert.ok(tested.some((h) => h.startsWith(name + ' ')), `${spec}: ${name} in the tested file`);
    if (spec.includes('/erreurs/')) assert.ok(tested.includes('Cache-Control no-store'), `${spec}: error pages are no-store`);
    const prod = headersOf(production, spec);
    for (const h of tested) assert.ok(prod.includes(h), `${spec}: production lacks "${h}"`);
    assert.ok(prod.includes('Strict-Transport-Security "max-age=31536000"'), `${spec}: HSTS in production`);
  }
});

test('nginx answers the same statuses with the same error pages in production', () => {
  const site = errorPages(fs.readFileSync(SITE, 'utf8'));
  const statuses = site.flatMap((l) => l.split(' ').filter((w) => /^\d{3}$/.test(w)));
  for (const s of ['400', '403', '404', '405', '413', '414', '429', '494', '501', '502', '505']) {
    assert.ok(statuses.includes(s), `error_page for ${s}: ${site.join(' | ')}`);
  }
  assert.deepEqual(errorPages(productionServers().https), site);
});

// The redirecting plain-http server: what nginx refuses there before the
// redirect (TRACE, an over-long URL, an unknown Transfer-Encoding) gets the
// same French pages and headers (reviewer, issue 11 fault 3's kind).
test('the plain-http server of production answers its own errors with the same pages and headers', () => {
  const { plain } = productionServers();
  const site = errorPages(fs.readFileSync(SITE, 'utf8'));
  assert.deepEqual(errorPages(plain), site);
  const headers = headersOf(plain, '^~ /erreurs/');
  for (const name of SECURITY_HEADERS) assert.ok(headers.some((h) => h.startsWith(name + ' ')), `port 80 /erreurs/: ${name}`);
  assert.ok(headers.includes('Cache-Control no-store'));
  assert.match(plain, /location \/ \{\s*return 301 https:\/\/\$host\$request_uri;\s*\}/, 'the redirect in a location (not server-level: the error pages would be redirected too)');
});

test('the site template has no hand-written handler location', () => {
  const template = fs.readFileSync(SITE, 'utf8');
  assert.doesNotMatch(template, /fastcgi_pass/, 'handler locations come from flows.txt');
  assert.equal(template.match(/^[ \t]*@FLOW_LOCATIONS@[ \t]*$/gm)?.length, 1, 'one @FLOW_LOCATIONS@ line');
});

test('nginx -t accepts the private site as scripts/stack.sh fills it', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-nginx-site-'));
  try {
    fs.mkdirSync(path.join(dir, 'log'));
    fs.mkdirSync(path.join(dir, 'run'));
    fs.mkdirSync(path.join(dir, 'tmp'));
    fs.writeFileSync(path.join(dir, 'site.conf'), filledSite({ socketDir: path.join(dir, 'run'), htdocs: path.join(dir, 'htdocs') }));
    const user = spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim() || 'root';
    const conf = fs.readFileSync(PRIVATE, 'utf8')
      .replaceAll('@USER@', user).replaceAll('@VAR@', dir).replaceAll('@SITE_CONF@', path.join(dir, 'site.conf'));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
    const r = spawnSync('nginx', ['-t', '-e', path.join(dir, 'log', 'nginx-error.log'), '-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    t.diagnostic(r.stderr.trim());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /test is successful/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nginx -t accepts the production file', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-nginx-prod-'));
  try {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=teleservices.example.fr',
      '-keyout', key, '-out', cert], { encoding: 'utf8' });
    assert.equal(ssl.status, 0, ssl.stderr);
    const conf = fs.readFileSync(PRODUCTION, 'utf8')
      .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${cert};`)
      .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`);
    fs.writeFileSync(path.join(dir, 'site.conf'), conf);
    // `include fastcgi_params` is relative to the configuration's folder (/etc/nginx on a server).
    fs.copyFileSync('/etc/nginx/fastcgi_params', path.join(dir, 'fastcgi_params'));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      'events {}',
      'http {',
      '  include /etc/nginx/mime.types;',
      `  access_log ${dir}/access.log;`,
      `  client_body_temp_path ${dir}/body;`,
      `  include ${dir}/site.conf;`,
      '}',
      '',
    ].join('\n'));
    const r = spawnSync('nginx', ['-t', '-e', path.join(dir, 'error.log'), '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    t.diagnostic(r.stderr.trim());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /test is successful/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
