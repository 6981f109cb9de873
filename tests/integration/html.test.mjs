// Every page reached in the flows is valid HTML (tidy reports no error), in
// French, with its own <title>, a label for each field, no inline script or
// style, the layout's skip link, and scrolling tables keyboard-reachable.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { Browser, startStack } from './harness.mjs';
import { PASSWORD, activationLink, firstConnection, letters as demoLetters, login, pageProblems } from './flows.mjs';

function checkPage(label, html) {
  assert.equal(pageProblems(html), '', `${label}: tidy errors, unlabelled fields or duplicate ids`);
  assert.match(html, /<html[^>]*\slang="fr"/, `${label}: lang="fr"`);
  assert.match(html, /<a[^>]+href="#contenu"[^>]*>/, `${label}: skip link`);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${label}: no inline script`);
  assert.doesNotMatch(html, /\sstyle="/i, `${label}: no inline style`);
  assert.doesNotMatch(html, /\son[a-z]+="/i, `${label}: no inline event handler`);
  // A DSFR table scrolls on a phone (.fr-table > table: overflow auto): keyboard
  // users reach it only if it takes the focus (axe scrollable-region-focusable).
  for (const m of html.matchAll(/<div class="fr-table[^"]*">\s*<table([^>]*)>/g))
    assert.match(m[1], /\btabindex="0"/, `${label}: a scrolling table takes the focus`);
  const title = (html.match(/<title>([^<]*)<\/title>/) || [])[1];
  assert.ok(title && / — Scolarité services$/.test(title), `${label}: title "${title}"`);
  return title;
}

test('every page is valid, accessible HTML', async () => {
  const stack = await startStack({
    mail: 'maildir',
    // Lock after 3 failures so that the locked page is reached quickly.
    extraConf: '[security]\nmax_failed_logins = 3\nlogin_ip_max_failures = 1000\n',
  });
  try {
    const letters = demoLetters(stack);
    const pages = [];
    const titles = new Map();
    const visit = (label, res, expectStatus = 200) => {
      assert.equal(res.status, expectStatus, label);
      const title = checkPage(label, res.body);
      // Every page, nginx's error pages too, under a policy that needs no inline code.
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, `${label}: Content-Security-Policy "${csp}"`);
      assert.doesNotMatch(csp, /unsafe-/, `${label}: Content-Security-Policy "${csp}"`);
      pages.push(`${res.status} ${label}`);
      if (expectStatus === 200) {
        assert.ok(!titles.has(title) || titles.get(title) === label.split(' ')[0], `${label}: title "${title}" already used by ${titles.get(title)}`);
        titles.set(title, label.split(' ')[0]);
      }
    };
    const mailLink = async (to, subject, prefix) => {
      const mail = await stack.waitForMail((m) => m.to === to && m.subject.endsWith(subject), 15000);
      const link = new URL(mail.links.find((l) => l.includes(prefix)));
      return link.pathname + link.search;
    };

    // Anonymous pages, errors and recovery forms.
    const b = new Browser(stack.base);
    for (const p of ['/', '/personnel', '/aide', '/mentions-legales', '/contact', '/connexion']) visit(p, await b.get(p));
    visit('/nope (404)', await b.get('/nope-handled-by-nginx-or-handler'), 404);
    // nginx's own error pages (one per status it answers by itself), written at start-up from the layout.
    const errorsDir = path.join(stack.var, 'app', 'htdocs', 'erreurs');
    const errorPages = fs.readdirSync(errorsDir).filter((f) => f.endsWith('.html')).sort();
    assert.deepEqual(errorPages, ['400.html', '403.html', '404.html', '405.html', '411.html', '412.html', '413.html', '414.html',
      '429.html', '494.html', '501.html', '503.html', '505.html']);
    for (const f of errorPages) {
      const html = fs.readFileSync(path.join(errorsDir, f), 'utf8');
      checkPage(`erreurs/${f}`, html);
      assert.doesNotMatch(html, /name="csrf_token"/, `erreurs/${f}: a static page holds no token`);
      pages.push(`file erreurs/${f}`);
    }
    visit('/validerAdresseMail (bad code)', await b.get('/validerAdresseMail?code=' + 'A'.repeat(43)), 404);
    visit('/connexion (errors)', await b.submit('/connexion', { identifiant: '', mot_de_passe: '' }), 422);
    visit('/connexion (expired form)', await new Browser(stack.base).post('/connexion', { csrf_token: 'x'.repeat(43), identifiant: 'a', mot_de_passe: 'b' }), 403);
    visit('/connexion (405)', await new Browser(stack.base).request('PUT', '/connexion'), 405);
    for (const p of ['/identifiant-oublie', '/mot-de-passe-oublie']) visit(p, await new Browser(stack.base).get(p));
    visit('/identifiant-oublie (errors)', await new Browser(stack.base).submit('/identifiant-oublie', { email: 'x' }), 422);
    visit('/identifiant-oublie (sent)', await new Browser(stack.base).submit('/identifiant-oublie', { email: 'personne@example.org' }));
    visit('/mot-de-passe-oublie (errors)', await new Browser(stack.base).submit('/mot-de-passe-oublie', { identifiant: '', email: '' }), 422);
    visit('/reinitialiser-mot-de-passe (bad code)', await new Browser(stack.base).get('/reinitialiser-mot-de-passe?code=' + 'B'.repeat(43)), 404);

    // Locked account: three failures on a letter.
    for (let i = 0; i < 2; i++) await new Browser(stack.base).submit('/connexion', { identifiant: 'kbenali', mot_de_passe: 'mauvais' });
    visit('/connexion (locked)', await new Browser(stack.base).submit('/connexion', { identifiant: 'kbenali', mot_de_passe: 'mauvais' }), 403);

    // First connection and activation.
    await b.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: letters.cmartin.password });
    visit('/premiere-connexion', await b.get('/premiere-connexion'));
    const form = b.last.body;
    visit('/premiere-connexion (errors)', await b.post('/premiere-connexion', {
      csrf_token: b.csrf(form), mot_de_passe: 'a', mot_de_passe_confirmation: 'b', email: 'x', email_confirmation: 'y', date_naissance: 'z',
    }), 422);
    const ok = await b.post('/premiere-connexion', {
      csrf_token: b.csrf(form), mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD,
      email: 'html@example.org', email_confirmation: 'html@example.org', date_naissance: letters.cmartin.birth,
    });
    assert.equal(ok.status, 303);
    visit('/compte-en-attente', await b.get('/compte-en-attente'));
    const link = await activationLink(stack, letters.cmartin, 'html@example.org');
    visit('/dev/courriels', await b.get('/dev/courriels'));
    visit('/validerAdresseMail', await b.get(link.pathname + link.search));
    visit('/validerAdresseMail (used twice)', await b.get(link.pathname + link.search));
    visit('/services', await b.get('/services'));
    // The menu's school entry: its web site, or the contact page when it gave none.
    assert.match(b.last.body, /<a class="fr-nav__link" href="https:\/\/college-des-tilleuls\.example\/" rel="external">Collège des Tilleuls<span class="fr-sr-only"> \(site de l'établissement\)<\/span><\/a>/);
    stack.sql('UPDATE establishment SET website = NULL');
    visit('/services (school without a site)', await b.get('/services'));
    assert.match(b.last.body, /<a class="fr-nav__link" href="\/contact">Collège des Tilleuls<span class="fr-sr-only"> \(contacter l'établissement\)<\/span><\/a>/);
    // A pupil's own account: its school too.
    const pupil = await firstConnection(stack, letters.dmartin, '');
    const pupilHome = await pupil.get('/services');
    assert.equal(pupilHome.status, 200);
    assert.match(pupilHome.body, /<a class="fr-nav__link" href="\/contact">Collège des Tilleuls</);
    visit('/services/notes (not yet open)', await b.get('/services/notes'), 404);

    // Mon compte.
    visit('/compte', await b.get('/compte'));
    visit('/compte/enfants', await b.get('/compte/enfants'));
    visit('/compte/mot-de-passe (errors)', await b.post('/compte/mot-de-passe', {
      csrf_token: b.csrf((await b.get('/compte')).body), mot_de_passe_actuel: 'faux', nouveau_mot_de_passe: 'a', confirmation: 'b',
    }), 422);
    visit('/compte/adresse (errors)', await b.post('/compte/adresse', {
      csrf_token: b.csrf((await b.get('/compte')).body), nouvelle_adresse: 'x', confirmation_adresse: 'y', mot_de_passe: '',
    }), 422);
    const asked = await b.post('/compte/adresse', {
      csrf_token: b.csrf((await b.get('/compte')).body), nouvelle_adresse: 'nouvelle@example.org', confirmation_adresse: 'nouvelle@example.org', mot_de_passe: PASSWORD,
    });
    assert.equal(asked.status, 303);
    visit('/compte (address pending)', await b.get(asked.location));
    const confirm = await mailLink('nouvelle@example.org', 'Confirmation de votre nouvelle adresse', '/validerNouvelleAdresse?code=');
    visit('/validerNouvelleAdresse', await b.get(confirm));
    visit('/validerNouvelleAdresse (bad code)', await b.get('/validerNouvelleAdresse?code=' + 'C'.repeat(43)), 404);

    // Regroupement, fiche de renseignements.
    visit('/compte/regroupement', await b.get('/compte/regroupement'));
    visit('/compte/regroupement (errors)', await b.submit('/compte/regroupement', { identifiant: '', mot_de_passe: '' }), 422);
    visit('/compte/regroupement (confirmation)', await b.submit('/compte/regroupement', { identifiant: 'cmartin1', mot_de_passe: letters.cmartin1.password }));
    visit('/compte/regroupement/confirmer', await b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(b.last.body), decision: 'valider' }));
    visit('/compte/fiche', await b.get('/compte/fiche'));
    const fiche = b.last.body;
    const rid = (fiche.match(/name="responsable" value="(\d+)"/) || [])[1];
    assert.ok(rid, 'a responsable on the fiche');
    visit('/compte/fiche (errors)', await b.post('/compte/fiche', { csrf_token: b.csrf(fiche), responsable: rid, telephone: '12ab', courriel: 'x' }), 422);

    // Password reset by mail, then the new password works.
    visit('/mot-de-passe-oublie (sent)', await new Browser(stack.base).submit('/mot-de-passe-oublie', { identifiant: 'cmartin', email: 'nouvelle@example.org' }));
    const reset = await mailLink('nouvelle@example.org', 'Réinitialisation de votre mot de passe', '/reinitialiser-mot-de-passe?code=');
    const r = new Browser(stack.base);
    visit('/reinitialiser-mot-de-passe', await r.get(reset));
    const code = new URL(reset, stack.base).searchParams.get('code');
    visit('/reinitialiser-mot-de-passe (errors)', await r.post('/reinitialiser-mot-de-passe', { csrf_token: r.csrf(r.last.body), code, mot_de_passe: 'a', mot_de_passe_confirmation: 'b' }), 422);
    visit('/reinitialiser-mot-de-passe (done)', await r.post('/reinitialiser-mot-de-passe', {
      csrf_token: r.csrf((await r.get(reset)).body), code, mot_de_passe: 'Marronnier42', mot_de_passe_confirmation: 'Marronnier42',
    }));
    await login(stack, 'cmartin', 'Marronnier42');

    // The staff side (docs/STAFF.md): a direction of the demo school enrolled
    // through its link (the current code from `teleservices-admin staff code`,
    // development mode), then every page of ts-etablissement.
    const uai = stack.sqlValue("SELECT uai FROM establishment ORDER BY id LIMIT 1");
    const [staffId, staffLink] = stack.admin('staff', 'create', '--uai', uai, '--role', 'direction', '--name', 'Nadia Proviseur',
      '--email', 'nadia@example.org').trim().split('\t');
    const st = new Browser(stack.base);
    const enrol = new URL(staffLink);
    await st.get(enrol.pathname + enrol.search);
    assert.equal((await st.post('/personnel/activer', {
      csrf_token: st.csrf(st.last.body), code: enrol.searchParams.get('code'), mot_de_passe: 'Proviseur42', confirmation: 'Proviseur42',
    })).status, 303);
    await st.get('/personnel/code');
    assert.equal((await st.post('/personnel/code', { csrf_token: st.csrf(st.last.body), code: stack.admin('staff', 'code', staffId).trim() })).status, 200);
    for (const p of ['/etablissement', '/etablissement/personnels', '/etablissement/personnels/nouveau', '/etablissement/journal',
      '/etablissement/suivi', '/etablissement/assistance', '/etablissement/compte']) visit(p, await st.get(p));
    const staffCsrf = st.csrf((await st.get('/etablissement/compte')).body);
    visit('/etablissement/personnels/nouveau (errors)', await st.post('/etablissement/personnels/nouveau', {
      csrf_token: staffCsrf, prenom: '', nom: '', courriel: 'x', role_enseignant: '1', matieres: '',
    }), 422);
    // Created: 303 to the new member's fiche, which tells it (Post/Redirect/Get).
    const created = await st.post('/etablissement/personnels/nouveau', {
      csrf_token: staffCsrf, prenom: 'Paul', nom: 'Surveillant', courriel: 'paul.surveillant@example.org', role_vie_scolaire: '1',
    });
    assert.equal(created.status, 303, 'created');
    const memberId = stack.sqlValue("SELECT account_id FROM staff WHERE last_name = 'Surveillant'");
    visit('/etablissement/personnels/fiche (created)', await st.get(`/etablissement/personnels/fiche?id=${memberId}&modifie=cree`));
    visit('/etablissement/personnels/fiche', await st.get(`/etablissement/personnels/fiche?id=${memberId}`));
    const granted = await st.post('/etablissement/personnels/delegation', { csrf_token: staffCsrf, id: memberId, action: 'accorder' });
    assert.equal(granted.status, 303);
    visit('/etablissement/personnels/fiche (delegation granted)', await st.get(granted.location));
    visit('/etablissement/personnels/fiche (not found)', await st.get('/etablissement/personnels/fiche?id=999999'), 404);
    visit('/etablissement/journal (errors)', await st.get('/etablissement/journal?du=2026-02-30&au=2026-01-01'), 422);
    visit('/etablissement/journal (filtered)', await st.get(`/etablissement/journal?identifiant=${staffId}`));
    visit('/etablissement/assistance (found)', await st.get('/etablissement/assistance?identifiant=cmartin'));
    visit('/etablissement/assistance (not found)', await st.get('/etablissement/assistance?identifiant=personne'), 404);
    // Suivi (issue 13): a class's accounts, the search (form, results, errors), statistiques, a family's fiche (and its errors).
    const classC = stack.sqlValue("SELECT id FROM school_class WHERE name = '4 C' ORDER BY id LIMIT 1");
    visit('/etablissement/suivi (a class)', await st.get(`/etablissement/suivi?classe=${classC}`));
    visit('/etablissement/suivi/recherche', await st.get('/etablissement/suivi/recherche'));
    visit('/etablissement/suivi/recherche (results)', await st.get('/etablissement/suivi/recherche?nom=mart'));
    visit('/etablissement/suivi/recherche (errors)', await st.get('/etablissement/suivi/recherche?etat=perdu'), 422);
    visit('/etablissement/statistiques', await st.get('/etablissement/statistiques'));
    const cmartinId = stack.sqlValue("SELECT id FROM account WHERE identifier = 'cmartin'");
    visit('/etablissement/famille', await st.get(`/etablissement/famille?id=${cmartinId}`));
    visit('/etablissement/famille/adresse (errors)', await st.post('/etablissement/famille/adresse', {
      csrf_token: staffCsrf, id: cmartinId, nouvelle_adresse: 'x', confirmation_adresse: '' }), 422);
    visit('/etablissement/compte/mot-de-passe (errors)', await st.post('/etablissement/compte/mot-de-passe', {
      csrf_token: staffCsrf, mot_de_passe_actuel: '', mot_de_passe: 'a', confirmation: 'b',
    }), 422);
    visit('/etablissement/compte/codes-de-secours (errors)', await st.post('/etablissement/compte/codes-de-secours', { csrf_token: staffCsrf, mot_de_passe_codes: '' }), 422);
    visit('/etablissement/compte/codes-de-secours', await st.post('/etablissement/compte/codes-de-secours', { csrf_token: staffCsrf, mot_de_passe_codes: 'Proviseur42' }));
    const ownId = stack.sqlValue(`SELECT id FROM account WHERE identifier = '${staffId}'`);
    visit('/etablissement/personnels/fermer (own account)', await st.post('/etablissement/personnels/fermer', { csrf_token: staffCsrf, id: ownId }), 409);
    // issue 13 — courriers: the page, a wrong choice, a confirmed address on the fiche's form (its PDFs: courriers.test.mjs).
    visit('/etablissement/courriers', await st.get('/etablissement/courriers'));
    visit('/etablissement/courriers/generer (errors)', await st.post('/etablissement/courriers/generer', { csrf_token: staffCsrf, classe: 'tout', destinataires: '' }), 422);
    visit('/etablissement/courriers/compte (confirmed address)', await st.post('/etablissement/courriers/compte', { csrf_token: staffCsrf, compte: cmartinId }), 409);

    // issue 13 — aide: reporting a letter (fmartin's), the school's regroupements and reported letters.
    const f = new Browser(stack.base);
    assert.equal((await f.submit('/connexion', { identifiant: 'fmartin', mot_de_passe: letters.fmartin.password })).status, 303);
    visit('/premiere-connexion/signalement', await f.get('/premiere-connexion/signalement'));
    visit('/premiere-connexion/signalement (errors)', await f.post('/premiere-connexion/signalement', { csrf_token: f.csrf(f.last.body) }), 422);
    visit('/premiere-connexion/signalement (done)', await f.post('/premiere-connexion/signalement', { csrf_token: f.csrf(f.last.body), confirmer: '1' }));
    visit('/etablissement/regroupements', await st.get('/etablissement/regroupements'));
    visit('/etablissement/signalements', await st.get('/etablissement/signalements'));
    const reported = stack.sqlValue("SELECT l.id FROM letter l JOIN account a ON a.id = l.account_id WHERE a.identifier = 'fmartin' AND l.reported_at IS NOT NULL");
    visit('/etablissement/signalements/traite (errors)', await st.post('/etablissement/signalements/traite', { csrf_token: staffCsrf, signalement: reported, commentaire: '' }), 422);

    // issue 13 — aide: the forced renewal (the staff form, its errors and result; the family's page and its errors).
    visit('/etablissement/renouvellement', await st.get('/etablissement/renouvellement'));
    visit('/etablissement/renouvellement (errors)', await st.post('/etablissement/renouvellement', { csrf_token: staffCsrf, qui: 'classe', classe: '', sauf_depuis: '32/13/2026' }), 422);
    const renewed = await st.post('/etablissement/renouvellement', { csrf_token: staffCsrf, qui: 'identifiants', identifiants: 'cmartin\ninconnu', confirmer: '1' });
    assert.equal(renewed.status, 303);
    visit('/etablissement/renouvellement (done)', await st.get(renewed.location));
    const renewing = new Browser(stack.base);
    assert.equal((await renewing.submit('/connexion', { identifiant: 'cmartin', mot_de_passe: 'Marronnier42' })).location, '/connexion/nouveau-mot-de-passe');
    visit('/connexion/nouveau-mot-de-passe', await renewing.get('/connexion/nouveau-mot-de-passe'));
    visit('/connexion/nouveau-mot-de-passe (errors)', await renewing.post('/connexion/nouveau-mot-de-passe', { csrf_token: renewing.csrf(renewing.last.body), nouveau_mot_de_passe: 'Marronnier42', confirmation: 'x' }), 422);

    console.log(`pages checked (${pages.length}):\n  ${pages.join('\n  ')}`);
    assert.ok(pages.length >= 75, `pages checked: ${pages.length}`);
  } finally {
    await stack.stop();
  }
});
