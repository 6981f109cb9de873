// The import of pupils and responsables over HTTP (issue 13, part import;
// docs/IMPORT.md), through nginx, the FastCGI handler ts-import and MariaDB:
// the example files uploaded (multipart) by the demo school's secretary, the
// preview, "Confirmer l'import"; a file with bad lines (nothing changed, each
// problem with its line and field); the same files again (no change); the
// Windows-1252 copy (accents stored right); a pupil who left (the family
// account no longer holds the child); school B's direction cannot import into
// school A; the 413 over the upload cap and the 415 for another content type.
// One stack for the file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { REPO } from './harness.mjs';
import { letters, text } from './flows.mjs';
import { createStaff, enrol, startStaffStack } from './staff.mjs';

const UAI_B = '0869997W';
const example = (name) => fs.readFileSync(path.join(REPO, 'docs', 'examples', name));
const FILES = { eleves: { filename: 'eleves.csv', content: example('eleves.csv') }, responsables: { filename: 'responsables.csv', content: example('responsables.csv') } };
const FILES_1252 = {
  eleves: { filename: 'eleves.csv', content: example('eleves-windows-1252.csv') },
  responsables: { filename: 'responsables.csv', content: example('responsables-windows-1252.csv') },
};

/** The number on the preview's or result's count row `label`. */
function countOf(html, label) {
  const m = new RegExp(`<td>${label}</td><td>(\\d+)</td>`).exec(html);
  assert.ok(m, `no count "${label}" in:\n${text(html).slice(0, 800)}`);
  return Number(m[1]);
}
/** The value of the confirm form's hidden `jeton`. */
const tokenOf = (html) => /name="jeton" value="([^"]+)"/.exec(html)?.[1];

test('import over HTTP (issue 13)', async (t) => {
  const stack = await startStaffStack();
  try {
    letters(stack); // the demo school (A) and its families
    const q = (sql) => stack.sqlValue(sql);
    const schoolA = q("SELECT id FROM establishment WHERE uai = '0869999X'");
    const pupils = () => Number(q(`SELECT COUNT(*) FROM pupil WHERE establishment_id = ${schoolA}`));
    const secA = createStaff(stack, { roles: ['secretariat'], name: 'Sylvie Secrétaire', email: 'sylvie.secretaire@example.org' });
    const teacher = createStaff(stack, { roles: ['vie_scolaire'], name: 'Victor Viesco', email: 'victor.viesco@example.org' });
    stack.sql(`INSERT INTO establishment (uai, name, academie) VALUES ('${UAI_B}', 'Collège des Saules', 'Académie de démonstration')`);
    const dirB = createStaff(stack, { uai: UAI_B, roles: ['direction'], name: 'Bernard Principal', email: 'bernard.principal@example.org' });
    const sec = (await enrol(stack, secA)).b;
    const upload = async (b, files, fields = {}) => {
      const form = await b.get('/etablissement/import');
      assert.equal(form.status, 200, `GET /etablissement/import: ${form.status}`);
      return b.postMultipart('/etablissement/import', { csrf_token: b.csrf(form.body), encodage: 'auto', ...fields }, files);
    };
    const confirm = async (b, preview) => {
      const token = tokenOf(preview.body);
      assert.ok(token, `no confirm form:\n${text(preview.body).slice(0, 800)}`);
      return b.post('/etablissement/import/confirmer', { csrf_token: b.csrf(preview.body), jeton: token });
    };

    // A demo family whose child the example files do not list: Hugo Lefèvre's.
    const hugo = q("SELECT id FROM pupil WHERE first_name = 'Hugo' AND last_name = 'Lefèvre'");
    const holders = q(`SELECT COUNT(*) FROM account_child WHERE pupil_id = ${hugo}`);

    await t.test('the home menu leads to the import; vie scolaire may not open it', async () => {
      const form = await sec.get('/etablissement/import');
      assert.doesNotMatch(text(form.body), /documentation de l'import/, 'no pointer to docs the site does not serve');
      assert.match(text(form.body), /RESP_LEGAL \(1 ou 2\), ADRESSE, CODE_POSTAL, COMMUNE, TEL_PERSONNEL/);
      const home = await sec.get('/etablissement');
      assert.match(home.body, /href="\/etablissement\/import"/);
      const vs = (await enrol(stack, teacher)).b;
      assert.equal((await vs.get('/etablissement/import')).status, 403);
    });

    await t.test('a file with bad lines: every problem with its line and field, nothing changed', async () => {
      const before = pupils();
      const bad = Buffer.from(example('eleves.csv').toString('utf8') + '100009;XX;;Jean;31/02/2012;4 A;;\n');
      const res = await upload(sec, { ...FILES, eleves: { filename: 'eleves.csv', content: bad } });
      assert.equal(res.status, 422, text(res.body).slice(0, 600));
      assert.equal(tokenOf(res.body), undefined, 'no confirm button');
      const rows = text(res.body);
      for (const [line, field] of [[6, 'INE'], [6, 'NOM'], [6, 'DATE_NAISS']])
        assert.match(rows, new RegExp(`élèves\\s+${line}\\s+${field}\\s`), `problem line ${line} ${field}`);
      assert.equal(pupils(), before);
      assert.equal(q(`SELECT COUNT(*) FROM import_batch WHERE establishment_id = ${schoolA}`), '0');
      // Only the problems: no change announced (the pupil of a wrong line is not "sorti").
      assert.match(rows, /Rien ne peut être importé tant que ces problèmes ne sont pas corrigés/);
      // The problems table scrolls at 375 px: reachable by keyboard, named by its caption.
      assert.match(res.body, /<table tabindex="0">\s*<caption>Problèmes à corriger<\/caption>/);
      assert.doesNotMatch(res.body, /Ce que l'import changerait|Élèves sortis|Détail des changements/);
    });

    await t.test('a 7 MB file of bad lines: the first 300 problems, then how many more', async () => {
      const lines = 'P1;bad;;;99/99/9999;\n'.repeat(340000); // 6 problems each
      const big = Buffer.from('ELEVE_ID;INE;NOM;PRENOM;DATE_NAISS;DIVISION\n' + lines);
      assert.ok(big.length > 7e6 && big.length < 8e6);
      const res = await upload(sec, { ...FILES, eleves: { filename: 'eleves.csv', content: big } });
      assert.equal(res.status, 422, text(res.body).slice(0, 600));
      assert.ok(res.body.length < 500000, `a page of ${res.body.length} bytes`);
      const total = Number(/contiennent (\d+) problème/.exec(text(res.body))?.[1]);
      assert.ok(total >= 340000 * 6 - 1, `${total} problems`); // and the responsables' lines whose pupil is absent
      assert.match(text(res.body), new RegExp(`… et ${total - 300} autres problèmes`));
      assert.equal((res.body.match(/<tr><td>élèves<\/td>/g) || []).length, 300);
    });

    await t.test('the example files: preview, then confirm', async () => {
      const preview = await upload(sec, FILES);
      assert.equal(preview.status, 200, text(preview.body).slice(0, 600));
      assert.equal(countOf(preview.body, 'Élèves nouveaux'), 4);
      assert.equal(countOf(preview.body, 'Responsables nouveaux'), 5);
      assert.equal(countOf(preview.body, 'Liens ajoutés'), 6);
      assert.ok(countOf(preview.body, 'Élèves sortis') >= 1);
      const before = pupils();
      assert.equal(q("SELECT COUNT(*) FROM pupil WHERE source_id = '100001'"), '0', 'nothing before the confirmation');
      const done = await confirm(sec, preview);
      assert.equal(done.status, 200, text(done.body).slice(0, 600));
      assert.match(text(done.body), /Import terminé/);
      assert.equal(pupils(), before + 4);
      // No change of school here: departures and arrivals each on their own row.
      assert.equal(countOf(done.body, "Comptes partis avec des élèves sortis vers un autre établissement de l'académie"), 0);
      assert.equal(countOf(done.body, "Comptes repris d'un autre établissement de l'académie"), 0);
      assert.equal(q("SELECT CONCAT(first_name, ' ', last_name) FROM pupil WHERE source_id = '100003'"), 'François Cœurderoy');
      assert.equal(q("SELECT state FROM import_batch ORDER BY id DESC LIMIT 1"), 'applied');
      assert.equal(q("SELECT pupils_file IS NULL FROM import_batch ORDER BY id DESC LIMIT 1"), '1', 'the files are not kept');
      assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE event = 'import' AND identifier = '" + secA.identifier + "'"), '1');
      // The same token again: already used.
      assert.equal((await confirm(sec, preview)).status, 404);
    });

    await t.test('a pupil who left: kept, marked, and the family account no longer holds the child', async () => {
      assert.ok(Number(holders) >= 1, 'the demo family held Hugo');
      assert.equal(q(`SELECT left_at IS NOT NULL FROM pupil WHERE id = ${hugo}`), '1');
      assert.equal(q(`SELECT COUNT(*) FROM account_child WHERE pupil_id = ${hugo}`), '0');
      assert.equal(q("SELECT left_at IS NOT NULL FROM pupil WHERE source_id = '100004'"), '1', 'Anaïs: her leaving date has passed');
    });

    await t.test('the same files again, and their Windows-1252 copy: nothing changes', async () => {
      for (const files of [FILES, FILES_1252]) {
        const again = await upload(sec, files);
        assert.equal(again.status, 200);
        assert.match(text(again.body), /ne changent rien/);
        assert.equal(tokenOf(again.body), undefined);
      }
      assert.equal(q("SELECT CONCAT(first_name, ' ', last_name) FROM responsable WHERE source_id = '200004'"), 'Loïc Françon');
      assert.equal(q("SELECT address FROM responsable WHERE source_id = '200001'"), '12 rue des Œillets; bâtiment B, 86000 Poitiers');
    });

    await t.test('the same files again from teleservices-admin: "Aucun changement", no batch nor audit row', async () => {
      const batches = q('SELECT COUNT(*) FROM import_batch');
      const audits = q("SELECT COUNT(*) FROM audit_log WHERE event = 'import'");
      const out = stack.admin('import', '--uai', '0869999X', '--eleves', path.join(REPO, 'docs', 'examples', 'eleves.csv'),
        '--responsables', path.join(REPO, 'docs', 'examples', 'responsables.csv'));
      assert.match(out, /^Aucun changement : les élèves et les responsables de l'établissement sont déjà à jour ; rien n'a été enregistré\.$/m);
      assert.doesNotMatch(out, /Import enregistré/);
      assert.equal(q('SELECT COUNT(*) FROM import_batch'), batches);
      assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE event = 'import'"), audits);
    });

    await t.test('the UTF-8 files sent as Windows-1252 or ISO-8859-15, BOM or not: refused (422), never mangled; the CLI alike', async () => {
      const withBom = (name) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), example(name)]);
      const FILES_BOM = {
        eleves: { filename: 'eleves.csv', content: withBom('eleves.csv') },
        responsables: { filename: 'responsables.csv', content: withBom('responsables.csv') },
      };
      const refusal = /ce fichier est en UTF-8, pas en (Windows-1252|ISO-8859-15) : choisissez l'encodage « UTF-8 » ou « détection automatique »/;
      for (const encodage of ['windows-1252', 'iso-8859-15']) {
        for (const files of [FILES, FILES_BOM]) {
          const r = await upload(sec, files, { encodage });
          assert.equal(r.status, 422, text(r.body).slice(0, 600));
          assert.match(text(r.body), refusal);
          assert.doesNotMatch(text(r.body), /LefÃ¨vre|Ã|colonne absente/);
          assert.equal(tokenOf(r.body), undefined);
        }
        const out = stack.adminRun('import', '--uai', '0869999X', '--encodage', encodage, '--dry-run',
          '--eleves', path.join(REPO, 'docs', 'examples', 'eleves.csv'),
          '--responsables', path.join(REPO, 'docs', 'examples', 'responsables.csv'));
        assert.equal(out.code, 1);
        assert.match(out.stdout, refusal);
        assert.doesNotMatch(out.stdout, /Ã/);
      }
      // The Windows-1252 copy sent as UTF-8: said so, with the line and the column.
      const r = await upload(sec, FILES_1252, { encodage: 'utf-8' });
      assert.equal(r.status, 422);
      assert.match(text(r.body), /caractère non valide en UTF-8 : le fichier n'est pas en UTF-8/);
      assert.doesNotMatch(text(r.body), /position/);
    });

    await t.test('a Windows-1252 file with a change: the accents are stored right', async () => {
      const changed = Buffer.from(example('eleves-windows-1252.csv').toString('latin1').replace('Anaïs', 'Anaïs-Cécile'), 'latin1');
      const preview = await upload(sec, { ...FILES_1252, eleves: { filename: 'eleves.csv', content: changed } }, { encodage: 'windows-1252' });
      assert.equal(preview.status, 200, text(preview.body).slice(0, 600));
      assert.equal(countOf(preview.body, 'Élèves modifiés'), 1);
      assert.equal((await confirm(sec, preview)).status, 200);
      assert.equal(q("SELECT first_name FROM pupil WHERE source_id = '100004'"), 'Anaïs-Cécile');
    });

    await t.test('a preview gone stale: not applied, the new preview to confirm again', async () => {
      const changed = Buffer.from(example('eleves.csv').toString('utf8').replace('Chloé', 'Chloé-Marie'));
      const preview = await upload(sec, { ...FILES, eleves: { filename: 'eleves.csv', content: changed } });
      const modified = countOf(preview.body, 'Élèves modifiés'); // Chloé, and Anaïs-Cécile of the test above
      // Meanwhile the records change (another pupil's class, as another import would).
      stack.sql(`UPDATE pupil SET class_id = NULL WHERE source_id = '100002' AND establishment_id = ${schoolA}`);
      const stale = await confirm(sec, preview);
      assert.equal(stale.status, 409, text(stale.body).slice(0, 600));
      assert.match(text(stale.body), /Les fiches de l'établissement ont changé depuis l'aperçu : voici l'aperçu à jour, confirmez de nouveau/);
      assert.equal(countOf(stale.body, 'Élèves modifiés'), modified + 1);
      assert.equal(q("SELECT first_name FROM pupil WHERE source_id = '100001' AND establishment_id = " + schoolA), 'Chloé', 'nothing applied');
      assert.equal((await confirm(sec, preview)).status, 404, 'the old token is gone');
      const done = await confirm(sec, stale);
      assert.equal(done.status, 200, text(done.body).slice(0, 600));
      assert.equal(q("SELECT first_name FROM pupil WHERE source_id = '100001' AND establishment_id = " + schoolA), 'Chloé-Marie');
      // Back as the example files say, for the tests below.
      assert.equal((await confirm(sec, await upload(sec, FILES))).status, 200);
    });

    await t.test("school B's direction cannot import into school A, nor confirm A's import", async () => {
      const bdir = (await enrol(stack, dirB)).b;
      const preview = await upload(sec, { ...FILES, eleves: { filename: 'e.csv', content: Buffer.from(example('eleves.csv').toString('utf8').replace('Chloé', 'Chloë')) } });
      const token = tokenOf(preview.body);
      assert.ok(token);
      const page = await bdir.get('/etablissement/import');
      const res = await bdir.post('/etablissement/import/confirmer', { csrf_token: bdir.csrf(page.body), jeton: token });
      assert.equal(res.status, 404);
      assert.equal(q("SELECT first_name FROM pupil WHERE source_id = '100001' AND establishment_id = " + schoolA), 'Chloé');
      // B's own import lands in B only.
      const own = await upload(bdir, FILES);
      assert.equal(own.status, 200);
      assert.equal(countOf(own.body, 'Élèves sortis'), 0, "A's pupils are not B's");
    });

    await t.test('413 above the cap, 415 for another content type', async () => {
      const form = await sec.get('/etablissement/import');
      const big = Buffer.alloc(9 * 1024 * 1024, 'a');
      const res = await sec.postMultipart('/etablissement/import', { csrf_token: sec.csrf(form.body) }, { eleves: { filename: 'e.csv', content: big } });
      assert.equal(res.status, 413);
      const json = await sec.request('POST', '/etablissement/import', { body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(json.status, 415);
      assert.match(text(json.body), /type de formulaire/);
      // Every other form keeps the small cap.
      const other = await sec.postMultipart('/etablissement/compte/mot-de-passe', { csrf_token: sec.csrf(form.body) }, { x: { filename: 'x', content: 'x' } });
      assert.equal(other.status, 415);
    });
  } finally {
    await stack.stop();
  }
});
