// Smoke test: a whole stack starts, serves the home page and static files,
// answers 404 to unknown paths, and stops leaving no process behind.
import assert from 'node:assert/strict';
import test from 'node:test';

import { Browser, isAlive, startStack } from './harness.mjs';

// Template text may use a typographic apostrophe or an entity.
const plain = (html) => html.replace(/&#39;|&#x27;|&apos;|’/g, "'");

test('the stack starts, serves, and stops cleanly', async (t) => {
  const stack = await startStack({ mail: 'maildir' });
  let pids = [];
  try {
    const b = new Browser(stack.base);

    await t.test('GET / is the home page, in French', async () => {
      const res = await b.get('/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/i);
      assert.match(res.body, /<html[^>]*\slang="fr"/);
      assert.ok(plain(res.body).includes("Sélectionnez un type d'établissement"), 'establishment type chooser');
    });

    await t.test('pages carry the security headers', async () => {
      const res = await b.get('/');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.ok(res.headers.get('content-security-policy'), 'Content-Security-Policy');
      assert.equal(res.headers.get('server'), 'nginx', 'server_tokens off: no version');
    });

    await t.test('unknown paths are 404, in French', async () => {
      for (const p of ['/nope', '/connexion/', '/servicesx', '/index.php', '/../etc/passwd']) {
        const res = await b.get(p);
        assert.equal(res.status, 404, p);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      }
      assert.match((await b.get('/nope')).body, /Page introuvable/);
    });

    await t.test('static files: DSFR with caching and nosniff', async () => {
      const css = await b.get('/dsfr/dsfr.min.css');
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type'), /^text\/css/);
      assert.equal(css.headers.get('x-content-type-options'), 'nosniff');
      assert.match(css.headers.get('cache-control') || '', /max-age=\d+/);
      const ico = await b.get('/favicon.ico');
      assert.equal(ico.status, 200);
    });

    await t.test('oversized bodies are refused by nginx', async () => {
      const res = await b.post('/connexion', { x: 'a'.repeat(40 * 1024) });
      assert.equal(res.status, 413);
    });

    pids = stack.processes();
    assert.ok(pids.length >= 9, `expected the stack's processes, got ${pids.join(' ')}`);
  } finally {
    await stack.stop();
  }
  const left = pids.filter(isAlive);
  assert.deepEqual(left, [], `processes still running after stop: ${left.join(' ')}`);
});

test('nginx limits form submissions per client, not page views', async () => {
  const stack = await startStack({ children: 1, postRate: '1r/m', postBurst: 2 });
  try {
    const b = new Browser(stack.base);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await b.post('/connexion', { identifiant: 'x' })).status);
    assert.notEqual(codes[0], 429, `first POST limited: ${codes}`);
    assert.equal(codes[3], 429, `4th POST within a minute at 1r/m burst 2: ${codes}`);
    const limited = await b.post('/premiere-connexion', {});
    assert.equal(limited.status, 429, 'one budget for every limited form');
    assert.match(limited.body, /Trop de tentatives/);
    assert.equal((await b.get('/connexion')).status, 200, 'GETs are not limited');
  } finally {
    await stack.stop();
  }
});
