// The attacks cover every form as the flows grow: the POST routes come from
// the binaries themselves (`build/ts-<flow> --routes` for each flow of
// flows.txt), and each must have a recipe in attacks.mjs (how to reach its
// form: which account, at which stage, which fields). A new form without one
// fails here, before anyone forgets to attack it. No stack needed.
import assert from 'node:assert/strict';
import test from 'node:test';

import { PROOFS, RECIPES, flowNames, postPaths, routeTable } from './attacks.mjs';

test('the route tables come from every binary of flows.txt', () => {
  const routes = routeTable();
  const flows = flowNames();
  assert.ok(flows.length >= 9, `flows: ${flows}`);
  for (const flow of flows) assert.ok(routes.some((r) => r.flow === flow), `ts-${flow} --routes lists no route`);
  for (const r of routes) {
    assert.match(r.path, /^\//, `${r.flow}: ${r.path}`);
    assert.ok(r.methods.every((m) => ['GET', 'HEAD', 'POST'].includes(m)), `${r.flow} ${r.path}: ${r.methods}`);
    assert.ok(Array.isArray(r.query) && r.query.every((f) => /^[a-z_]+$/.test(f)), `${r.flow} ${r.path}: GET fields ${r.query}`);
    assert.ok(['own', 'other', '-'].includes(r.secret), `${r.flow} ${r.path}: secret ${r.secret}`);
  }
});

test('the GET fields the routes declare are read too', () => {
  const declared = routeTable().filter((r) => r.query.length).map((r) => `${r.path}?${r.query.join(',')}`);
  for (const q of ['/?type', '/connexion?deconnexion,identifiant', '/reinitialiser-mot-de-passe?code', '/validerAdresseMail?code']) {
    assert.ok(declared.includes(q), `${q} in ${declared}`);
  }
});

test('the staff pages declare the GET fields of docs/STAFF.md', () => {
  const routes = routeTable();
  const fields = (p) => routes.find((r) => r.path === p && r.methods.includes('GET'))?.query ?? [];
  for (const [p, expected] of [
    ['/personnel', ['deconnexion']],
    ['/personnel/activer', ['code']],
    ['/etablissement/personnels/fiche', ['id']],
    ['/etablissement/assistance', ['identifiant']],
    ['/etablissement/journal', ['du', 'au', 'identifiant', 'evenement', 'avant']],
    ['/etablissement/journal.csv', ['du', 'au', 'identifiant', 'evenement']],
  ]) {
    for (const f of expected) assert.ok(fields(p).includes(f), `${p} declares ${f}: ${fields(p)}`);
  }
});

test('every POST route has an attack recipe, and every recipe a POST route', () => {
  const posts = postPaths();
  assert.ok(posts.length >= 13, `POST routes: ${posts}`);
  const missing = posts.filter((p) => !RECIPES[p]);
  assert.deepEqual(missing, [], `POST routes without a recipe in tests/attacks/attacks.mjs: ${missing.join(', ')}`);
  const stale = Object.keys(RECIPES).filter((p) => !posts.includes(p));
  assert.deepEqual(stale, [], `recipes for no POST route: ${stale.join(', ')}`);
  for (const [p, r] of Object.entries(RECIPES)) {
    assert.equal(typeof r.open, 'function', `${p}: open`);
    assert.equal(typeof r.valid, 'function', `${p}: valid`);
    assert.ok(['anonymous', 'full', 'other', 'pending', 'letter', 'pupil', 'direction', 'staff_factor'].includes(r.who), `${p}: who ${r.who}`);
  }
});

test('every form that checks a secret is among the lockout storms', () => {
  const proofs = routeTable().filter((r) => r.secret !== '-').map((r) => r.path);
  assert.ok(proofs.includes('/connexion') && proofs.includes('/premiere-connexion'), `proofs: ${proofs}`);
  const missing = proofs.filter((p) => !PROOFS.includes(p));
  assert.deepEqual(missing, [], `forms checking a secret without a guesser in tests/attacks/lockout.test.mjs (PROOFS): ${missing.join(', ')}`);
});
