// What the integration and browser tests do again and again, done one way:
// read the demo letters, bring an account through its first connection and
// its activation link, sign in, and look at a page (its text, the error next
// to a field, what tidy and the label rules say of its HTML).
// Test-only code; every helper goes through the real stack (nginx, handlers,
// MariaDB, mail worker), none touches the database to shortcut a flow.
//
//   import { letters, activate, login, PASSWORD } from './flows.mjs';
//   const L = letters(stack);
//   await activate(stack, L.cmartin, 'claire@example.org');
//   const b = await login(stack, 'cmartin');           // signed in, on /services
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { Browser, decodeHtml } from './harness.mjs';

/** The password every helper chooses at first connection. */
export const PASSWORD = 'Tilleul2024x';

/** The visible text of an HTML page or fragment, entities decoded, whitespace collapsed. */
export const text = (html) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

/** The demo letters: identifier -> { identifier, password, kind, name, child, klass, birth (JJ/MM/AAAA) }. */
export function letters(stack) {
  const out = {};
  for (const line of stack.admin('demo', '--tsv').trim().split('\n')) {
    const [identifier, password, kind, name, child, klass, birth] = line.split('\t');
    out[identifier] = { identifier, password, kind, name, child, klass, birth };
  }
  return out;
}

/** Signs in with the letter's provisional password; returns the browser, sent to /premiere-connexion. */
export async function loginWithLetter(stack, letter) {
  const b = new Browser(stack.base);
  const res = await b.submit('/connexion', { identifiant: letter.identifier, mot_de_passe: letter.password });
  assert.equal(res.status, 303, `letter login of ${letter.identifier}`);
  assert.equal(res.location, '/premiere-connexion', `letter login of ${letter.identifier}`);
  return b;
}

/**
 * Letter login and first connection with `email` ('' for none) and
 * `password`; returns the browser, signed in (on the waiting page, or the
 * services for a pupil without address).
 */
export async function firstConnection(stack, letter, email, password = PASSWORD) {
  const b = await loginWithLetter(stack, letter);
  const form = await b.get('/premiere-connexion');
  const res = await b.post('/premiere-connexion', {
    csrf_token: b.csrf(form.body), mot_de_passe: password, mot_de_passe_confirmation: password,
    email, email_confirmation: email, date_naissance: letter.birth,
  });
  assert.equal(res.status, 303, `first connection of ${letter.identifier}`);
  return b;
}

/** The activation link mailed to `email` for the letter's account, as a URL. */
export async function activationLink(stack, letter, email) {
  const mail = await stack.waitForMail((m) => m.to === email && m.body.includes(`Votre identifiant : ${letter.identifier}\n`), 15000);
  const link = mail.links.find((l) => l.includes('/validerAdresseMail?code='));
  assert.ok(link, `activation link for ${letter.identifier} in:\n${mail.body}`);
  return new URL(link);
}

/** First connection, then the mailed activation link: an active account with a confirmed address. */
export async function activate(stack, letter, email, password = PASSWORD) {
  await firstConnection(stack, letter, email, password);
  const link = await activationLink(stack, letter, email);
  const ok = await new Browser(stack.base).get(link.pathname + link.search);
  assert.equal(ok.status, 200, `activation of ${letter.identifier}`);
  assert.equal(stack.sqlValue(`SELECT CONCAT(state, ' ', email) FROM account WHERE identifier = '${letter.identifier}'`), `active ${email}`);
}

/** A fresh browser signed in with the account's password (sent to /services). */
export async function login(stack, identifier, password = PASSWORD) {
  const b = new Browser(stack.base);
  const res = await b.submit('/connexion', { identifiant: identifier, mot_de_passe: password });
  assert.equal(res.status, 303, `login of ${identifier}`);
  assert.equal(res.location, '/services', `login of ${identifier}`);
  return b;
}

/** The text of the error shown next to a field (<p id="FIELD-error">), or undefined. */
export function fieldError(html, field) {
  const m = new RegExp(`<p id="${field}-error" class="fr-error-text">([^<]*)</p>`).exec(html);
  return m ? decodeHtml(m[1]) : undefined;
}

/** tidy's errors on the page ('' when it has none; warnings are not errors). */
export function tidyErrors(html) {
  const r = spawnSync('tidy', ['-errors', '-quiet', '-utf8', '--show-warnings', 'no'], { input: html, encoding: 'utf8' });
  if (r.error) throw r.error;
  // tidy exits 0 (clean), 1 (warnings only) or 2 (errors).
  return r.status >= 2 ? r.stderr : '';
}

/**
 * What is wrong with a page, '' when nothing: tidy's errors, a field
 * (input, select, textarea; not hidden, not a button) without an id or
 * without a <label for> it, and an id used twice.
 */
export function pageProblems(html) {
  const problems = [tidyErrors(html)];
  for (const tag of html.match(/<(input|select|textarea)\b[^>]*>/gi) || []) {
    if (/type="(hidden|submit|button)"/.test(tag)) continue;
    const id = (tag.match(/\sid="([^"]+)"/) || [])[1];
    if (!id) problems.push(`field without id: ${tag}\n`);
    else if (!new RegExp(`<label[^>]*\\sfor="${id}"`).test(html)) problems.push(`no label for #${id}\n`);
  }
  const ids = (html.match(/\sid="[^"]+"/g) || []).filter((id, i, all) => all.indexOf(id) !== i);
  for (const id of new Set(ids)) problems.push(`duplicate${id}\n`);
  return problems.join('');
}
