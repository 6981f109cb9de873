// CSRF on every POST route the binaries declare, and session fixation.
// For each form (reached by its recipe, attacks.mjs): the form posted with
// its token missing, empty, wrong, shortened, another browser's, the
// pre-session token once signed in, in the address instead of the body, or
// twice — each refused with the same answer (403 "Formulaire expiré"; a
// repeated field is a 400), nothing changed in the database (attacks.mjs
// snapshot); then the same form with its own token goes through and does
// change something, which shows the comparison could fail.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import test from 'node:test';

import { text } from '../integration/flows.mjs';
import { RECIPES, assertSecurityHeaders, attackStack, enc, fieldsOf, formOf, postPaths, rawBody, Scene, snapshot } from './attacks.mjs';

const stats = { routes: 0, refusals: 0 };

test('CSRF: every POST refuses a missing or foreign token, and changes nothing', async (t) => {
  const stack = await attackStack();
  try {
    const scene = await Scene.build(stack, ['full', 'other', 'pending', 'letter']);
    for (const path of postPaths()) {
      const recipe = RECIPES[path];
      assert.ok(recipe, `${path}: no recipe (routes.test.mjs)`);
      await t.test(path, async () => {
        const { b, html } = await recipe.open(scene);
        const form = formOf(html, path);
        const fields = fieldsOf(form, recipe.valid(scene));
        const own = b.csrf(html);
        // Another browser's token: the other family signed in, or a visitor of its own.
        const stranger = recipe.who === 'anonymous' ? scene.browser() : await scene.signIn(recipe.who === 'other' ? 'full' : 'other');
        const strangerToken = stranger.csrf((await stranger.get(recipe.who === 'anonymous' ? '/connexion' : '/compte-en-attente', { follow: true })).body);
        assert.notEqual(strangerToken, own);
        // Signed in, the token of the pre-session cookie (planted before the login) no longer posts.
        const signedIn = recipe.who === 'anonymous' ? await scene.signIn('other') : b;
        assert.ok(signedIn.preToken, `${path}: the login form's token`);
        if (signedIn === b) assert.notEqual(b.preToken, own, `${path}: signed in, the page carries the session's token`);

        const body = (token, extra = []) => rawBody([...(token === undefined ? [] : [['csrf_token', enc(token)]]), ...extra,
          ...fields.map(([k, v]) => [k, enc(v)])]);
        const variants = [
          ['no token', b, path, body(undefined), 403],
          ['empty token', b, path, body(''), 403],
          ['wrong token', b, path, body(crypto.randomBytes(32).toString('base64url')), 403],
          ['shortened token', b, path, body(own.slice(0, -1)), 403],
          ['token with a changed letter', b, path, body((own[0] === 'A' ? 'B' : 'A') + own.slice(1)), 403],
          ["another browser's token", b, path, body(strangerToken), 403],
          ['the pre-session token after login', signedIn, path, body(signedIn.preToken), 403],
          ['token in the address only', b, `${path}?csrf_token=${enc(own)}`, body(undefined), 403],
          ['token twice', b, path, body(own, [['csrf_token', enc(own)]]), 400],
          ['token and a wrong one', b, path, body(own, [['csrf_token', 'x']]), 400],
          ['token as an array field', b, path, body(undefined, [['csrf_token[]', enc(own)]]), 403],
        ];
        const before = snapshot(stack);
        for (const [label, who, target, raw, status] of variants) {
          const res = await who.postRaw(target, raw, { origin: 'https://attaquant.example' });
          assert.equal(res.status, status, `${path}, ${label}: ${res.status}\n${text(res.body).slice(0, 300)}`);
          assertSecurityHeaders(res.headers, `${path}, ${label}`);
          if (status === 403) assert.match(text(res.body), /Formulaire expiré/, `${path}, ${label}`);
          else assert.match(text(res.body), /Requête non valide/, `${path}, ${label}`);
          assert.equal(snapshot(stack), before, `${path}, ${label}: the database changed`);
          stats.refusals++;
        }
        // The victim's session survived the attempts, and its own token does what the form does.
        // issue 13 — import: a form that uploads files (recipe.files) posts them as a browser does.
        const ok = recipe.files
          ? await b.postMultipart(path, [['csrf_token', own], ...fields.filter(([k]) => !(k in recipe.files(scene)))], recipe.files(scene))
          : await b.postRaw(path, body(own));
        assert.ok([200, 303].includes(ok.status), `${path}, its own token: ${ok.status}\n${text(ok.body).slice(0, 300)}`);
        assert.notEqual(snapshot(stack), before, `${path}: the valid form changed nothing, so the refusals prove nothing`);
        recipe.after?.(scene);
        stats.routes++;
      });
    }
    t.diagnostic(`CSRF: ${stats.routes} POST routes, ${stats.refusals} refused requests`);
    assert.equal(stats.routes, postPaths().length);
  } finally {
    await stack.stop();
  }
});

/** The value of the session cookie a response set, or undefined. */
const sessionSet = (res) => (res.setCookies || []).map((c) => /^ts_session=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined);

test('session fixation: a planted session cookie is never adopted; the id changes at each stage', async (t) => {
  const stack = await attackStack();
  try {
    const scene = await Scene.build(stack, ['other']);
    const L = scene.L;

    await t.test('a made-up session cookie: signed out, then replaced at sign-in', async () => {
      const planted = crypto.randomBytes(32).toString('base64url');
      const b = scene.browser();
      b.cookies.set('ts_session', planted);
      assert.equal((await b.get('/services')).location, '/connexion', 'a made-up id is no session');
      const page = await b.get('/connexion');
      const res = await b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: 'cmartin', mot_de_passe: L.cmartin.password });
      assert.equal(res.status, 303);
      const issued = sessionSet(res);
      assert.ok(issued && issued !== planted, 'a new session id at sign-in');
      const attacker = scene.browser();
      attacker.cookies.set('ts_session', planted);
      assert.equal((await attacker.get('/premiere-connexion')).location, '/connexion', 'the planted id reaches nothing');
    });

    await t.test("the attacker's own session planted in the victim's browser: the victim's login does not upgrade it", async () => {
      const attacker = await scene.signIn('other');
      const attackerId = attacker.cookies.get('ts_session');
      const victim = scene.browser();
      victim.cookies.set('ts_session', attackerId);
      const page = await victim.get('/connexion');
      assert.equal(page.location, '/services', 'a signed-in browser is sent to its home');
      // The victim signs in from that browser anyway, with the token its page holds.
      const home = await victim.get('/services');
      const login = await victim.post('/connexion', { csrf_token: victim.csrf(home.body), identifiant: 'jmartin', mot_de_passe: L.jmartin.password });
      assert.equal(login.status, 303);
      const issued = sessionSet(login);
      assert.ok(issued && issued !== attackerId, "the victim's sign-in gets a new id");
      assert.equal((await victim.get('/premiere-connexion')).status, 200, "the new id is the victim's session");
      // The planted session, another account's, is ended rather than kept beside the new one.
      assert.equal((await attacker.get('/services')).location, '/connexion', 'the planted session is over');
    });

    await t.test('a new id at sign-in, at the first connection, at a password change; the old ones stop', async () => {
      const b = scene.browser();
      const page = await b.get('/connexion');
      const letterLogin = await b.post('/connexion', { csrf_token: b.csrf(page.body), identifiant: 'sriviere', mot_de_passe: L.sriviere.password });
      const s1 = sessionSet(letterLogin);
      assert.ok(s1, 'a session at the letter stage');
      const form = await b.get('/premiere-connexion');
      const done = await b.post('/premiere-connexion', {
        csrf_token: b.csrf(form.body), mot_de_passe: 'Tilleul2024x', mot_de_passe_confirmation: 'Tilleul2024x',
        email: 'sophie@example.org', email_confirmation: 'sophie@example.org', date_naissance: L.sriviere.birth,
      });
      assert.equal(done.location, '/compte-en-attente');
      const s2 = sessionSet(done);
      assert.ok(s2 && s2 !== s1, 'a new id for the pending stage');
      // The replaced id lives on for at most 2 minutes (a double submission of
      // the form still reaches its outcome: TS_REPEAT_WINDOW), then is over.
      const left = Number(stack.sqlValue(`SELECT MAX(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at)) FROM session s JOIN account a ON a.id = s.account_id
        WHERE a.identifier = 'sriviere' AND s.id_hash <> UNHEX(SHA2('${s2}', 256))`));
      assert.ok(left <= 120, `the letter-stage id expires within 2 minutes (${left} s left)`);

      const c = await scene.signIn('other');
      const before = c.cookies.get('ts_session');
      const compte = await c.get('/compte');
      const changed = await c.post('/compte/mot-de-passe', { csrf_token: c.csrf(compte.body), mot_de_passe_actuel: scene.passwords.elefevre, nouveau_mot_de_passe: 'Peuplier2025z', confirmation: 'Peuplier2025z' });
      assert.equal(changed.status, 303);
      const after = sessionSet(changed);
      assert.ok(after && after !== before, 'a new id after a password change');
      const stale = scene.browser();
      stale.cookies.set('ts_session', before);
      assert.equal((await stale.get('/compte')).location, '/connexion', 'the old id is over');
      scene.passwords.elefevre = 'Peuplier2025z';
    });

    await t.test('logout ends the session on the server, not only in the browser', async () => {
      const b = await scene.signIn('other');
      const id = b.cookies.get('ts_session');
      const home = await b.get('/services');
      const out = await b.post('/deconnexion', { csrf_token: b.csrf(home.body) });
      assert.equal(out.status, 303);
      const replay = scene.browser();
      replay.cookies.set('ts_session', id);
      assert.equal((await replay.get('/services')).location, '/connexion');
    });
  } finally {
    await stack.stop();
  }
});
