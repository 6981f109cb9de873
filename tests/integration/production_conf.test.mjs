// nginx/teleservices-production.conf (what a sysadmin installs) against
// nginx/teleservices-site.conf.in (what every test runs through): the same
// routes to the same flows (production has no /dev/ page), the same headers
// on the error pages, and nginx itself accepts the production file (nginx -t,
// with a throw-away certificate in place of the académie's).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { REPO } from './harness.mjs';

const SITE = path.join(REPO, 'nginx', 'teleservices-site.conf.in');
const PRODUCTION = path.join(REPO, 'nginx', 'teleservices-production.conf');

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
  const site = routes(fs.readFileSync(SITE, 'utf8'));
  const production = routes(fs.readFileSync(PRODUCTION, 'utf8'));
  const flows = [...new Set([...site.values()].filter(Boolean))].sort();
  assert.ok(flows.length >= 9, `flows: ${flows}`);
  const expected = new Map([...site].filter(([loc]) => loc !== '^~ /dev/'));
  assert.deepEqual(Object.fromEntries([...production].sort()), Object.fromEntries([...expected].sort()));
  assert.ok(!production.has('^~ /dev/'), 'the demo mail page is never in production');
});

test('the error pages carry the same security headers in production', () => {
  const site = fs.readFileSync(SITE, 'utf8');
  const production = fs.readFileSync(PRODUCTION, 'utf8');
  for (const spec of ['^~ /erreurs/', '= /erreurs/429.html']) {
    const tested = headersOf(site, spec);
    assert.ok(tested.some((h) => h.startsWith('Content-Security-Policy ')), `${spec}: CSP in the tested file`);
    const prod = headersOf(production, spec);
    for (const h of tested) assert.ok(prod.includes(h), `${spec}: production lacks "${h}"`);
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
