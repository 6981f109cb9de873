// The attack suite's shared parts (tests/attacks/*.test.mjs, `make attacks`):
// the route tables read from the binaries themselves, the recipe of every
// form (how to reach it: which account, at which stage, which fields), the
// state of the database a refused request must leave as it was, the security
// headers every answer carries, and a browser that can post raw bytes from
// any loopback address. Test-only code; everything goes through the real
// stack (tests/integration/harness.mjs).
//
//   import { routeTable, RECIPES, attackStack, Scene, snapshot } from './attacks.mjs';
//   const stack = await attackStack();
//   const scene = await Scene.build(stack, ['full', 'letter']);
//   const { b, html } = await RECIPES['/compte/fiche'].open(scene);
//   const form = formOf(html, '/compte/fiche');   // { fields: [{ name, type, value }] }
//
// A POST route the binaries declare without a recipe here fails
// routes.test.mjs: a new form is attacked as soon as it exists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

import { BUILD, Browser, REPO, decodeHtml, startStack } from '../integration/harness.mjs';
import { PASSWORD, activate, firstConnection, letters } from '../integration/flows.mjs';
import { STAFF_PASSWORD, createStaff, enrol, ficheId, freshCode } from '../integration/staff.mjs';

/** The password a recipe's valid submission changes an account's to. */
export const NEW_PASSWORD = 'Marronnier25y';

// ------------------------------------------------------------ route tables

/** The flows of flows.txt (scripts/flows.sh names), development ones included. */
export function flowNames() {
  const r = spawnSync('bash', [path.join(REPO, 'scripts', 'flows.sh'), 'names'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n');
}

/**
 * Every route of every binary, as `build/ts-<flow> --routes` prints it:
 * [{ flow, path, prefix (bool), methods (['GET', 'HEAD'] or ['POST']), gate,
 * secret ('own', 'other': the form checks a password or a date of birth;
 * '-'), query (the GET fields the route declares), permission (what a staff
 * route's roles must allow, lib/staff/permissions.h; null for none) }].
 */
export function routeTable() {
  const out = [];
  for (const flow of flowNames()) {
    const r = spawnSync(path.join(BUILD, `ts-${flow}`), ['--routes'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `ts-${flow} --routes: ${r.stderr}`);
    for (const line of r.stdout.trim().split('\n')) {
      const [p, match, methods, gate, secret, query, permission] = line.split('\t');
      out.push({ flow, path: p, prefix: match === 'prefix', methods: methods.split(', '), gate, secret, query: query === '-' ? [] : query.split(','), permission: permission === '-' ? null : permission });
    }
  }
  return out;
}

/** The paths that take a POST, in the binaries' order. */
export const postPaths = (routes = routeTable()) => routes.filter((r) => r.methods.includes('POST')).map((r) => r.path);

// ------------------------------------------------------------ the stack

/**
 * A private stack for attacks: cheap Argon2 (every path hashes with the same
 * parameters, see timing.test.mjs for the realistic cost), resends without a
 * delay, and nginx's POST limit out of the way (the product's own limits are
 * exercised by the lockout and timing tests). `extraConf` is merged after.
 */
export function attackStack({ extraConf = '', children = 2 } = {}) {
  return startStack({
    mail: 'maildir',
    children,
    postRate: '100000r/s',
    postBurst: 100000,
    extraConf: '[security]\nargon2_memory_kib = 1024\nargon2_iterations = 1\nresend_min_interval_seconds = 0\n' +
      'resend_max_per_day = 100000\nmail_per_account_per_hour = 100000\nmail_per_address_per_hour = 100000\n' + extraConf,
  });
}

/**
 * What a refused request must leave as it was: every table of the domain,
 * as text, except the counters that refusals legitimately feed (audit_log,
 * rate_event, the lockout columns of account) and the sessions' last_seen_at.
 * Whether an account is locked now is kept (a refusal under the threshold
 * locks nobody; an unlock by the assistance must show); the staff tables
 * (docs/STAFF.md) whole.
 */
export function snapshot(stack) {
  const rows = stack.sql([
    "SELECT 'account', id, identifier, state, IFNULL(password_hash, ''), IFNULL(email, ''), IFNULL(pending_email, ''), " +
      "IFNULL(email_confirmed_at, ''), IFNULL(closed_at, ''), security_stamp, IFNULL(responsable_id, ''), IFNULL(pupil_id, ''), " +
      "IFNULL(renew_password_at, '') FROM account ORDER BY id",
    "SELECT 'session', HEX(id_hash), account_id, stage, created_at, expires_at FROM session ORDER BY id_hash",
    "SELECT 'letter', id, account_id, IFNULL(used_at, ''), IFNULL(revoked_at, '') FROM letter ORDER BY id",
    "SELECT 'email_token', HEX(token_hash), account_id, purpose, IFNULL(used_at, ''), IFNULL(email, '') FROM email_token ORDER BY 2",
    "SELECT 'account_child', account_id, pupil_id, responsable_id FROM account_child ORDER BY 2, 3, 4",
    "SELECT 'account_responsable', account_id, responsable_id FROM account_responsable ORDER BY 2, 3",
    "SELECT 'regroupement_pending', HEX(session_hash), account_id, other_account_id, IFNULL(done_at, '') FROM regroupement_pending ORDER BY 2",
    "SELECT 'outbox', id, to_address, subject FROM outbox ORDER BY id",
    "SELECT 'responsable', id, IFNULL(address, ''), IFNULL(phone, ''), IFNULL(mobile_phone, ''), IFNULL(contact_email, ''), " +
      "IFNULL(profession, '') FROM responsable ORDER BY id",
    "SELECT 'pupil', id, first_name, last_name, birth_date FROM pupil ORDER BY id",
    "SELECT 'locked', id, IFNULL(locked_until > UTC_TIMESTAMP(), 0) FROM account ORDER BY id",
    "SELECT 'staff', account_id, IFNULL(establishment_id, ''), first_name, last_name, HEX(IFNULL(totp_sealed, '')), IFNULL(totp_enrolled_at, ''), " +
      "IFNULL(totp_last_step, '') FROM staff ORDER BY 2",
    "SELECT 'staff_role', account_id, role, IFNULL(granted_by, '') FROM staff_role ORDER BY 2, 3",
    "SELECT 'staff_teaching', account_id, class_id, subject FROM staff_teaching ORDER BY 2, 3, 4",
    "SELECT 'staff_recovery_code', account_id, HEX(code_hash), IFNULL(used_at, '') FROM staff_recovery_code ORDER BY 2, 3",
    // issue 13 — import
    "SELECT 'import_batch', id, establishment_id, state FROM import_batch ORDER BY id",
  ].join(';\n'));
  return rows.map((r) => r.join('\t')).join('\n');
}

// ------------------------------------------------------------ headers

/** What the handlers send on every page (lib/web/http.cpp serialize), and nginx on what it answers itself. */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
};

/**
 * Asserts the security headers of one answer (`headers`: a Headers, or an
 * object of lower-case names); pages and errors are no-store, static files
 * (`cached`) keep a max-age.
 */
export function assertSecurityHeaders(headers, label, { cached = false } = {}) {
  const get = (n) => (typeof headers.get === 'function' ? headers.get(n) : headers[n]);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(get(name), value, `${label}: ${name}`);
  if (cached) assert.match(get('cache-control') || '', /^max-age=\d+$/, `${label}: cache-control`);
  else assert.equal(get('cache-control'), 'no-store', `${label}: cache-control`);
}

// ------------------------------------------------------------ forms

/**
 * The form of `html` that posts to `action`: { fields: [{ name, type, value }] }
 * (csrf_token left out; a button with a name is a field; a name given
 * twice — radio buttons, the VALIDER/ANNULER buttons — once, with its values).
 * Throws when the page has no such form.
 */
export function formOf(html, action) {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(m[1]);
    if (attrs.action !== action || (attrs.method || 'get').toLowerCase() !== 'post') continue;
    const fields = [];
    for (const t of m[2].matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const a = attributes(t[2]);
      if (!a.name || a.name === 'csrf_token') continue;
      const seen = fields.find((f) => f.name === a.name);
      if (seen) seen.values.push(a.value ?? '');
      else fields.push({ name: a.name, type: t[1] === 'input' ? (a.type || 'text') : t[1], value: a.value ?? '', values: [a.value ?? ''] });
    }
    return { fields };
  }
  throw new Error(`no form posting to ${action} in the page:\n${html.slice(0, 400)}`);
}

function attributes(text) {
  const out = {};
  for (const m of text.matchAll(/([a-zA-Z_:-]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decodeHtml(m[3] ?? m[4] ?? m[5] ?? '');
  }
  return out;
}

/** Percent-encodes a value for a urlencoded body (raw byte strings: see payloads.mjs). */
export const enc = (v) => encodeURIComponent(v);

/** A urlencoded body from [name, encodedValue] pairs (values already encoded). */
export const rawBody = (pairs) => pairs.map(([k, v]) => `${enc(k)}=${v}`).join('&');

// ------------------------------------------------------------ a browser from any loopback address

/**
 * The harness's Browser, sending from a chosen loopback address (127.0.0.N:
 * each address is a client of its own for nginx and the per-address limits),
 * and able to post a raw body. `from` may change between requests.
 */
export class AddrBrowser extends Browser {
  constructor(base, from = '127.0.0.1') {
    super(base);
    this.from = from;
  }

  request(method, p, { body, headers = {} } = {}) {
    const url = new URL(this.url(p));
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (method === 'POST' && !Object.keys(h).some((k) => k.toLowerCase() === 'origin')) h.origin = this.base;
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: h, localAddress: this.from, agent: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie'] || [];
          for (const sc of set) this.storeCookie(sc);
          const headersObj = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const x of v) headersObj.append(k, x);
            else headersObj.set(k, v);
          }
          this.last = { status: res.statusCode, headers: headersObj, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location ?? null, url: url.toString(), setCookies: set };
          resolve(this.last);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /** POSTs an already urlencoded body (bytes a browser would never send included). */
  postRaw(p, body, headers = {}) {
    return this.request('POST', p, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }
}

// ------------------------------------------------------------ the scene: accounts at each stage

/**
 * The demo accounts the attacks use, brought through the real flows:
 *   full     cmartin, active responsable with a confirmed address (Dylan; Florian
 *            attachable through the letter account cmartin1; jmartin, a letter
 *            account, can be merged into it)
 *   other    elefevre, another family, active (Hugo)
 *   pupil    hlefevre, a pupil of that other family, active without address
 *   pending  sriviere, a responsable waiting for the confirmation of her address
 *   letter   kbenali, a letter account (first connection to do)
 * `passwords` tracks each account's password (a recipe may change one).
 */
export class Scene {
  static async build(stack, roles = ['full', 'other', 'pending', 'letter']) {
    const s = new Scene(stack);
    const L = s.L;
    s.ids = {};
    for (const role of roles) {
      if (role === 'full') {
        await activate(stack, L.cmartin, 'claire@example.org');
        s.full = { identifier: 'cmartin', email: 'claire@example.org' };
      } else if (role === 'other') {
        await activate(stack, L.elefevre, 'elodie@example.org');
        s.other = { identifier: 'elefevre', email: 'elodie@example.org' };
      } else if (role === 'pupil') {
        await firstConnection(stack, L.hlefevre, '');
        s.pupil = { identifier: 'hlefevre' };
      } else if (role === 'pending') {
        await firstConnection(stack, L.sriviere, 'sophie@example.org');
        s.pending = { identifier: 'sriviere', email: 'sophie@example.org' };
      } else if (role === 'letter') {
        s.letter = { identifier: 'kbenali', ...L.kbenali };
      } else {
        throw new Error(`Scene: unknown role ${role}`);
      }
      if (s[role]) s.passwords[s[role].identifier] = role === 'letter' ? L.kbenali.password : PASSWORD;
    }
    return s;
  }

  constructor(stack) {
    this.stack = stack;
    this.L = letters(stack);
    this.passwords = {};
  }

  browser(from) {
    return new AddrBrowser(this.stack.base, from);
  }

  /**
   * A browser signed in as `role` (at the stage the account is at); it keeps
   * in `preToken` the token of the login form, bound to its pre-session cookie.
   */
  async signIn(role, from) {
    const { identifier } = this[role];
    const b = this.browser(from);
    const page = await b.get('/connexion');
    b.preToken = b.csrf(page.body);
    const res = await b.post('/connexion', { csrf_token: b.preToken, identifiant: identifier, mot_de_passe: this.passwords[identifier] });
    assert.equal(res.status, 303, `sign-in of ${identifier}: ${res.status}`);
    return b;
  }

  id(table, where) {
    return this.stack.sqlValue(`SELECT id FROM ${table} WHERE ${where}`);
  }

  /**
   * A new staff member of the demo school (teleservices-admin staff create),
   * enrolled unless `enrolled` is false: { identifier, accountId, password,
   * secret, codes, link, code } (tests/integration/staff.mjs).
   */
  async newStaff(roles, { enrolled = true } = {}) {
    this.staffCount = (this.staffCount || 0) + 1;
    const n = this.staffCount;
    const first = STAFF_FIRST_NAMES[n % STAFF_FIRST_NAMES.length];
    const last = STAFF_LAST_NAMES[Math.floor(n / STAFF_FIRST_NAMES.length) % STAFF_LAST_NAMES.length];
    const staff = createStaff(this.stack, { roles, name: `${first} ${last}`, email: `personnel${n}@example.org` });
    if (enrolled) await enrol(this.stack, staff, STAFF_PASSWORD, this.browser());
    return staff;
  }

  /** The school's direction (created and enrolled once): the staff role the staff recipes use. */
  async direction() {
    if (!this.dir) this.dir = await this.newStaff(['direction']);
    return this.dir;
  }

  /**
   * A browser that gave `staff`'s password at /personnel (stage
   * staff_factor), and with `code` its TOTP code too (stage staff); it keeps
   * in `preToken` the token of the sign-in form, bound to its pre-session cookie.
   */
  async signInStaff(staff, { from, code = true } = {}) {
    const b = this.browser(from);
    const page = await b.get('/personnel');
    b.preToken = b.csrf(page.body);
    const res = await b.post('/personnel', { csrf_token: b.preToken, identifiant: staff.identifier, mot_de_passe: staff.password });
    assert.equal(res.status, 303, `staff sign-in of ${staff.identifier}: ${res.status}`);
    if (!code) return b;
    const form = await b.get('/personnel/code');
    const done = await b.post('/personnel/code', { csrf_token: b.csrf(form.body), code: await freshCode(this.stack, staff) });
    assert.equal(done.status, 303, `code of ${staff.identifier}: ${done.status}`);
    return b;
  }

  /** The direction signed in, on the fiche of `staff` (its id read from the personnels page). */
  async fiche(staff) {
    const b = await this.signInStaff(await this.direction());
    const list = await page(b, '/etablissement/personnels');
    return page(b, `/etablissement/personnels/fiche?id=${ficheId(list.html, staff.identifier)}`);
  }
}

// Names of the staff members the recipes create (a name validator may refuse digits).
const STAFF_FIRST_NAMES = ['Alice', 'Bruno', 'Chloé', 'Damien', 'Estelle', 'Fabien', 'Gaëlle', 'Hervé', 'Isabelle', 'Jérôme', 'Karine', 'Loïc',
  'Mathilde', 'Nicolas', 'Océane', 'Pascal', 'Quentin', 'Rachel', 'Sébastien', 'Thérèse'];
const STAFF_LAST_NAMES = ['Aubert', 'Barbier', 'Carpentier', 'Delmas', 'Escoffier', 'Fournier', 'Garnier', 'Huet', 'Joly', 'Lemaire'];

/** GETs `p` with `b` and returns { b, html }, asserting a 200. */
async function page(b, p) {
  const res = await b.get(p);
  assert.equal(res.status, 200, `GET ${p}: ${res.status} ${res.location ?? ''}`);
  return { b, html: res.body };
}

// ------------------------------------------------------------ the recipes

/**
 * How to reach each form, by the path it posts to:
 *   who      the account role the form needs (Scene), or 'anonymous'
 *   open     async (scene) => { b, html }: a browser at the right stage, and
 *            the page that holds the form (its hidden fields carry the ids)
 *   valid    (scene) => the visible fields of a submission that succeeds
 *            (hidden ones come from the page)
 *   after    (scene) => what the scene must know once `valid` was accepted
 *   stores   fields the form keeps when their value passes (then stored as typed)
 *   counts   fields whose wrong value counts as a failed proof (lockout)
 * The attacks post the form's own fields: the HTML is the field list, so a
 * new field is attacked without a change here.
 */
/** The fiche of a family account of the demo school, opened by the direction (suivi, issue 13); `pending`: the account first put at state pending_email with no mailed code yet. */
async function familyFiche(s, identifier, pending = false) {
  if (pending) {
    s.stack.sql(`UPDATE account SET state = 'pending_email', pending_email = 'ines.benali@example.org', first_connection_at = UTC_TIMESTAMP() WHERE identifier = '${identifier}'`);
    s.stack.sql(`DELETE FROM email_token WHERE account_id = ${s.id('account', `identifier = '${identifier}'`)}`);
  }
  return page(await s.signInStaff(await s.direction()), `/etablissement/famille?id=${s.id('account', `identifier = '${identifier}'`)}`);
}

export const RECIPES = {
  '/connexion': {
    who: 'anonymous',
    open: (s) => page(s.browser(), '/connexion'),
    valid: (s) => ({ identifiant: s.full.identifier, mot_de_passe: s.passwords[s.full.identifier] }),
    counts: ['mot_de_passe'],
  },
  '/deconnexion': {
    who: 'full',
    open: async (s) => page(await s.signIn('full'), '/services'),
    valid: () => ({}),
  },
  '/premiere-connexion': {
    who: 'letter',
    open: async (s) => page(await s.signIn('letter'), '/premiere-connexion'),
    valid: (s) => ({ mot_de_passe: PASSWORD, mot_de_passe_confirmation: PASSWORD, email: 'karim@example.org', email_confirmation: 'karim@example.org', date_naissance: s.letter.birth }),
    after: (s) => { s.passwords[s.letter.identifier] = PASSWORD; },
    counts: ['date_naissance'],
  },
  '/compte-en-attente': {
    who: 'pending',
    open: async (s) => page(await s.signIn('pending'), '/compte-en-attente'),
    valid: () => ({}),
  },
  '/compte-en-attente/adresse': {
    who: 'pending',
    open: async (s) => page(await s.signIn('pending'), '/compte-en-attente'),
    valid: (s) => ({ nouvelle_adresse: 'sophie.r@example.org', confirmation_adresse: 'sophie.r@example.org', mot_de_passe: s.passwords[s.pending.identifier] }),
    counts: ['mot_de_passe'],
  },
  '/identifiant-oublie': {
    who: 'anonymous',
    open: (s) => page(s.browser(), '/identifiant-oublie'),
    valid: (s) => ({ email: s.other.email }),
  },
  '/mot-de-passe-oublie': {
    who: 'anonymous',
    open: (s) => page(s.browser(), '/mot-de-passe-oublie'),
    valid: (s) => ({ identifiant: s.other.identifier, email: s.other.email }),
  },
  '/reinitialiser-mot-de-passe': {
    who: 'anonymous',
    // A reset link mailed to the other family's address, opened.
    open: async (s) => {
      const b = s.browser();
      const form = await b.get('/mot-de-passe-oublie');
      const seen = new Set(s.stack.mails().map((m) => m.file));
      const res = await b.post('/mot-de-passe-oublie', { csrf_token: b.csrf(form.body), identifiant: s.other.identifier, email: s.other.email });
      assert.equal(res.status, 200, `reset requested: ${res.status}`);
      const mail = await s.stack.waitForMail((m) => !seen.has(m.file) && m.to === s.other.email && m.body.includes('/reinitialiser-mot-de-passe?code='), 15000);
      const link = new URL(mail.links.find((l) => l.includes('/reinitialiser-mot-de-passe?code=')));
      return page(b, link.pathname + link.search);
    },
    valid: () => ({ mot_de_passe: NEW_PASSWORD, mot_de_passe_confirmation: NEW_PASSWORD }),
    after: (s) => { s.passwords[s.other.identifier] = NEW_PASSWORD; },
  },
  '/compte/mot-de-passe': {
    who: 'full',
    open: async (s) => page(await s.signIn('full'), '/compte'),
    valid: (s) => ({ mot_de_passe_actuel: s.passwords[s.full.identifier], nouveau_mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD }),
    after: (s) => { s.passwords[s.full.identifier] = NEW_PASSWORD; },
    counts: ['mot_de_passe_actuel'],
  },
  '/compte/adresse': {
    who: 'full',
    open: async (s) => page(await s.signIn('full'), '/compte'),
    valid: (s) => ({ nouvelle_adresse: 'claire.m@example.org', confirmation_adresse: 'claire.m@example.org', mot_de_passe: s.passwords[s.full.identifier] }),
    counts: ['mot_de_passe'],
  },
  '/compte/fiche': {
    who: 'full',
    open: async (s) => page(await s.signIn('full'), '/compte/fiche'),
    valid: () => ({ adresse: '3 rue des Lilas, 86000 Poitiers', telephone: '05 49 00 00 00', portable: '06 12 34 56 78', courriel: 'claire.pro@example.org', profession: 'Infirmière' }),
    stores: ['adresse', 'telephone', 'portable', 'courriel', 'profession'],
  },
  '/compte/regroupement': {
    who: 'full',
    open: async (s) => page(await s.signIn('full'), '/compte/regroupement'),
    valid: (s) => ({ identifiant: 'jmartin', mot_de_passe: s.L.jmartin.password }),
    counts: ['mot_de_passe'],
  },
  '/compte/regroupement/confirmer': {
    who: 'full',
    // SUIVANT with the credentials of jmartin: the confirmation page.
    open: async (s) => {
      const { b, html } = await page(await s.signIn('full'), '/compte/regroupement');
      const res = await b.post('/compte/regroupement', { csrf_token: b.csrf(html), identifiant: 'jmartin', mot_de_passe: s.L.jmartin.password });
      assert.equal(res.status, 200, `regroupement SUIVANT: ${res.status}`);
      return { b, html: res.body };
    },
    valid: () => ({ decision: 'valider' }),
  },
  '/compte/regroupement/enfant': {
    who: 'full',
    open: async (s) => page(await s.signIn('full'), '/compte/regroupement'),
    valid: (s) => ({ date_naissance: s.L.cmartin1.birth }),
    counts: ['date_naissance'],
  },
};

// The staff side (docs/STAFF.md): sign-in, second factor, enrolment link,
// the direction's forms on a staff member's fiche, the assistance, Mon compte.
Object.assign(RECIPES, {
  '/personnel': {
    who: 'anonymous',
    open: async (s) => { await s.direction(); return page(s.browser(), '/personnel'); },
    valid: (s) => ({ identifiant: s.dir.identifier, mot_de_passe: s.dir.password }),
    counts: ['mot_de_passe'],
  },
  '/personnel/code': {
    who: 'staff_factor',
    open: async (s) => page(await s.signInStaff(await s.direction(), { code: false }), '/personnel/code'),
    valid: (s) => ({ code: freshCode(s.stack, s.dir) }),
    counts: ['code'],
  },
  '/personnel/activer': {
    who: 'anonymous',
    // The enrolment link of a staff member just created, opened.
    open: async (s) => {
      const staff = await s.newStaff(['secretariat'], { enrolled: false });
      return page(s.browser(), staff.link);
    },
    valid: () => ({ mot_de_passe: STAFF_PASSWORD, confirmation: STAFF_PASSWORD }),
  },
  '/etablissement/personnels/nouveau': {
    who: 'direction',
    open: async (s) => page(await s.signInStaff(await s.direction()), '/etablissement/personnels/nouveau'),
    valid: (s) => {
      s.created = (s.created || 0) + 1;
      const klass = s.stack.sqlValue("SELECT id FROM school_class WHERE name = '4 C'");
      return { prenom: 'Émile', nom: 'Enseignant', courriel: `nouveau${s.created}@example.org`, role_enseignant: '1', matieres: 'Mathématiques', [`classe_${klass}`]: '1' };
    },
    stores: ['prenom', 'nom', 'courriel', 'matieres'],
  },
  '/etablissement/personnels/fermer': {
    who: 'direction',
    open: async (s) => s.fiche(await s.newStaff(['secretariat'], { enrolled: false })),
    valid: () => ({}),
  },
  '/etablissement/personnels/double-facteur': {
    who: 'direction',
    open: async (s) => s.fiche(await s.newStaff(['vie_scolaire'])),
    valid: () => ({}),
  },
  '/etablissement/personnels/lien': {
    who: 'direction',
    open: async (s) => s.fiche(await s.newStaff(['secretariat'], { enrolled: false })),
    valid: () => ({}),
  },
  '/etablissement/personnels/delegation': {
    who: 'direction',
    open: async (s) => s.fiche(await s.newStaff(['enseignant'], { enrolled: false })),
    valid: () => ({ action: 'accorder' }),
  },
  '/etablissement/assistance/deverrouiller': {
    who: 'direction',
    // Inès Benali's letter account (no scene uses it), locked, looked up by the direction.
    open: async (s) => {
      s.stack.sql("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR, failed_logins = 5 WHERE identifier = 'ibenali'");
      return page(await s.signInStaff(await s.direction()), '/etablissement/assistance?identifiant=ibenali');
    },
    valid: () => ({}),
  },
  // The family account fiche (suivi, issue 13): Inès Benali's pupil account
  // (the one the unlock above uses) put at the address-waiting stage, its
  // earlier links forgotten (the resend limits); Léa's pupil account, closed.
  '/etablissement/famille/renvoyer': {
    who: 'direction',
    open: async (s) => familyFiche(s, 'ibenali', true),
    valid: () => ({}),
  },
  '/etablissement/famille/adresse': {
    who: 'direction',
    open: async (s) => familyFiche(s, 'ibenali', true),
    valid: () => ({ nouvelle_adresse: 'ines.b@example.org', confirmation_adresse: 'ines.b@example.org' }),
  },
  '/etablissement/famille/fermer': {
    who: 'direction',
    open: async (s) => familyFiche(s, s.stack.sqlValue("SELECT a.identifier FROM account a JOIN pupil p ON p.id = a.pupil_id WHERE p.first_name = 'Léa' AND a.kind = 'eleve'")),
    valid: () => ({ confirmer: '1' }),
  },
  '/etablissement/famille/deverrouiller': {
    who: 'direction',
    open: async (s) => {
      s.stack.sql("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR, failed_logins = 5 WHERE identifier = 'ibenali'");
      return familyFiche(s, 'ibenali');
    },
    valid: () => ({}),
  },
  '/etablissement/compte/mot-de-passe': {
    who: 'direction',
    open: async (s) => page(await s.signInStaff(await s.direction()), '/etablissement/compte'),
    valid: (s) => ({ mot_de_passe_actuel: s.dir.password, mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD }),
    after: (s) => { s.dir.password = NEW_PASSWORD; },
    counts: ['mot_de_passe_actuel'],
  },
  '/etablissement/compte/codes-de-secours': {
    who: 'direction',
    open: async (s) => page(await s.signInStaff(await s.direction()), '/etablissement/compte'),
    valid: (s) => ({ mot_de_passe_codes: s.dir.password }),
    counts: ['mot_de_passe_codes'],
  },
  // issue 13 — courriers: the demo school's "4 C" (its pupils' letters
  // renewed: the valid form changes the database); a family fiche's
  // "Régénérer le courrier" on Inès Benali's pupil account (no confirmed address).
  '/etablissement/courriers/generer': {
    who: 'direction',
    open: async (s) => page(await s.signInStaff(await s.direction()), '/etablissement/courriers'),
    valid: (s) => ({ classe: String(s.stack.sqlValue("SELECT MIN(id) FROM school_class WHERE name = '4 C'")), destinataires: 'eleves' }),
  },
  '/etablissement/courriers/relancer': {
    who: 'direction',
    open: async (s) => page(await s.signInStaff(await s.direction()), '/etablissement/courriers'),
    // The box left unticked: an empty value is a valid answer (no new passwords), not a refused payload.
    valid: (s) => ({ classe: String(s.stack.sqlValue("SELECT MIN(id) FROM school_class WHERE name = '4 C'")) }),
  },
  '/etablissement/courriers/compte': {
    who: 'direction',
    open: async (s) => familyFiche(s, 'ibenali'),
    valid: () => ({}),
  },
});

// issue 13 — aide: undoing a regroupement. The list of the demo school's
// merges opened by the direction; when none is waiting to be undone, the
// full family first merges jmartin's letter account into cmartin's through
// the real pages (an undo gives jmartin its letter back: it merges again).
async function mergeToUndo(s) {
  if (s.stack.sqlValue('SELECT COUNT(*) FROM regroupement_record WHERE undone_at IS NULL') === '0') {
    const { b, html } = await page(await s.signIn('full'), '/compte/regroupement');
    const next = await b.post('/compte/regroupement', { csrf_token: b.csrf(html), identifiant: 'jmartin', mot_de_passe: s.L.jmartin.password });
    assert.equal(next.status, 200, `regroupement SUIVANT: ${next.status}`);
    const done = await b.post('/compte/regroupement/confirmer', { csrf_token: b.csrf(next.body), decision: 'valider' });
    assert.equal(done.status, 200, `regroupement VALIDER: ${done.status}`);
  }
  return page(await s.signInStaff(await s.direction()), '/etablissement/regroupements');
}
Object.assign(RECIPES, {
  '/etablissement/regroupements/annuler': {
    who: 'direction',
    open: mergeToUndo,
    valid: () => ({}),
  },
  // Reporting a letter ("je ne suis pas le représentant légal"): Dylan's
  // pupil account dmartin (no scene uses it), signed in with its letter.
  '/premiere-connexion/signalement': {
    who: 'letter',
    open: async (s) => page(await letterSignedIn(s, 'dmartin'), '/premiere-connexion/signalement'),
    valid: () => ({ confirmer: '1' }),
  },
  // Handling a report: the direction on the list of the school's reported
  // letters; when none waits, Florian's pupil account fmartin reports its
  // letter first through the real pages.
  '/etablissement/signalements/traite': {
    who: 'direction',
    open: async (s) => {
      if (s.stack.sqlValue('SELECT COUNT(*) FROM letter WHERE reported_at IS NOT NULL AND report_handled_at IS NULL') === '0') {
        const { b, html } = await page(await letterSignedIn(s, 'fmartin'), '/premiere-connexion/signalement');
        const res = await b.post('/premiere-connexion/signalement', { csrf_token: b.csrf(html), confirmer: '1' });
        assert.equal(res.status, 200, `report of fmartin's letter: ${res.status}`);
      }
      return page(await s.signInStaff(await s.direction()), '/etablissement/signalements');
    },
    valid: () => ({ decision: 'annule', commentaire: 'Courrier remis à la mauvaise famille' }),
    stores: ['commentaire'],
  },
});

// issue 13 — aide: a new password demanded at the next sign-in, of Hugo's
// pupil account hlefevre (no scene uses it; its first connection made here
// when not done yet). Each valid submission of the family's page picks a
// password other than the current one (the page refuses the current one).
const renewedPassword = (s) => (s.passwords.hlefevre === NEW_PASSWORD ? 'Chataignier26z' : NEW_PASSWORD);
async function renewingPupil(s, demanded) {
  if (s.stack.sqlValue("SELECT state FROM account WHERE identifier = 'hlefevre'") === 'letter') {
    await firstConnection(s.stack, s.L.hlefevre, '');
    s.passwords.hlefevre = PASSWORD;
  }
  s.pupil = { identifier: 'hlefevre' };
  s.stack.sql(`UPDATE account SET renew_password_at = ${demanded ? 'UTC_TIMESTAMP()' : 'NULL'} WHERE identifier = 'hlefevre'`);
}
Object.assign(RECIPES, {
  // The family's page: the renewal demanded in SQL, signed in (stage renew).
  '/connexion/nouveau-mot-de-passe': {
    who: 'pupil',
    open: async (s) => {
      await renewingPupil(s, true);
      return page(await s.signIn('pupil'), '/connexion/nouveau-mot-de-passe');
    },
    valid: (s) => ({ nouveau_mot_de_passe: renewedPassword(s), confirmation: renewedPassword(s) }),
    after: (s) => { s.passwords.hlefevre = renewedPassword(s); },
  },
  // The staff form: the direction names hlefevre (no demand pending, so
  // that a valid submission changes its row). The date is optional and the
  // class unused with "identifiants": an empty or blank one is the valid
  // demand (payloads.test.mjs checks that nothing else is accepted there).
  '/etablissement/renouvellement': {
    who: 'direction',
    open: async (s) => {
      await renewingPupil(s, false);
      return page(await s.signInStaff(await s.direction()), '/etablissement/renouvellement');
    },
    valid: () => ({ qui: 'identifiants', identifiants: 'hlefevre', confirmer: '1' }),
    stores: ['classe', 'sauf_depuis'],
  },
});

/** A browser signed in with the letter of `identifier` (stage first_connection), keeping its login form's token in `preToken`. */
async function letterSignedIn(s, identifier) {
  const b = s.browser();
  const form = await b.get('/connexion');
  b.preToken = b.csrf(form.body);
  const res = await b.post('/connexion', { csrf_token: b.preToken, identifiant: identifier, mot_de_passe: s.L[identifier].password });
  assert.equal(res.status, 303, `letter sign-in of ${identifier}: ${res.status}`);
  return b;
}

/**
 * The forms that check a password or a date of birth (`ts-<flow> --routes`
 * marks them own or other): lockout.test.mjs sends guessers to each, and
 * checks it posted to exactly these; routes.test.mjs fails when a binary
 * declares one more.
 */
export const PROOFS = ['/connexion', '/premiere-connexion', '/compte-en-attente/adresse', '/compte/mot-de-passe', '/compte/adresse',
  '/compte/regroupement', '/compte/regroupement/enfant', '/personnel', '/personnel/code', '/etablissement/compte/mot-de-passe',
  '/etablissement/compte/codes-de-secours'];

/**
 * The fields of a submission: every field of the form, hidden ones with the
 * page's value, visible ones from `values` ('' when not given); a field
 * with several values (VALIDER/ANNULER) takes `values` or its first. A
 * checkbox or radio button not in `values` is left out, as a browser leaves
 * an unchecked one (the staff form's roles and classes).
 */
export function fieldsOf(form, values) {
  return form.fields
    .filter((f) => !(f.type === 'checkbox' || f.type === 'radio') || f.name in values)
    .map((f) => [f.name, values[f.name] ?? (f.type === 'hidden' || f.type === 'button' || f.type === 'submit' ? f.value : '')]);
}

// issue 13 — import
/**
 * A multipart/form-data body (what a form with enctype="multipart/form-data"
 * sends): `fields` as [name, value] text parts, `files` ({ name: { filename,
 * content } }) as file parts. Returns { body (Buffer), type (the Content-Type) }.
 */
export function multipart(fields, files = {}) {
  const boundary = `----tsattack${Math.random().toString(16).slice(2)}`;
  const chunks = [];
  for (const [k, v] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const [k, f] of Object.entries(files)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.filename}"\r\nContent-Type: text/csv\r\n\r\n`));
    chunks.push(Buffer.from(f.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs `fields` and `files` as multipart/form-data (the import's upload form). */
AddrBrowser.prototype.postMultipart = function postMultipart(p, fields, files, headers = {}) {
  const m = multipart(fields, files);
  return this.request('POST', p, { body: m.body, headers: { 'content-type': m.type, ...headers } });
};

/**
 * Import files for the demo school that keep every current pupil and link
 * (adopted by names and birth date, docs/IMPORT.md) and add one pupil: an
 * import that changes the records without taking a child from any family.
 */
export function importFiles(stack) {
  const school = stack.sqlValue("SELECT id FROM establishment WHERE uai = '0869999X'");
  const pupils = stack.sql(`SELECT p.id, p.last_name, p.first_name, DATE_FORMAT(p.birth_date, '%d/%m/%Y'), IFNULL(c.name, '4 C'),
    IFNULL(p.source_id, CONCAT('D', p.id)) FROM pupil p LEFT JOIN school_class c ON c.id = p.class_id
    WHERE p.establishment_id = ${school} AND p.left_at IS NULL ORDER BY p.id`);
  const n = Number(stack.sqlValue(`SELECT COUNT(*) FROM pupil WHERE establishment_id = ${school}`));
  let eleves = 'ELEVE_ID;NOM;PRENOM;DATE_NAISS;DIVISION\n';
  for (const [, last, first, birth, klass, source] of pupils) eleves += `${source};${last};${first};${birth};${klass}\n`;
  eleves += `N${n};Importé;Zoé${'z'.repeat(n % 20)};01/02/2013;6 Z\n`;
  const links = stack.sql(`SELECT IFNULL(p.source_id, CONCAT('D', p.id)), IFNULL(r.source_id, CONCAT('R', r.id)), r.last_name, r.first_name, pr.legal_rank
    FROM pupil_responsable pr JOIN pupil p ON p.id = pr.pupil_id JOIN responsable r ON r.id = pr.responsable_id
    WHERE p.establishment_id = ${school} AND p.left_at IS NULL ORDER BY p.id, r.id`);
  let responsables = 'PERSONNE_ID;ELEVE_ID;NOM;PRENOM;RESP_LEGAL\n';
  for (const [pupil, person, last, first, rank] of links) responsables += `${person};${pupil};${last};${first};${rank}\n`;
  return { eleves: { filename: 'eleves.csv', content: eleves }, responsables: { filename: 'responsables.csv', content: responsables } };
}

Object.assign(RECIPES, {
  // The upload (multipart): its valid submission keeps the files in a pending import_batch row.
  '/etablissement/import': {
    who: 'direction',
    open: async (s) => page(await s.signInStaff(await s.direction()), '/etablissement/import'),
    valid: () => ({ encodage: 'auto' }),
    files: (s) => importFiles(s.stack),
  },
  // "Confirmer l'import" on the preview of those files: applied.
  '/etablissement/import/confirmer': {
    who: 'direction',
    open: async (s) => {
      const { b, html } = await page(await s.signInStaff(await s.direction()), '/etablissement/import');
      const res = await b.postMultipart('/etablissement/import', [['csrf_token', b.csrf(html)], ['encodage', 'auto']], importFiles(s.stack));
      assert.equal(res.status, 200, `import preview: ${res.status}`);
      return { b, html: res.body };
    },
    valid: () => ({}),
  },
});

