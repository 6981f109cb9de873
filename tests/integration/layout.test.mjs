// The layout of the C++ tree: a handler (handlers/, every *.cpp and *.h, in
// every sub-folder) holds no SQL. Queries live in lib/ behind named functions;
// a handler reads the request, calls them and renders. No stack is started.
//
// What counts as SQL in a handler, after comments are removed:
//   - a string literal (adjacent literals joined, as the compiler does) with a
//     statement keyword at the start of a statement (the literal's start, or
//     after "(" for a sub-query): SELECT, INSERT INTO <table>, UPDATE <table>
//     ... SET, DELETE FROM <table>, REPLACE INTO <table>; SELECT in capitals,
//     or in any case when a FROM follows. One hit per literal, on the line of
//     its first statement;
//   - a call .prepare( / db.exec( / db.query( (also through ->) whose first
//     argument is a string literal (unless that literal was reported already).
// French text ("Sélectionnez…", "mise à jour") is not SQL: the keywords are
// English, must start the literal or a parenthesis, and must be followed by
// the rest of a statement. The samples in the first test pin that down.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { REPO } from './harness.mjs';

const HANDLERS = path.join(REPO, 'handlers');

/**
 * Comments removed and string literals extracted from C++ source (plain,
 * prefixed and raw literals; character literals and digit separators are
 * skipped so that a '"' opens nothing).
 * Returns { code, literals }: `code` is the source with comments blanked (line
 * breaks kept, literals kept); `literals` the string literals, adjacent ones
 * joined as the compiler does: { text, index, end, starts }, where index/end
 * are offsets in `code` and `starts` lists [offset in text, 1-based line] of
 * each joined piece.
 */
function scanCpp(source) {
  let code = '';
  const pieces = []; // { text, line, start, end } in code offsets
  let line = 1;
  let i = 0;
  const n = source.length;
  const emit = (s) => {
    code += s;
    for (const c of s) if (c === '\n') line += 1;
  };
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') { // line comment (a backslash-newline continues it)
      let j = i + 2;
      while (j < n && !(source[j] === '\n' && source[j - 1] !== '\\')) j += 1;
      emit(source.slice(i, j).replace(/[^\n]/g, ' '));
      i = j;
    } else if (c === '/' && next === '*') {
      const j = source.indexOf('*/', i + 2);
      const end = j < 0 ? n : j + 2;
      emit(source.slice(i, end).replace(/[^\n]/g, ' '));
      i = end;
    } else if (c === '"' || (c === 'R' && next === '"' && !/[A-Za-z0-9_]/.test(source[i - 1] ?? '')) ||
               (c === 'R' && next === '"' && /(^|[^A-Za-z0-9_])(u8|u|U|L)$/.test(source.slice(Math.max(0, i - 3), i)))) {
      const startLine = line;
      const start = code.length;
      let j;
      let text;
      if (c === 'R') { // raw string R"delim( ... )delim"
        const open = source.indexOf('(', i + 2);
        const delim = source.slice(i + 2, open);
        const close = source.indexOf(`)${delim}"`, open + 1);
        const end = close < 0 ? n : close + delim.length + 2;
        text = source.slice(open + 1, close < 0 ? n : close);
        j = end;
      } else {
        j = i + 1;
        while (j < n && source[j] !== '"' && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
        text = source.slice(i + 1, j);
        j += 1;
      }
      emit(source.slice(i, j));
      pieces.push({ text, line: startLine, start, end: code.length });
      i = j;
    } else if (c === '\'' && !/[0-9A-Fa-f_]/.test(source[i - 1] ?? '') || (c === '\'' && /(^|[^A-Za-z0-9_])(u8|u|U|L)$/.test(source.slice(Math.max(0, i - 3), i)))) {
      // character literal ('"' must not open a string); a ' after a digit is a digit separator
      let j = i + 1;
      while (j < n && source[j] !== '\'' && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      emit(source.slice(i, j + 1));
      i = j + 1;
    } else {
      emit(c);
      i += 1;
    }
  }
  // Join adjacent literals (only blanks, line breaks or blanked comments between).
  const literals = [];
  for (const p of pieces) {
    const last = literals.at(-1);
    if (last && /^\s*$/.test(code.slice(last.end, p.start))) {
      last.starts.push([last.text.length, p.line]);
      last.text += p.text;
      last.end = p.end;
    } else {
      literals.push({ text: p.text, index: p.start, end: p.end, starts: [[0, p.line]] });
    }
  }
  return { code, literals };
}

// A statement keyword at the start of a statement: the literal's start (after
// blanks), or after "(" (a sub-query; WITH x AS (SELECT ...)). Statements are
// not chained with ";" in one literal (a prepared statement is one statement),
// so English text such as "...failed; delete from cache" is left alone.
const AT_STATEMENT_START = String.raw`(?:^|\()\s*`;
const IDENT = String.raw`[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?|` + '`[^`]+`';
const SQL_PATTERNS = [
  new RegExp(AT_STATEMENT_START + String.raw`(SELECT)\s+\S`), // SELECT, in capitals
  new RegExp(AT_STATEMENT_START + String.raw`(select)\s+[\s\S]*?\bfrom\s+(?:${IDENT})`, 'i'), // any case, with a FROM
  new RegExp(AT_STATEMENT_START + String.raw`(insert\s+(?:ignore\s+)?into)\s+(?:${IDENT})`, 'i'),
  new RegExp(AT_STATEMENT_START + String.raw`(update)\s+(?:${IDENT})(?:\s+(?:as\s+)?(?:${IDENT}))?\s+set\s`, 'i'),
  new RegExp(AT_STATEMENT_START + String.raw`(UPDATE)\s+(?:${IDENT})\b[\s\S]*?\sSET\s`), // UPDATE a JOIN b ... SET
  new RegExp(AT_STATEMENT_START + String.raw`(delete\s+from)\s+(?:${IDENT})`, 'i'),
  new RegExp(AT_STATEMENT_START + String.raw`(replace\s+into)\s+(?:${IDENT})`, 'i'),
];
// A query function called with a literal: .prepare("...", db.exec(R"(...)", db->query(u8"...".
const CALL_WITH_LITERAL = /(?:(?:\.|->)\s*prepare|\bdb\s*(?:\.|->)\s*(?:exec|query))\s*\(\s*(?:u8|u|U|L)?R?"/g;

const lineAt = (code, index) => code.slice(0, index).split('\n').length;

/** The line of offset `at` in a (joined) literal. */
function lineIn(lit, at) {
  const [offset, first] = lit.starts.filter(([o]) => o <= at).at(-1);
  return first + (lit.text.slice(offset, at).match(/\n/g) ?? []).length; // raw strings span lines
}

/** The SQL found in C++ source: [{ line, what }], at most one per line, in line order. */
function findSql(source) {
  const { code, literals } = scanCpp(source);
  const hits = new Map(); // line -> what
  const reported = new Set();
  for (const lit of literals) {
    let at = -1;
    for (const re of SQL_PATTERNS) {
      const m = re.exec(lit.text);
      if (!m) continue;
      const start = m.index + m[0].indexOf(m[1]);
      if (at < 0 || start < at) at = start;
    }
    if (at < 0) continue;
    reported.add(lit);
    const line = lineIn(lit, at);
    if (!hits.has(line)) hits.set(line, `SQL in a string literal: "${lit.text.slice(at, at + 50).replace(/\s+/g, ' ').trim()}…"`);
  }
  for (const m of code.matchAll(CALL_WITH_LITERAL)) {
    const lit = literals.find((l) => l.index >= m.index);
    if (reported.has(lit)) continue;
    const line = lineAt(code, m.index);
    if (!hits.has(line)) hits.set(line, `query call with a literal: ${m[0].replace(/\s+/g, '')}`);
  }
  return [...hits].sort(([a], [b]) => a - b).map(([line, what]) => ({ line, what }));
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(cpp|h)$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

test('the SQL matcher: SQL is flagged, French text is not', () => {
  const flagged = [
    'auto st = ctx.db.prepare("SELECT id FROM account WHERE identifier = ?");',
    'exec_id(ctx.db, "DELETE FROM regroupement_pending WHERE account_id = ?", id);',
    'const char* q = "INSERT INTO audit (account_id, action) VALUES (?, ?)";',
    'const char* q = "  update account set state = \'closed\' WHERE id = ?";',
    'const char* q = "UPDATE account a JOIN letter l ON l.account_id = a.id SET a.state = \'letter\'";',
    'std::string q = "REPLACE INTO regroupement_pending (session_hash) VALUES (?)";',
    'const std::string q = R"sql(\n  select id\n  from account)sql";',
    'std::string q = "WITH x AS (SELECT 1) SELECT * FROM x";',
    'auto st = db.query(kQuery);\nauto u = db.exec(\n    "SET NAMES utf8mb4");',
    'ctx.db.prepare(\n    "CALL purge()");',
  ];
  for (const sample of flagged) assert.ok(findSql(sample).length > 0, `must be flagged: ${sample}`);
  // Joined literals: the hit is on the line where the statement starts.
  assert.deepEqual(findSql('x();\nauto q =\n  "UPDATE account"\n  " SET email = ?"\n  " WHERE id = ?";').map((h) => h.line), [3]);
  assert.deepEqual(findSql('f("a",\n  "SELECT 1");').map((h) => h.line), [2]);

  const notFlagged = [
    'd.SetValue("TITLE", "Sélectionnez votre établissement");',
    'd.SetValue("NOTICE", "La mise à jour de votre fiche de renseignements est enregistrée.");',
    'errors.add("enfant", "Sélectionnez un enfant à rattacher à votre compte.");',
    'd.SetValue("HELP", "Mettre à jour votre adresse, puis sélectionner « Enregistrer ».");',
    'msg = "Supprimer de la liste les comptes que vous ne souhaitez pas regrouper.";',
    'msg = "Insérer une pièce jointe : la mise à jour se fait depuis l\'espace.";',
    'msg = "Pour la sélection des options, voir les mentions légales (mise à jour 2024).";',
    'log("regroupement: update of the pending row failed; delete from cache skipped");',
    '// SELECT id FROM account: documented in a comment, not in a string',
    '/* auto st = ctx.db.prepare("SELECT 1"); */',
    'const std::string kLockCode = kFindCode + " FOR UPDATE";',
    'auto st = ctx.db.prepare(kFindCode);',
    'char q = \'"\'; auto s = "Sélectionner";',
    'int big = 1\'000\'000; auto s = "Mise à jour";',
  ];
  for (const sample of notFlagged) assert.deepEqual(findSql(sample), [], `must not be flagged: ${sample}`);
});

test('no handler holds SQL (queries belong in lib/)', (t) => {
  const hits = [];
  for (const file of sourceFiles(HANDLERS)) {
    for (const h of findSql(fs.readFileSync(file, 'utf8'))) hits.push(`${path.relative(REPO, file)}:${h.line}: ${h.what}`);
  }
  if (hits.length) t.diagnostic(`${hits.length} SQL hits in handlers/:\n${hits.join('\n')}`);
  assert.deepEqual(hits, [], `SQL in handlers/ (${hits.length}):\n${hits.join('\n')}`);
});

// Dependencies point one way (docs/ARCHITECTURE.md, "Layout"): handlers ->
// web + domain; web -> domain; the domain modules -> core (+ security, mail,
// scolarite for accounts); never a domain module -> web. A module includes
// its own headers without a folder ("account.h") and others' as "module/x.h".
const MAY_INCLUDE = {
  core: [],
  security: ['core'],
  scolarite: ['core'],
  mail: ['core'],
  accounts: ['core', 'security', 'scolarite', 'mail'],
  staff: ['core', 'security', 'scolarite', 'mail', 'accounts'],
  web: ['core', 'security', 'scolarite', 'mail', 'accounts', 'staff'],
};

/** [file, line, included module] of every "module/x.h" include under a folder. */
function moduleIncludes(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(cpp|h)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    fs.readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
      const m = text.match(/^\s*#\s*include\s+"([a-z_]+)\/[^"]+"/);
      if (m) out.push([path.relative(REPO, file), i + 1, m[1]]);
    });
  }
  return out;
}

test('lib/ modules include only the modules below them', () => {
  const modules = fs.readdirSync(path.join(REPO, 'lib'));
  assert.deepEqual(modules.filter((m) => !(m in MAY_INCLUDE)), [], 'every lib/ folder has its place in MAY_INCLUDE');
  const wrong = [];
  for (const module of modules) {
    for (const [file, line, used] of moduleIncludes(path.join(REPO, 'lib', module))) {
      if (used !== module && !MAY_INCLUDE[module].includes(used)) wrong.push(`${file}:${line} (${module} -> ${used})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('a flow includes lib/ modules and its own files, never another flow', () => {
  const wrong = [];
  for (const [file, line, used] of moduleIncludes(HANDLERS)) {
    if (!(used in MAY_INCLUDE)) wrong.push(`${file}:${line} (${used})`);
  }
  for (const flow of fs.readdirSync(HANDLERS)) {
    for (const entry of fs.readdirSync(path.join(HANDLERS, flow))) {
      const text = fs.readFileSync(path.join(HANDLERS, flow, entry), 'utf8');
      for (const m of text.matchAll(/#\s*include\s+"\.\.\//g)) wrong.push(`${flow}/${entry}: ${m[0]}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the include check sees a wrong include (self-test)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-layout-'));
  try {
    fs.writeFileSync(path.join(dir, 'x.cpp'), '#include "web/render.h"\n#include "core/db.h"\n');
    assert.deepEqual(moduleIncludes(dir).map(([, line, used]) => [line, used]), [[1, 'web'], [2, 'core']]);
    assert.ok(!MAY_INCLUDE.accounts.includes('web'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
