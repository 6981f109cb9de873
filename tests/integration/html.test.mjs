// Every page reached in the flows is valid HTML (tidy reports no error), in
// French, with its own <title>, a label for each field, no inline script or
// style, and the layout's skip link.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';

function tidyErrors(html) {
  const r = spawnSync('tidy', ['-errors', '-quiet', '-utf8', '--show-warnings', 'no'], { input: html, encoding: 'utf8' });
  // tidy exits 0 (clean), 1 (warnings only) or 2 (errors).
  return r.status >= 2 ? r.stderr : '';
}

function checkPage(label, html) {
  assert.equal(tidyErrors(html), '', `${label}: tidy errors`);
  assert.match(html, /<html[^>]*\slang="fr"/, `${label}: lang="fr"`);
  assert.match(html, /<a[^>]+href="#contenu"[^>]*>/, `${label}: skip link`);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${label}: no inline script`);
  assert.doesNotMatch(html, /\sstyle="/i, `${label}: no inline style`);
  assert.doesNotMatch(html, /\son[a-z]+="/i, `${label}: no inline event handler`);
  // Every visible field has a <label for> (the "Afficher" checkboxes are labelled too).
  for (const tag of html.match(/<(input|select|textarea)\b[^>]*>/gi) || []) {
    if (/type="(hidden|submit|button)"/.test(tag)) continue;
    const id = (tag.match(/\sid="([^"]+)"/) || [])[1];
    assert.ok(id, `${label}: field without id: ${tag}`);
    assert.match(html, new RegExp(`<label[^>]*\\sfor="${id}"`), `${label}: no label for #${id}`);
  }
  const title = (html.match(/<title>([^<]*)<\/title>/) || [])[1];
  assert.ok(title && / — Scolarité services$/.test(title), `${label}: title "${title}"`);
  return title;
}

test('every page is valid, accessible HTML', async () => {
  const stack = await startStack({ mail: 'maildir' });
  try {
    const letters = {};
    for (const line of stack.admin('demo', '--tsv').trim().split('\n')) {
      const [identifier, password, , , , , birth] = line.split('\t');
      letters[identifier] = { password, birth };
    }
    const pages = [];
    const titles = new Map();
    const visit = (label, res, expectStatus = 200) => {
      assert.equal(res.status, expectStatus, label);
      const title = checkPage(label, res.body);
      pages.push(`${res.status} ${label}`);
      if (expectStatus === 200) {
        assert.ok(!titles.has(title) || titles.get(title) === label.split(' ')[0], `${label}: title "${title}" already used by ${titles.get(title)}`);
        titles.set(title, label.split(' ')[0]);
      }
    };

    const b = new Browser(stack.base);
    for (const p of ['/', '/personnel', '/aide', '/mentions-legales', '/contact', '/connexion']) visit(p, await b.get(p));
    visit('/nope (404)', await b.get('/nope-handled-by-nginx-or-handler'), 404);
    visit('/validerAdresseMail (bad code)', await b.get('/validerAdresseMail?code=' + 'A'.repeat(43)), 404);
    visit('/connexion (errors)', await b.submit('/connexion', { identifiant: '', mot_de_passe: '' }), 422);
    for (const p of ['/identifiant-oublie', '/mot-de-passe-oublie']) visit(p, await new Browser(stack.base).get(p));
    visit('/identifiant-oublie (errors)', await new Browser(stack.base).submit('/identifiant-oublie', { email: 'x' }), 422);
    visit('/identifiant-oublie (sent)', await new Browser(stack.base).submit('/identifiant-oublie', { email: 'personne@example.org' }));
    visit('/reinitialiser-mot-de-passe (bad code)', await new Browser(stack.base).get('/reinitialiser-mot-de-passe?code=' + 'B'.repeat(43)), 404);

    await b.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: letters.cmartin.password });
    visit('/premiere-connexion', await b.get('/premiere-connexion'));
    const form = b.last.body;
    visit('/premiere-connexion (errors)', await b.post('/premiere-connexion', {
      csrf_token: b.csrf(form), mot_de_passe: 'a', mot_de_passe_confirmation: 'b', email: 'x', email_confirmation: 'y', date_naissance: 'z',
    }), 422);
    const ok = await b.post('/premiere-connexion', {
      csrf_token: b.csrf(form), mot_de_passe: 'Valide2024ab', mot_de_passe_confirmation: 'Valide2024ab',
      email: 'html@example.org', email_confirmation: 'html@example.org', date_naissance: letters.cmartin.birth,
    });
    assert.equal(ok.status, 303);
    visit('/compte-en-attente', await b.get('/compte-en-attente'));
    const mail = await stack.waitForMail((m) => m.to === 'html@example.org');
    visit('/dev/courriels', await b.get('/dev/courriels'));
    const link = new URL(mail.links.find((l) => l.includes('validerAdresseMail')));
    visit('/validerAdresseMail', await b.get(link.pathname + link.search));
    visit('/services', await b.get('/services'));
    visit('/services/notes (not yet open)', await b.get('/services/notes'), 404);

    console.log(`pages checked (${pages.length}):\n  ${pages.join('\n  ')}`);
  } finally {
    await stack.stop();
  }
});
