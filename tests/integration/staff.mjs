// The staff side (docs/STAFF.md, issue 12) as the tests drive it: create a
// staff member with the admin tool, open the enrolment link, choose a
// password, read the TOTP secret from the page and compute codes with
// Debian's oathtool, sign in with password and code. Shared by
// tests/integration/staff.test.mjs, tests/browser/staff.test.mjs and the
// attack suite. Test-only code; everything goes through the real stack.
//
//   import { createStaff, enrol, staffSignIn, totp } from './staff.mjs';
//   const dir = createStaff(stack, { uai: '0869999X', roles: ['direction'], name: 'Anne Proviseure', email: 'anne@example.org' });
//   const { b, secret, codes } = await enrol(stack, dir);      // b: signed in (stage staff)
//   const b2 = await staffSignIn(stack, dir);                   // on /etablissement
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { Browser, decodeHtml, startStack } from './harness.mjs';
import { text } from './flows.mjs';

/** The password every helper chooses for a staff member. */
export const STAFF_PASSWORD = 'Platane2025qz';

/** The UAI of the demo school (tools/demo.cpp). */
export const DEMO_UAI = '0869999X';

/** An [staff] totp_key for test configurations (64 hex digits). */
export const TEST_TOTP_KEY = '0123456789abcdef'.repeat(4);

/**
 * The stack the staff-side test files start: maildir mail, no nginx rate
 * limit in the way, a cheap Argon2, the test TOTP key; `security`: more
 * lines for the [security] section ("resend_min_interval_seconds = 0\n").
 */
export function startStaffStack(security = '') {
  return startStack({
    mail: 'maildir',
    postRate: '1000r/s',
    postBurst: 1000,
    extraConf: '[security]\nargon2_memory_kib = 1024\nargon2_iterations = 1\n' + security + `[staff]\ntotp_key = ${TEST_TOTP_KEY}\n`,
  });
}

/**
 * The TOTP code of a base32 secret at `when` (a Date; default now) plus
 * `steps` 30-second steps, by oathtool (RFC 6238, SHA-1, 6 digits).
 */
export function totp(secret, { when = new Date(), steps = 0 } = {}) {
  const at = new Date(when.getTime() + steps * 30000);
  const stamp = at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const r = spawnSync('oathtool', ['--totp', '-b', secret, '--now', stamp], { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `oathtool: ${r.stderr}`);
  return r.stdout.trim();
}

/** The TOTP step (30 s) of `when`. */
export const stepOf = (when = new Date()) => Math.floor(when.getTime() / 30000);

/**
 * `teleservices-admin staff create`: returns { identifier, link (path and
 * query of the enrolment link), code, accountId, email, roles }. The
 * identifier is the word of the output that names a staff account.
 */
export function createStaff(stack, { uai = DEMO_UAI, roles, name, email }) {
  const args = ['staff', 'create'];
  if (uai) args.push('--uai', uai);
  args.push('--role', roles.join(','), '--name', name, '--email', email);
  const out = stack.admin(...args);
  return staffFromOutput(stack, out, { email, roles, name });
}

/** The staff member an admin tool output names (identifier and enrolment link). */
export function staffFromOutput(stack, out, extra = {}) {
  const linkText = (out.match(/https?:\/\/\S+\/personnel\/activer\?code=[^\s"<>]+/) || [])[0];
  assert.ok(linkText, `an enrolment link in the output:\n${out}`);
  const link = new URL(linkText);
  const words = [...new Set(out.replace(linkText, ' ').match(/[A-Za-z0-9._-]{3,40}/g) || [])];
  const list = words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',');
  const rows = stack.sql(`SELECT identifier, id FROM account WHERE kind = 'personnel' AND identifier IN (${list})`);
  assert.equal(rows.length, 1, `one staff identifier in the output:\n${out}\n(found ${JSON.stringify(rows)})`);
  return { ...extra, identifier: rows[0][0], accountId: rows[0][1], link: link.pathname + link.search, code: link.searchParams.get('code') };
}

/** The base32 secret shown on the enrolment page (<code id="totp-secret">), spaces removed. */
export function secretOf(html) {
  const m = /<code id="totp-secret"[^>]*>([^<]*)<\/code>/.exec(html);
  assert.ok(m, `the secret (<code id="totp-secret">) in the page:\n${html.slice(0, 600)}`);
  return decodeHtml(m[1]).replace(/\s+/g, '').toUpperCase();
}

/** The recovery codes of <ol id="codes-de-secours"> (xxxx-xxxx-xx), in order. */
export function recoveryCodesOf(html) {
  const m = /<ol id="codes-de-secours"[^>]*>([\s\S]*?)<\/ol>/.exec(html);
  assert.ok(m, `the recovery codes (<ol id="codes-de-secours">) in the page:\n${html.slice(0, 600)}`);
  return (decodeHtml(m[1].replace(/<[^>]+>/g, ' ')).match(/\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2}\b/g) || []);
}

/**
 * Opens the enrolment link with a fresh browser, sets `password`, gives the
 * first TOTP code: returns { b (signed in), secret, codes (the 10 recovery
 * codes), page (the codes page) }. Records the step it used on `staff`.
 */
export async function enrol(stack, staff, password = STAFF_PASSWORD, b = new Browser(stack.base)) {
  const form = await b.get(staff.link);
  assert.equal(form.status, 200, `enrolment link of ${staff.identifier}: ${form.status}`);
  const set = await b.post('/personnel/activer', { csrf_token: b.csrf(form.body), code: staff.code, mot_de_passe: password, confirmation: password });
  assert.equal(set.status, 303, `password of ${staff.identifier}: ${set.status}`);
  assert.equal(set.location, '/personnel/code');
  const page = await b.get('/personnel/code');
  assert.equal(page.status, 200, `enrolment page of ${staff.identifier}`);
  const secret = secretOf(page.body);
  staff.secret = secret;
  staff.password = password;
  const res = await b.post('/personnel/code', { csrf_token: b.csrf(page.body), code: await freshCode(stack, staff) });
  assert.equal(res.status, 200, `first code of ${staff.identifier}: ${res.status} ${res.location ?? ''}`);
  const codes = recoveryCodesOf(res.body);
  assert.equal(codes.length, 10, `10 recovery codes for ${staff.identifier}`);
  staff.codes = codes;
  return { b, secret, codes, page: res };
}

/**
 * The code of the current step for `staff`; when this step was already
 * used for it (a step is accepted once), moves every staff member's
 * last accepted step back by SQL (the test does not wait 30 s). The step
 * recorded and the code are of one instant: read apart, a step boundary
 * between them recorded step S for a code of S + 1, and the next sign-in in
 * S + 1 was refused as a code used twice (a CI run under load, 422).
 */
export function freshCode(stack, staff) {
  const now = new Date();
  const step = stepOf(now);
  if (staff.lastStep !== undefined && staff.lastStep >= step) {
    stack.sql('UPDATE staff SET totp_last_step = totp_last_step - 10 WHERE totp_last_step IS NOT NULL');
  }
  staff.lastStep = step;
  return totp(staff.secret, { when: now });
}

/**
 * Signs in with password and TOTP code (a fresh browser unless `b`);
 * returns the browser, at stage staff, sent to /etablissement.
 */
export async function staffSignIn(stack, staff, { b = new Browser(stack.base), password = staff.password } = {}) {
  const res = await b.submit('/personnel', { identifiant: staff.identifier, mot_de_passe: password });
  assert.equal(res.status, 303, `password of ${staff.identifier}: ${res.status}`);
  assert.equal(res.location, '/personnel/code', `password of ${staff.identifier}`);
  const form = await b.get('/personnel/code');
  assert.equal(form.status, 200);
  const done = await b.post('/personnel/code', { csrf_token: b.csrf(form.body), code: await freshCode(stack, staff) });
  assert.equal(done.status, 303, `code of ${staff.identifier}: ${done.status}`);
  assert.equal(done.location, '/etablissement', `code of ${staff.identifier}`);
  return b;
}

/** The `id` of the staff member `identifier` in the links of a personnels page (fiche?id=N). */
export function ficheId(html, identifier) {
  for (const row of html.split(/<(?:tr|li)\b/).slice(1)) {
    if (!text(row).includes(identifier)) continue;
    const m = /personnels\/fiche\?id=(\d+)/.exec(row);
    if (m) return m[1];
  }
  assert.fail(`no fiche link for ${identifier} in the personnels page:\n${text(html).slice(0, 800)}`);
}
