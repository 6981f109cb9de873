// Test harness for the HTTP integration tests and the browser tests.
// Test-only code; Node 20 built-ins only.
//
// A test file starts its own complete stack (MariaDB, the mail worker, the
// FastCGI handlers, nginx and, with mail: 'smtp', a real SMTP server) in a
// fresh temporary folder, on free ports, through scripts/stack.sh — the same
// script `make run` uses — and stops it at the end:
//
//   import { startStack, Browser } from './harness.mjs';
//   const stack = await startStack({ mail: 'smtp', extraConf: '[security]\nargon2_memory_kib = 1024\n' });
//   after(() => stack.stop());
//   const b = new Browser(stack.base);
//   const page = await b.get('/connexion');              // { status, headers, body, location, url }
//   await b.post('/connexion', { identifiant: 'x', csrf_token: b.csrf(page.body) });
//   const mail = await stack.waitForMail((m) => m.to === 'parent@example.org');
//   stack.sql('SELECT state FROM account WHERE identifier = "x"');  // [['active']]
//
// startStack(options):
//   mail       'maildir' (default: the worker writes files) or 'smtp' (the worker
//              talks SMTP to a local aiosmtpd, which writes the files)
//   extraConf  INI text merged over the generated configuration (values of
//              keys already there are replaced), e.g. short timeouts
//   children   FastCGI processes per flow (default 2)
//   postRate, postBurst  nginx limit on POSTs per client (default 20r/s, 40)
// Set TS_KEEP_VAR=1 to keep the stack's folder after stop() (for debugging);
// TS_BUILD to test binaries from another build folder.
//
// The returned Stack has: base (http://127.0.0.1:PORT), port, var (folder),
// conf (config file), admin(...args), adminRun(...args), sql(query),
// sqlValue(query), mails(), waitForMail(predicate, timeoutMs), log(),
// processes(), stop().

import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD = process.env.TS_BUILD ? path.resolve(process.env.TS_BUILD) : path.join(REPO, 'build');
const STACK_SH = path.join(REPO, 'scripts', 'stack.sh');

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(file, args, env) {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Starts a private stack; see the comment at the top of this file. */
export async function startStack({ mail = 'maildir', extraConf = '', children = 2, postRate, postBurst } = {}) {
  if (mail !== 'maildir' && mail !== 'smtp') throw new Error(`startStack: mail must be 'maildir' or 'smtp', not ${mail}`);
  const port = await freePort();
  const smtpPort = mail === 'smtp' ? await freePort() : undefined;
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-stack-'));
  const env = {
    ...process.env,
    TS_VAR: varDir,
    TS_HTTP_PORT: String(port),
    TS_MAIL: mail,
    TS_FCGI_CHILDREN: String(children),
    TS_BUILD: BUILD,
  };
  if (smtpPort) env.TS_SMTP_PORT = String(smtpPort);
  if (postRate) env.TS_POST_RATE = String(postRate);
  if (postBurst !== undefined) env.TS_POST_BURST = String(postBurst);
  if (extraConf) {
    const extra = path.join(varDir, 'extra.conf');
    fs.writeFileSync(extra, extraConf.endsWith('\n') ? extraConf : extraConf + '\n');
    env.TS_EXTRA_CONF = extra;
  } else {
    delete env.TS_EXTRA_CONF;
  }
  const stack = new Stack({ varDir, port, smtpPort, mail, env });
  const res = await run(STACK_SH, ['start'], env);
  if (res.code !== 0) {
    await stack.stop(); // stack.sh already stopped what it started; this removes the folder
    throw new Error(`scripts/stack.sh start failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`);
  }
  return stack;
}

export class Stack {
  constructor({ varDir, port, smtpPort, mail, env }) {
    this.var = varDir;
    this.port = port;
    this.smtpPort = smtpPort;
    this.mailMode = mail;
    this.base = `http://127.0.0.1:${port}`;
    this.conf = path.join(varDir, 'etc', 'teleservices.conf');
    this.socket = path.join(varDir, 'run', 'mysqld.sock');
    /** The Maildir that receives the mails of the active transport. */
    this.maildir = path.join(varDir, mail === 'smtp' ? 'smtp-maildir' : 'mail');
    this.env = env;
    this.stopped = false;
  }

  /** Runs build/teleservices-admin --config CONF ...args; returns stdout, throws on failure. */
  admin(...args) {
    const r = this.adminRun(...args);
    if (r.code !== 0) throw new Error(`teleservices-admin ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** The same, returning { code, stdout, stderr } whatever the exit status. */
  adminRun(...args) {
    const r = spawnSync(path.join(BUILD, 'teleservices-admin'), ['--config', this.conf, ...args], {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /**
   * Runs one or more SQL statements as MariaDB's root in the teleservices
   * database; returns the rows as arrays of strings (SQL NULL as null).
   */
  sql(query) {
    const out = execFileSync(
      'mariadb',
      ['--no-defaults', `--socket=${this.socket}`, '-u', 'root', '-N', '-B', 'teleservices', '-e', query],
      { encoding: 'utf8', maxBuffer: 16 << 20 },
    );
    if (out === '') return [];
    return out
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.split('\t').map(unescapeBatch));
  }

  /** First column of the first row, or undefined. */
  sqlValue(query) {
    const rows = this.sql(query);
    return rows.length ? rows[0][0] : undefined;
  }

  /**
   * The messages delivered so far (new/ and cur/ of the Maildir of the active
   * transport), oldest first: [{ file, raw, headers, header(name), to,
   * toHeader, from, subject, contentType, body, links }].
   * `to` is the first recipient's bare address in lower case; `subject` and
   * `toHeader` are RFC 2047-decoded; `body` is the text/plain content decoded
   * (quoted-printable or base64, charset); `links` lists the http(s) URLs in it.
   */
  mails() {
    const files = [];
    for (const sub of ['new', 'cur']) {
      const dir = path.join(this.maildir, sub);
      let names = [];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const file = path.join(dir, name);
        files.push({ file, name, mtime: fs.statSync(file).mtimeMs });
      }
    }
    files.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return files.map(({ file }) => parseMail(fs.readFileSync(file), file));
  }

  /** Polls mails() until one satisfies predicate; returns it, or throws after timeoutMs. */
  async waitForMail(predicate = () => true, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails().find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.mails().map((m) => `  to ${m.to}: ${m.subject}`);
        throw new Error(`no matching mail within ${timeoutMs} ms; delivered:\n${seen.join('\n') || '  (none)'}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The application log ([log] file), for diagnostics. */
  log() {
    try {
      return fs.readFileSync(path.join(this.var, 'log', 'teleservices.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** PIDs of every process of the stack: those in run/*.pid and their children (nginx workers). */
  processes() {
    const pids = new Set();
    const runDir = path.join(this.var, 'run');
    let names = [];
    try {
      names = fs.readdirSync(runDir).filter((n) => n.endsWith('.pid'));
    } catch {
      return [];
    }
    for (const n of names) {
      const text = fs.readFileSync(path.join(runDir, n), 'utf8');
      for (const tok of text.split(/\s+/)) if (/^\d+$/.test(tok)) pids.add(Number(tok));
    }
    for (const pid of [...pids]) for (const child of childrenOf(pid)) pids.add(child);
    return [...pids].filter(isAlive);
  }

  /** Stops every process of the stack and removes its folder (unless TS_KEEP_VAR=1). */
  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    const res = await run(STACK_SH, ['stop'], this.env);
    if (res.code !== 0) process.stderr.write(`scripts/stack.sh stop failed:\n${res.stdout}${res.stderr}`);
    if (process.env.TS_KEEP_VAR === '1') {
      process.stderr.write(`TS_KEEP_VAR=1: kept ${this.var}\n`);
    } else {
      fs.rmSync(this.var, { recursive: true, force: true });
    }
  }
}

/** The PIDs of a process's children (from /proc; [] once it is gone). */
export function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
      for (const tok of text.split(/\s+/)) if (/^\d+$/.test(tok)) out.push(Number(tok));
    }
  } catch {
    // gone, or no such file on this kernel
  }
  return out;
}

// mariadb -B escapes \, tab, newline and NUL; prints SQL NULL as NULL.
function unescapeBatch(field) {
  if (field === 'NULL') return null;
  return field.replace(/\\([\\tn0])/g, (_, c) => ({ '\\': '\\', t: '\t', n: '\n', 0: '\0' })[c]);
}

// ------------------------------------------------------------------- mail

function decodeBytes(bytes, charset = 'utf-8') {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Quoted-printable to bytes (RFC 2045); `header` mode also turns _ into space (RFC 2047 Q). */
export function decodeQuotedPrintable(text, header = false) {
  if (header) text = text.replace(/_/g, ' ');
  text = text.replace(/=\r?\n/g, ''); // soft line breaks
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = c.charCodeAt(0); // bodies arrive as latin1 strings: one char per byte
      if (code < 256) bytes.push(code);
      else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (=?charset?Q|B?...?=) in a header value. */
export function decodeRfc2047(value) {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1') // whitespace between encoded words is dropped
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([QqBb])\?([^?]*)\?=/g, (_, charset, enc, data) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data, true);
      return decodeBytes(bytes, charset);
    });
}

function splitHead(buf) {
  const text = buf.toString('latin1'); // byte-preserving
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const body = m ? buf.subarray(m.index + m[0].length) : Buffer.alloc(0);
  const list = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && list.length) list[list.length - 1][1] += ' ' + line.trim();
    else {
      const i = line.indexOf(':');
      if (i > 0) list.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  // header values may hold raw UTF-8 (SMTPUTF8): re-read the bytes as UTF-8
  return { list: list.map(([k, v]) => [k, decodeBytes(Buffer.from(v, 'latin1'))]), body };
}

function param(value, name) {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(value || '');
  return m ? (m[2] ?? m[1]) : undefined;
}

function decodeEntity(headers, body) {
  const get = (n) => headers.find(([k]) => k.toLowerCase() === n)?.[1];
  const type = (get('content-type') || 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = param(get('content-type'), 'boundary');
    if (!boundary) return '';
    const parts = body.toString('latin1').split(`--${boundary}`).slice(1);
    let html = '';
    for (const part of parts) {
      if (part.startsWith('--')) break;
      const sub = splitHead(Buffer.from(part.replace(/^\r?\n/, ''), 'latin1'));
      const subType = (sub.list.find(([k]) => k.toLowerCase() === 'content-type')?.[1] || 'text/plain').toLowerCase();
      const text = decodeEntity(sub.list, sub.body);
      if (subType.startsWith('text/plain') || subType.startsWith('multipart/')) {
        if (text) return text;
      } else if (subType.startsWith('text/html') && !html) html = text;
    }
    return html;
  }
  const cte = (get('content-transfer-encoding') || '7bit').toLowerCase();
  let bytes = body;
  if (cte === 'quoted-printable') bytes = decodeQuotedPrintable(body.toString('latin1'));
  else if (cte === 'base64') bytes = Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  return decodeBytes(bytes, param(get('content-type'), 'charset') || 'utf-8').replace(/\r\n/g, '\n');
}

function bareAddress(value) {
  const m = /<([^>]+)>/.exec(value) || /([^\s,;<>"]+@[^\s,;<>"]+)/.exec(value);
  return m ? m[1].trim().toLowerCase() : value.trim().toLowerCase();
}

/** Parses one delivered message (Buffer or string). */
export function parseMail(raw, file) {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
  const { list, body } = splitHead(buf);
  const headers = {};
  for (const [k, v] of list) if (!(k.toLowerCase() in headers)) headers[k.toLowerCase()] = v;
  const header = (name) => {
    const v = headers[name.toLowerCase()];
    return v === undefined ? undefined : decodeRfc2047(v);
  };
  const text = decodeEntity(list, body);
  const toHeader = header('to') || '';
  return {
    file,
    raw: buf.toString('utf8'),
    headers, // lower-case name -> raw (undecoded) value of its first occurrence
    header,
    to: bareAddress(toHeader),
    toHeader,
    from: header('from') || '',
    subject: header('subject') || '',
    contentType: headers['content-type'] || 'text/plain',
    body: text,
    links: text.match(/https?:\/\/[^\s<>"]+/g) || [],
  };
}

// ------------------------------------------------------------------- HTTP

/**
 * A minimal browser over fetch: a cookie jar, no automatic redirects.
 * Every call resolves to { status, headers (a Headers), body (text),
 * location (or null), url }. POSTs send an Origin header like a browser would.
 */
export class Browser {
  constructor(base) {
    this.base = base.replace(/\/$/, '');
    this.cookies = new Map();
    this.last = null;
  }

  url(p) {
    return /^https?:\/\//.test(p) ? p : this.base + (p.startsWith('/') ? p : '/' + p);
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method, p, { body, headers = {} } = {}) {
    const url = this.url(p);
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (method === 'POST' && !('origin' in lower(h))) h.origin = this.base;
    const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) this.storeCookie(sc);
    const text = await res.text();
    this.last = { status: res.status, headers: res.headers, body: text, location: res.headers.get('location'), url };
    return this.last;
  }

  storeCookie(setCookie) {
    const [pair, ...attrs] = setCookie.split(';');
    const i = pair.indexOf('=');
    if (i <= 0) return;
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    let expired = false;
    for (const a of attrs) {
      const [k, v = ''] = a.trim().split('=');
      if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      if (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) expired = true;
    }
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  get(p, { follow = false, headers } = {}) {
    const r = this.request('GET', p, { headers });
    return follow ? r.then((res) => this.followRedirects(res)) : r;
  }

  /** POSTs fields (object or array of [name, value]) urlencoded. */
  post(p, fields = {}, { follow = false, headers = {} } = {}) {
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)).toString();
    const r = this.request('POST', p, {
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    return follow ? r.then((res) => this.followRedirects(res)) : r;
  }

  /** GETs the form page, then POSTs fields to the same path with its csrf_token. */
  async submit(p, fields = {}, opts = {}) {
    const page = await this.get(p);
    return this.post(p, { csrf_token: this.csrf(page.body), ...fields }, opts);
  }

  /** Follows 3xx Location headers with GETs (at most 10); returns the final response. */
  async followRedirects(res = this.last) {
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400 && res.location; i++) {
      res = await this.get(new URL(res.location, res.url).toString());
    }
    return res;
  }

  /** The value of <input type="hidden" name="csrf_token" value="..."> in html (default: the last page). */
  csrf(html = this.last?.body ?? '') {
    for (const tag of html.match(/<input\b[^>]*>/gi) || []) {
      const attrs = {};
      for (const m of tag.matchAll(/([a-zA-Z_:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
        attrs[m[1].toLowerCase()] = m[3] ?? m[4] ?? m[5];
      }
      if (attrs.name === 'csrf_token') return decodeHtml(attrs.value ?? '');
    }
    throw new Error('no csrf_token field in the page');
  }

  // issue 13 — import
  /**
   * POSTs multipart/form-data (what a form with enctype="multipart/form-data"
   * sends): `fields` (object or array of [name, value]) as text parts, `files`
   * ({ name: { filename, content: Buffer or string } }) as file parts.
   */
  postMultipart(p, fields = {}, files = {}, { headers = {} } = {}) {
    const form = new FormData();
    for (const [k, v] of Array.isArray(fields) ? fields : Object.entries(fields)) form.append(k, v);
    for (const [k, f] of Object.entries(files)) form.append(k, new Blob([f.content], { type: 'text/csv' }), f.filename);
    return this.request('POST', p, { body: form, headers });
  }
}

function lower(obj) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Decodes the HTML character references ctemplate's escaping produces. */
export function decodeHtml(s) {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
