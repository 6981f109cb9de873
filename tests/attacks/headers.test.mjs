// The security headers on every answer, and nginx's own answers: every GET
// route of every binary (at each stage: a visitor, a signed-in family), the
// static files, the handlers' errors, and each status nginx answers by
// itself — sent over raw sockets when no browser would send the request
// (TRACE, an over-long URL or header, an unknown Transfer-Encoding, a
// malformed request line…). Each gets the site's French page with the
// layout, the same headers, and nothing of nginx's English defaults.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import test from 'node:test';

import { REPO, startStack } from '../integration/harness.mjs';
import { pageProblems, text } from '../integration/flows.mjs';
import { AddrBrowser, SECURITY_HEADERS, Scene, assertSecurityHeaders, routeTable } from './attacks.mjs';

/**
 * Sends raw bytes on a new connection; resolves to { status, reason, headers
 * (lower-case name -> value, repeated ones joined by '\n'), body, bytes, ms }
 * once the server closes (every request here asks Connection: close, or is
 * one nginx closes after). `bytes` 0: closed without an answer.
 */
export function rawRequest(port, data, { timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks = [];
    const sock = net.connect(port, '127.0.0.1', () => sock.write(data));
    sock.setTimeout(timeoutMs, () => { sock.destroy(); reject(new Error(`no close within ${timeoutMs} ms`)); });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const buf = Buffer.concat(chunks);
      const i = buf.indexOf('\r\n\r\n');
      const head = (i < 0 ? buf : buf.subarray(0, i)).toString('latin1').split('\r\n');
      const [, status, reason] = /^HTTP\/1\.\d (\d{3}) ?(.*)$/.exec(head[0]) || [];
      const headers = {};
      for (const line of head.slice(1)) {
        const k = line.slice(0, line.indexOf(':')).trim().toLowerCase();
        const v = line.slice(line.indexOf(':') + 1).trim();
        headers[k] = k in headers ? `${headers[k]}\n${v}` : v;
      }
      resolve({ status: Number(status), reason, headers, body: i < 0 ? '' : buf.subarray(i + 4).toString('utf8'), bytes: buf.length, ms: Date.now() - started });
    });
  });
}

const H = 'Host: 127.0.0.1\r\nConnection: close\r\n';

/** [label, raw request, expected status, a phrase of the expected French page]. */
const NGINX_CASES = [
  ['TRACE on a page', `TRACE /connexion HTTP/1.1\r\n${H}\r\n`, 405, /Cette adresse ne reçoit pas ce type de demande/],
  ['TRACE on the home page', `TRACE / HTTP/1.1\r\n${H}\r\n`, 405, /Méthode non acceptée/],
  ['PUT on a static file', `PUT /css/app.css HTTP/1.1\r\n${H}Content-Length: 2\r\n\r\nab`, 405, /Méthode non acceptée/],
  ['DELETE on a static file', `DELETE /dsfr/dsfr.min.css HTTP/1.1\r\n${H}\r\n`, 405, /Méthode non acceptée/],
  ['POST on a static file', `POST /js/app.js HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n`, 405, /Méthode non acceptée/],
  ['PATCH on the favicon', `PATCH /favicon.ico HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n`, 405, /Méthode non acceptée/],
  ['an over-long URL', `GET /${'a'.repeat(20000)} HTTP/1.1\r\n${H}\r\n`, 414, /L'adresse demandée est trop longue/],
  ['an over-long header', `GET / HTTP/1.1\r\n${H}X-Long: ${'a'.repeat(20000)}\r\n\r\n`, 400, /Supprimez les cookies de ce site/],
  ['an over-long cookie', `GET /connexion HTTP/1.1\r\n${H}Cookie: ts_pre=${'b'.repeat(12000)}\r\n\r\n`, 400, /Supprimez les cookies de ce site/],
  ['too many headers', `GET / HTTP/1.1\r\n${H}${Array.from({ length: 40 }, (_, i) => `X-H${i}: ${'a'.repeat(900)}\r\n`).join('')}\r\n`, 400, /trop volumineuses/],
  ['an unknown Transfer-Encoding', `POST /connexion HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\n`, 501, /ne prend pas en charge/],
  ['a malformed request line', 'GARBAGE\r\n\r\n', 400, /ne peut pas lire/],
  ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400, /ne peut pas lire/],
  ['an unknown HTTP version', `GET / HTTP/2.5\r\n${H}\r\n`, 505, /version du protocole HTTP/],
  ['a NUL in the path', `GET /%00 HTTP/1.1\r\n${H}\r\n`, 400, /ne peut pas lire/],
  ['a path above the root', `GET /../../etc/passwd HTTP/1.1\r\n${H}\r\n`, 400, /ne peut pas lire/],
  ['Content-Length and chunked together', `POST /connexion HTTP/1.1\r\n${H}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400, /ne peut pas lire/],
  ['a malformed chunk', `POST /connexion HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n`, 400, /ne peut pas lire/],
  ['two Content-Length', `POST /connexion HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabc`, 400, /ne peut pas lire/],
  ['a body over 32 KiB', `POST /connexion HTTP/1.1\r\n${H}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n`, 413, /trop volumineuses/],
  ['If-Match on a static file', `GET /css/app.css HTTP/1.1\r\n${H}If-Match: "autre"\r\n\r\n`, 412, /condition posée/],
  ['If-Unmodified-Since in the past', `GET /css/app.css HTTP/1.1\r\n${H}If-Unmodified-Since: Mon, 01 Jan 1990 00:00:00 GMT\r\n\r\n`, 412, /condition posée/],
  ['a folder of static files', `GET /dsfr/ HTTP/1.1\r\n${H}\r\n`, 403, /Vous n'avez pas accès/],
  ['an unknown address', `GET /wp-login.php HTTP/1.1\r\n${H}\r\n`, 404, /ne correspond à aucune page/],
  ['a missing static file', `GET /css/absent.css HTTP/1.1\r\n${H}\r\n`, 404, /ne correspond à aucune page/],
  ['a POST to an unknown address', `POST /admin HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n`, 404, /ne correspond à aucune page/],
  ['HEAD of an unknown address', `HEAD /nulle-part HTTP/1.1\r\n${H}\r\n`, 404, null],
];

/** Asserts one of nginx's pages: French, the layout, the headers, no English default. */
function assertSitePage(res, label, phrase) {
  assertSecurityHeaders(res.headers, label);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', `${label}: content-type`);
  assert.equal(res.headers.server, 'nginx', `${label}: no version`);
  if (phrase === null) return assert.equal(res.body, '', `${label}: HEAD has no body`);
  assert.match(res.body, /<html lang="fr"/, `${label}: a French page`);
  assert.match(res.body, /<title>[^<]+ — Scolarité services<\/title>/, `${label}: the layout`);
  assert.match(text(res.body), phrase, `${label}: its message`);
  assert.doesNotMatch(res.body, /<center>|nginx\/|Not Allowed|Bad Request|Too Large|Not Implemented/, `${label}: nginx's default page`);
}

test('headers on every answer; a French page for every status nginx answers', async (t) => {
  // nginx's own POST limit as configured by default (20r/s, burst 40), for its 429.
  const stack = await startStack({ mail: 'maildir', extraConf: '[security]\nargon2_memory_kib = 1024\nargon2_iterations = 1\n' });
  let requests = 0;
  try {
    // Timeouts run meanwhile: nginx closes a request that stops coming, without answering (no 408 page to show).
    const stalled = [
      rawRequest(stack.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n`),
      rawRequest(stack.port, `POST /connexion HTTP/1.1\r\n${H}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nabc`),
    ];

    await t.test('each status nginx answers by itself, over raw sockets', async () => {
      for (const [label, data, status, phrase] of NGINX_CASES) {
        const res = await rawRequest(stack.port, data);
        requests++;
        assert.equal(res.status, status, `${label}: ${res.status} ${res.reason}\n${res.body.slice(0, 200)}`);
        assertSitePage(res, label, phrase);
        if (status === 405) {
          const isStatic = /^[A-Z]+ \/(css|js|dsfr|favicon)/.test(data);
          assert.equal(res.headers.allow, isStatic ? 'GET, HEAD' : undefined, `${label}: Allow`);
        }
      }
      t.diagnostic(`nginx statuses: ${NGINX_CASES.length} raw requests`);
    });

    await t.test('every error page nginx may serve exists, and is valid HTML', () => {
      const dir = path.join(stack.var, 'app', 'htdocs', 'erreurs');
      const files = fs.readdirSync(dir).sort();
      const conf = fs.readFileSync(path.join(REPO, 'nginx', 'teleservices-site.conf.in'), 'utf8');
      const used = [...new Set([...conf.matchAll(/^\s*error_page\s[^;]*\/erreurs\/(\d{3}\.html);/gm)].map((m) => m[1]))].sort();
      assert.deepEqual(files, used, 'the pages teleservices-admin error-pages writes are those nginx uses');
      for (const f of files) assert.equal(pageProblems(fs.readFileSync(path.join(dir, f), 'utf8')), '', f);
    });

    await t.test("nginx's 429: the POST limit, with Retry-After", async () => {
      const b = new AddrBrowser(stack.base, '127.0.0.9');
      const all = await Promise.all(Array.from({ length: 80 }, () => b.post('/connexion', { csrf_token: 'x' })));
      requests += all.length;
      const limited = all.filter((r) => r.status === 429);
      assert.ok(limited.length > 0, `statuses: ${all.map((r) => r.status)}`);
      for (const r of limited.slice(0, 3)) {
        assertSecurityHeaders(r.headers, '429');
        assert.equal(r.headers.get('retry-after'), '10');
        assert.match(text(r.body), /trop de demandes en peu de temps/);
      }
      for (const r of all.filter((x) => x.status !== 429)) assert.equal(r.status, 403, 'the others: the expired form');
    });

    await t.test('the handlers: every GET route, as a visitor and signed in, and their errors', async () => {
      const scene = await Scene.build(stack, ['full']);
      const signedIn = await scene.signIn('full');
      const visitor = scene.browser();
      const gets = routeTable().filter((r) => r.methods.includes('GET'));
      for (const r of gets) {
        const p = r.prefix ? `${r.path}inconnu` : r.path;
        for (const [who, b] of [['visitor', visitor], ['signed in', signedIn]]) {
          for (const method of ['GET', 'HEAD']) {
            const res = await b.request(method, p);
            requests++;
            assert.ok(res.status < 500, `${method} ${p} (${who}): ${res.status}`);
            assertSecurityHeaders(res.headers, `${method} ${p} (${who}): ${res.status}`);
          }
        }
      }
      // The handlers' own refusals.
      const errors = [
        ['PUT', '/connexion', 405], ['DELETE', '/compte', 405], ['GET', '/connexion?x=%FF', 400],
        ['GET', '/validerAdresseMail?code=' + 'A'.repeat(43), 404], ['GET', '/services/inconnu', 404],
        ['POST', '/compte/fiche', 403], ['GET', '/reinitialiser-mot-de-passe?code=%00', 400],
      ];
      for (const [method, p, status] of errors) {
        const res = await signedIn.request(method, p, method === 'GET' ? {} : { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        requests++;
        assert.equal(res.status, status, `${method} ${p}`);
        assertSecurityHeaders(res.headers, `${method} ${p}`);
        assert.match(res.body, /<html lang="fr"/, `${method} ${p}`);
      }
      t.diagnostic(`handlers: ${gets.length} GET routes x 2 sessions x GET/HEAD, ${errors.length} refusals`);
    });

    await t.test('static files: the same headers, cached', async () => {
      const b = new AddrBrowser(stack.base);
      for (const p of ['/css/app.css', '/js/app.js', '/dsfr/dsfr.min.css', '/dsfr/dsfr.module.min.js', '/favicon.ico', '/dsfr/favicon/favicon.svg']) {
        for (const method of ['GET', 'HEAD']) {
          const res = await b.request(method, p);
          requests++;
          assert.equal(res.status, 200, `${method} ${p}`);
          assertSecurityHeaders(res.headers, `${method} ${p}`, { cached: true });
        }
        const full = await b.request('GET', p);
        const notModified = await b.request('GET', p, { headers: { 'if-modified-since': full.headers.get('last-modified') } });
        assert.equal(notModified.status, 304, `${p}: 304`);
        for (const name of Object.keys(SECURITY_HEADERS)) assert.ok(notModified.headers.get(name), `${p} 304: ${name}`);
        // No byte ranges (max_ranges 0): a Range, even past the end, gets the whole file.
        for (const range of ['bytes=0-9', 'bytes=99999999-']) {
          const r = await b.request('GET', p, { headers: { range } });
          assert.equal(r.status, 200, `${p} ${range}`);
          assert.equal(r.body.length, full.body.length, `${p} ${range}: the whole file`);
          assertSecurityHeaders(r.headers, `${p} ${range}`, { cached: true });
        }
        requests += 4;
      }
    });

    await t.test('a handler down: the 503 page, the same headers', async () => {
      // The dev flow's socket removed: nginx cannot reach the pool (502), and answers with its 503 page.
      fs.rmSync(path.join(stack.var, 'run', 'dev_courriels.sock'));
      const res = await rawRequest(stack.port, `GET /dev/courriels HTTP/1.1\r\n${H}\r\n`);
      requests++;
      assert.equal(res.status, 503);
      assertSitePage(res, 'handler down', /momentanément indisponible/);
    });

    await t.test('a request that stops coming is closed without an answer (no 408)', async () => {
      for (const res of await Promise.all(stalled)) {
        assert.equal(res.bytes, 0, `nothing sent: ${res.status}`);
        assert.ok(res.ms >= 9000 && res.ms < 20000, `closed after client_header_timeout/client_body_timeout (${res.ms} ms)`);
      }
      requests += stalled.length;
    });
    t.diagnostic(`headers: ${requests} requests`);
  } finally {
    await stack.stop();
  }
});
