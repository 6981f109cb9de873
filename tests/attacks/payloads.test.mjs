// The payload corpus (payloads.mjs: script and SQL injection, header
// injection, bytes that are not UTF-8, NUL, sizes, look-alike Unicode) in
// every field of every form the binaries declare, the other fields valid;
// then each field repeated, sent as an array (`a[]=`), and an unknown field.
// Every answer: never a 5xx, never the payload back as live markup, no
// injected header, a French page with the right status (422 with the error
// shown, 400 for what cannot be read), within a second or two (a blind
// SLEEP would show), and nothing written — except in the fields a form
// keeps when it accepts their value (`stores` in the recipe): there the text is kept
// exactly and shown escaped.
import assert from 'node:assert/strict';
import test from 'node:test';

import { text } from '../integration/flows.mjs';
import { RECIPES, assertSecurityHeaders, attackStack, enc, fieldsOf, formOf, postPaths, rawBody, routeTable, Scene, snapshot } from './attacks.mjs';
import { LIVE_MARKUP, PAYLOADS } from './payloads.mjs';

/** What the forms and pages may answer to a bad value (414: a GET address over 4 KiB): never a 5xx. */
const ALLOWED = new Set([200, 303, 400, 403, 404, 409, 414, 422]);

/** Asserts what every answer to a payload must be. */
function checkAnswer(res, label, payload) {
  assert.ok(ALLOWED.has(res.status), `${label}: status ${res.status}\n${text(res.body).slice(0, 300)}`);
  assertSecurityHeaders(res.headers, label);
  assert.equal(res.headers.get('x-injected'), null, `${label}: injected header`);
  for (const c of res.setCookies || []) assert.doesNotMatch(c, /evil|X-Injected/, `${label}: cookie ${c}`);
  // A request the parser refuses keeps the cookies it came with (issue 11, fault 2).
  if (res.status === 400) assert.deepEqual(res.setCookies || [], [], `${label}: a refused request set cookies`);
  assert.ok(res.ms < 2500, `${label}: ${res.ms} ms`);
  if (res.status === 303) return;
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8', label);
  assert.match(res.body, /<html lang="fr"/, `${label}: a French page`);
  const title = /<title>([^<]*)<\/title>/.exec(res.body)?.[1] ?? '';
  assert.match(title, / — Scolarité services$/, `${label}: the layout`);
  assert.doesNotMatch(title, /Bad Request|Not Found|Error|Forbidden/, `${label}: title ${title}`);
  if (res.status === 422) assert.match(title, /^Erreur : /, `${label}: a form shown again with its errors`);
  if (res.status === 400) assert.match(text(res.body), /Requête non valide/, `${label}: 400 page`);
  for (const re of LIVE_MARKUP) assert.doesNotMatch(res.body, re, `${label}: live markup in the page`);
  if (payload?.text && /[<>"']/.test(payload.text)) {
    assert.ok(!res.body.includes(payload.text), `${label}: the payload came back unescaped`);
  }
}

test('payloads in every field of every form', async (t) => {
  const stack = await attackStack({ extraConf: 'max_failed_logins = 100000\nlogin_ip_max_failures = 100000\n' });
  const counts = { forms: 0, fields: 0, requests: 0, stored: 0, byStatus: {} };
  let addr = 0;
  const nextAddress = () => `127.0.${1 + Math.floor(addr / 250) % 250}.${2 + (addr++ % 250)}`;
  try {
    const scene = await Scene.build(stack, ['full', 'other', 'pending', 'letter']);
    for (const path of postPaths()) {
      const recipe = RECIPES[path];
      await t.test(path, async () => {
        const { b, html } = await recipe.open(scene);
        const form = formOf(html, path);
        const token = b.csrf(html);
        const base = fieldsOf(form, recipe.valid(scene));
        const post = async (pairs, label, payload) => {
          b.from = nextAddress();
          const started = Date.now();
          const res = await b.postRaw(path, rawBody([['csrf_token', enc(token)], ...pairs]));
          res.ms = Date.now() - started;
          counts.requests++;
          counts.byStatus[res.status] = (counts.byStatus[res.status] || 0) + 1;
          checkAnswer(res, label, payload);
          return res;
        };
        const encoded = () => base.map(([k, v]) => [k, enc(v)]);
        for (const [name] of base) {
          counts.fields++;
          for (const payload of PAYLOADS) {
            const label = `${path} ${name}: ${payload.label}`;
            const before = snapshot(stack);
            const res = await post(encoded().map(([k, v]) => [k, k === name ? payload.raw : v]), label, payload);
            const after = snapshot(stack);
            if (after === before) continue;
            // Something was written: only a field the form stores may, and then exactly as typed.
            assert.ok(recipe.stores?.includes(name) && res.status === 303, `${label}: ${res.status}, the database changed`);
            await checkStored(scene, path, name, payload, label);
            counts.stored++;
          }
          const before = snapshot(stack);
          const others = encoded().filter(([k]) => k !== name);
          const value = encoded().find(([k]) => k === name)[1];
          for (const [label, pairs] of [
            ['repeated', [...encoded(), [name, value]]],
            ['repeated, the second one empty', [...encoded(), [name, '']]],
            ['as an array field', [...others, [`${name}[]`, value]]],
            ['as an array field and itself', [...encoded(), [`${name}[]`, value]]],
          ]) {
            const res = await post(pairs, `${path} ${name} ${label}`);
            assert.equal(res.status, 400, `${path} ${name} ${label}`);
          }
          assert.equal(snapshot(stack), before, `${path} ${name}: repeated fields changed the database`);
        }
        // Fields the form does not have.
        const before = snapshot(stack);
        for (const extra of [['admin', '1'], ['account_id', '1'], ['csrf_token[]', enc(token)], ['', 'x'], ['a%00b', 'x'], ['%FF', 'x']]) {
          const res = await post([...encoded(), extra], `${path} unknown field ${extra[0]}`);
          assert.equal(res.status, 400, `${path} unknown field ${extra[0]}`);
        }
        assert.equal(snapshot(stack), before, `${path}: unknown fields changed the database`);
        counts.forms++;
      });
    }
    t.diagnostic(`payloads: ${PAYLOADS.length} payloads, ${counts.forms} forms, ${counts.fields} fields, ${counts.requests} requests, ` +
      `${counts.stored} stored as typed; statuses ${JSON.stringify(counts.byStatus)}`);
    assert.equal(counts.forms, postPaths().length);
  } finally {
    await stack.stop();
  }
});

/** What lib/core/text.h clean_input makes of a value: surrounding blanks and invisible characters off, NFC. */
const cleaned = (v) => v.replace(/^[\s\u200b]+|[\s\u200b]+$/g, '').normalize('NFC');

test('payloads in every GET field of every page, declared or not', async (t) => {
  const stack = await attackStack();
  let requests = 0;
  try {
    const scene = await Scene.build(stack, ['full']);
    const signedIn = await scene.signIn('full');
    const visitor = scene.browser();
    const routes = routeTable().filter((r) => r.methods.includes('GET'));
    const before = snapshot(stack);
    for (const r of routes) {
      const p = r.prefix ? `${r.path}inconnu` : r.path;
      // Each declared field, and one the route does not declare (links gain utm_* on their way).
      for (const field of [...r.query, 'utm_source']) {
        for (const b of r.gate === 'anyone' || r.gate === 'entry' ? [visitor] : [signedIn, visitor]) {
          for (const payload of PAYLOADS) {
            const label = `GET ${p}?${field}= ${payload.label}`;
            const started = Date.now();
            const res = await b.get(`${p}?${enc(field)}=${payload.raw}`);
            res.ms = Date.now() - started;
            requests++;
            checkAnswer(res, label, payload);
          }
        }
      }
    }
    assert.equal(snapshot(stack), before, 'GETs changed the database');
    t.diagnostic(`GET payloads: ${routes.length} GET routes, ${requests} requests`);
  } finally {
    await stack.stop();
  }
});

/** A payload the fiche or the new staff form accepted: kept exactly as typed (cleaned), and shown escaped. */
async function checkStored(scene, path, name, payload, label) {
  if (path === '/etablissement/personnels/nouveau') return checkStoredStaff(scene, name, payload, label);
  if (path === '/etablissement/signalements/traite') return checkStoredReport(scene, name, payload, label); // issue 13 — aide
  // issue 13 — aide: the renewal's optional date and unused class store nothing; only an empty or blank one is the valid demand.
  if (path === '/etablissement/renouvellement') return assert.equal(cleaned(payload.text ?? 'x'), '', `${label}: accepted as a date`);
  assert.equal(path, '/compte/fiche', `${label}: only the fiche and the new staff form store free text`);
  const column = { adresse: 'address', telephone: 'phone', portable: 'mobile_phone', courriel: 'contact_email', profession: 'profession' }[name];
  assert.ok(column, `${label}: a fiche field`);
  const rid = scene.stack.sqlValue("SELECT responsable_id FROM account WHERE identifier = 'cmartin'");
  // As bytes: the mariadb client of the harness may not print 4-byte characters.
  const stored = scene.stack.sqlValue(`SELECT HEX(IFNULL(${column}, '')) FROM responsable WHERE id = ${rid}`);
  assert.ok(payload.text !== null, `${label}: bytes that are not UTF-8 were stored`);
  const typed = cleaned(payload.text);
  assert.equal(Buffer.from(stored, 'hex').toString('utf8'), typed, `${label}: stored as typed`);
  const b = await scene.signIn('full');
  const page = await b.get('/compte/fiche');
  for (const re of LIVE_MARKUP) assert.doesNotMatch(page.body, re, `${label}: live markup on the fiche`);
  if (/[<>"']/.test(typed)) assert.ok(!page.body.includes(typed), `${label}: shown unescaped on the fiche`);
}

/**
 * A payload the new staff form accepted (docs/STAFF.md: prenom, nom,
 * courriel, matieres): its text (each subject of a comma-separated list)
 * kept as typed in a text column of the staff member's rows, and the
 * personnels list and the new member's fiche show it escaped.
 */
async function checkStoredStaff(scene, name, payload, label) {
  const { stack } = scene;
  assert.ok(payload.text !== null, `${label}: bytes that are not UTF-8 were stored`);
  const typed = cleaned(payload.text);
  const parts = name === 'matieres' ? typed.split(',').map(cleaned).filter(Boolean) : [typed];
  const columns = stack.sql("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() " +
    "AND table_name IN ('account', 'staff', 'staff_teaching') AND data_type IN ('char', 'varchar', 'text', 'tinytext', 'mediumtext')");
  for (const part of parts) {
    const hex = Buffer.from(part, 'utf8').toString('hex');
    const found = columns.some(([table, column]) =>
      stack.sqlValue(`SELECT COUNT(*) FROM \`${table}\` WHERE INSTR(CAST(\`${column}\` AS BINARY), UNHEX('${hex}')) > 0`) !== '0');
    assert.ok(found, `${label}: "${part}" stored as typed`);
  }
  const b = await scene.signInStaff(await scene.direction());
  const list = await b.get('/etablissement/personnels');
  for (const re of LIVE_MARKUP) assert.doesNotMatch(list.body, re, `${label}: live markup on the personnels page`);
  if (/[<>"']/.test(typed)) assert.ok(!list.body.includes(typed), `${label}: shown unescaped on the personnels page`);
}

/**
 * issue 13 — aide. A payload the handling of a reported letter accepted as
 * its comment: kept as typed (letter.report_comment of the report just
 * handled), and the list of reports shows it escaped.
 */
async function checkStoredReport(scene, name, payload, label) {
  const { stack } = scene;
  assert.equal(name, 'commentaire', `${label}: only the comment is free text`);
  assert.ok(payload.text !== null, `${label}: bytes that are not UTF-8 were stored`);
  const typed = cleaned(payload.text);
  const stored = stack.sqlValue('SELECT HEX(IFNULL(report_comment, \'\')) FROM letter WHERE report_handled_at IS NOT NULL ORDER BY report_handled_at DESC, id DESC LIMIT 1');
  assert.equal(Buffer.from(stored, 'hex').toString('utf8'), typed, `${label}: stored as typed`);
  const b = await scene.signInStaff(await scene.direction());
  const list = await b.get('/etablissement/signalements');
  for (const re of LIVE_MARKUP) assert.doesNotMatch(list.body, re, `${label}: live markup on the reports page`);
  if (/[<>"']/.test(typed)) assert.ok(!list.body.includes(typed), `${label}: shown unescaped on the reports page`);
}
