// The payload corpus of the attack suite: what goes into every field of
// every form (payloads.test.mjs). Each has `raw`, its urlencoded form as
// sent in the body (bytes no browser sends included: invalid UTF-8, NUL),
// and `text`, the string it stands for when it is valid UTF-8 (what must
// never come back unescaped).
const P = (label, text) => ({ label, raw: encodeURIComponent(text), text });
const B = (label, raw) => ({ label, raw, text: null }); // raw bytes, percent-encoded by hand

export const PAYLOADS = [
  // HTML and script injection (reflected or stored)
  P('script tag', '<script>alert(1)</script>'),
  P('attribute breakout', '"><img src=x onerror=alert(1)>'),
  P('single-quoted attribute breakout', "' onmouseover='alert(1)' x='"),
  P('textarea breakout', '</textarea><svg/onload=alert(1)>'),
  P('javascript URL', 'javascript:alert(document.cookie)'),
  P('template markers', '{{CSRF_TOKEN}}{{#SIGNED_IN}}{{/SIGNED_IN}}'),
  P('entities', '&lt;b&gt;&amp;&#60;i&#62;'),
  P('fullwidth angle brackets', '＜script＞alert(1)＜/script＞'),
  // SQL injection
  P('SQL: OR true', "' OR '1'='1"),
  P('SQL: comment', "admin'-- "),
  P('SQL: stacked DROP', "'; DROP TABLE account; --"),
  P('SQL: UNION', "1 UNION SELECT password_hash FROM account"),
  P('SQL: double quotes', '" OR ""="'),
  P('SQL: backslash', "\\' OR 1=1 #"),
  P('SQL: blind SLEEP', "1' AND SLEEP(3)-- "),
  // Header injection
  P('CRLF header injection', 'a\r\nSet-Cookie: ts_session=evil\r\nX-Injected: 1'),
  P('LF header injection', 'a\nX-Injected: 1'),
  P('percent-encoded CRLF, as text', '%0d%0aX-Injected:%201'),
  // Bytes that are not UTF-8, NUL, control characters
  B('invalid byte FF', '%FF'),
  B('overlong encoding of /', '%C0%AF'),
  B('UTF-16 surrogate', '%ED%A0%80'),
  B('lone continuation byte', 'a%80b'),
  B('truncated sequence', 'abc%C3'),
  B('NUL inside', 'a%00b'),
  B('NUL alone', '%00'),
  P('control characters', 'a\u0001\u001b[31mb\u007f'),
  // Unicode that looks like something else
  P('right-to-left override', 'abc\u202Eexe.txt'),
  P('zero-width characters inside', 'a\u200Bb\u200Cc\u200Dd\u2060e'),
  P('emoji and joiners', '😀👨‍👩‍👧'),
  P('combining accents', 'e\u0301'.repeat(50)),
  // Sizes and odd values
  P('300 characters', 'A'.repeat(300)),
  P('5000 characters', 'A'.repeat(5000)),
  P('1000 two-byte characters', 'é'.repeat(1000)),
  P('blanks only', ' \t \u00a0 '),
  P('format string', '%s%s%n%x'),
  P('path traversal', '../../../../etc/passwd'),
  P('negative number', '-1'),
  P('huge number', '99999999999999999999'),
  P('float', '1e308'),
  P('empty', ''),
];

/** Markers that must never appear in a page as live markup, whatever was posted. */
export const LIVE_MARKUP = [/<script>alert/i, /<img src=x onerror/i, /<svg\/onload/i, /\sonmouseover='alert/i];
