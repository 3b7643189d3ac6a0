import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatusPage, createStatusPageAdapter, serveStatusPage, type StatusPageServer } from './status-page';
import { currentStatus } from './status-page-render';
import { makePost } from './test-support/fixtures';
import type { PostPhase } from '../../../../shared/domain/vocabulary';

let dir: string;
let served: StatusPageServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-status-'));
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  await rm(dir, { recursive: true, force: true });
});

const count = (s: string, tag: string) => (s.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
const BASE = 'https://status.example.com/spring';

function rawStatus(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject).end();
  });
}

function clock(start = Date.parse('2024-05-01T12:00:00Z')) {
  let t = start;
  return () => (t += 60_000);
}

describe('status page', () => {
  it('publishes entries, serves html/atom/rss over HTTP, newest first with a phase banner', async () => {
    const page = createStatusPage({ dir, title: 'Spring <Launch> status', baseUrl: BASE, now: clock() });
    await page.publish({ idempotencyKey: 'k1', subject: 'Audio problem', text: 'We are on it.', phase: 'acknowledge' });
    await page.publish({
      idempotencyKey: 'k2',
      subject: 'Audio fixed',
      text: 'All good again.',
      link: 'https://example.com/replay',
      phase: 'resolved',
    });
    served = await serveStatusPage(dir, { port: 0, host: '127.0.0.1' });

    const html = await fetch(`${served.url}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await html.text();
    expect(body).toContain('<title>Spring &lt;Launch&gt; status</title>');
    expect(body).toContain('Resolved — everything is running normally');
    expect(body.indexOf('Audio fixed')).toBeLessThan(body.indexOf('Audio problem'));
    expect(body).toContain('<a href="https://example.com/replay"');
    expect(body).not.toMatch(/<script|<link rel="stylesheet"|src=/); // self-contained

    const atom = await fetch(`${served.url}/feed.atom`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const atomXml = await atom.text();
    expect(atomXml).toMatch(/^<\?xml/);
    expect(count(atomXml, 'entry')).toBe(2);
    expect(atomXml).toContain(`<link rel="self" href="${BASE}/feed.atom"/>`);

    const rss = await fetch(`${served.url}/feed.rss`);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(count(await rss.text(), 'item')).toBe(2);
  });

  it('writing the same idempotency key twice keeps one entry', async () => {
    const adapter = createStatusPageAdapter({ dir, baseUrl: BASE, now: clock() });
    const post = makePost('status-page');
    const first = await adapter.send(post, { title: 'Status' });
    const again = await adapter.send({ ...post, text: 'changed on retry' }, { title: 'Status' });
    expect(first.detail).toBe('published');
    expect(again.detail).toBe('already on the page');
    expect(again.remoteId).toBe(first.remoteId);
    expect(first.remoteId).toMatch(new RegExp(`^${BASE}/#entry-[0-9a-f]{16}$`));
    const entries = await createStatusPage({ dir, title: 'x', baseUrl: BASE }).entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      idempotencyKey: post.idempotencyKey,
      text: post.text,
      phase: 'acknowledge',
      lang: 'en',
    });
    served = await serveStatusPage(dir);
    expect(count(await (await fetch(`${served.url}/feed.atom`)).text(), 'entry')).toBe(1);
  });

  it('concurrent publishes are serialised and none is lost', async () => {
    const page = createStatusPage({ dir, title: 'S', baseUrl: BASE, now: clock() });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => page.publish({ idempotencyKey: `k${i}`, text: `t${i}`, phase: 'update' })),
    );
    expect(await page.entries()).toHaveLength(8);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('escapes hostile text in the page and the feeds', async () => {
    const evil = '<script>alert("x")</script> ]]> & <img src=x onerror=alert(1)>';
    const page = createStatusPage({ dir, title: 'S', baseUrl: BASE, now: clock() });
    await page.publish({
      idempotencyKey: 'evil',
      subject: evil,
      text: evil,
      link: 'javascript:alert(1)',
      phase: 'update',
    });
    served = await serveStatusPage(dir);
    const html = await (await fetch(`${served.url}/index.html`)).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    for (const feed of ['feed.atom', 'feed.rss']) {
      const xml = await (await fetch(`${served.url}/${feed}`)).text();
      expect(xml).not.toContain('<script>');
      expect(xml).not.toContain('javascript:');
      // Exactly one CDATA terminator per CDATA section: the text's "]]>" could not break out.
      expect(xml.split(']]>').length).toBe(xml.split('<![CDATA[').length);
    }
  });

  it('serves exactly three files: no traversal, no data file, GET/HEAD only', async () => {
    await createStatusPage({ dir, title: 'S', baseUrl: BASE }).regenerate();
    await writeFile(join(dir, 'secret.txt'), 'nope');
    served = await serveStatusPage(dir);
    // Raw request paths: fetch() would normalise the dot segments away before sending.
    for (const path of [
      '/entries.json',
      '/secret.txt',
      '/../entries.json',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/feed.atom/..',
      '//feed.atom',
    ]) {
      expect(await rawStatus(served.url, path), path).toBe(404);
    }
    expect((await fetch(`${served.url}/`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${served.url}/feed.rss`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await (await fetch(`${served.url}/`)).text()).toContain('No known issues');
  });

  it('refuses to overwrite a data file it cannot read', async () => {
    await writeFile(join(dir, 'entries.json'), '{ not json');
    const adapter = createStatusPageAdapter({ dir, baseUrl: BASE });
    await expect(adapter.send(makePost('status-page'), {})).rejects.toMatchObject({ retryable: false });
    expect((await adapter.testConnection({})).ok).toBe(false);
  });

  it('feed and entry ids are permanent: another local port or a new public URL re-announces nothing', async () => {
    const ids = async () => {
      const atom = await readFile(join(dir, 'feed.atom'), 'utf8');
      const rss = await readFile(join(dir, 'feed.rss'), 'utf8');
      return { atom: atom.match(/<id>[^<]+<\/id>/g), rss: rss.match(/<guid[^>]*>[^<]+<\/guid>/g) };
    };
    await createStatusPage({ dir, title: 'S', baseUrl: 'http://127.0.0.1:40001', now: clock() }).publish({
      idempotencyKey: 'inc-1:1:status-page',
      text: "L'audio è tornato.",
      phase: 'resolved',
    });
    const first = await ids();
    await createStatusPage({ dir, title: 'S', baseUrl: 'http://127.0.0.1:40002' }).regenerate();
    expect(await ids()).toEqual(first);
    await createStatusPage({ dir, title: 'S', baseUrl: BASE }).regenerate();
    expect(await ids()).toEqual(first);
    expect(first.atom).toHaveLength(2); // the feed's and the entry's
    expect(first.atom!.every((id) => /^<id>urn:uuid:[0-9a-f-]{36}<\/id>$/.test(id))).toBe(true);
    expect(first.rss![0]).toMatch(/^<guid isPermaLink="false">urn:uuid:/);
  });

  it('groups updates by incident, folds a resolved one, and speaks the event language', async () => {
    const page = createStatusPage({ dir, title: 'Live', baseUrl: BASE, now: clock() });
    const at = (key: string, incidentId: string, phase: PostPhase, subject?: string) =>
      page.publish({ idempotencyKey: key, incidentId, subject, text: `${key} text`, phase, lang: 'de' });
    await at('a1', 'A', 'acknowledge', 'Kein Ton');
    await at('b1', 'B', 'acknowledge', 'Bild eingefroren');
    await at('a2', 'A', 'resolved');
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="de">');
    const folded = /<details>[\s\S]*?<\/details>/.exec(html)![0];
    expect(folded).toContain('Kein Ton');
    expect(folded.indexOf('a2 text')).toBeLessThan(folded.indexOf('a1 text'));
    expect(/<section>[\s\S]*?<\/section>/.exec(html)![0]).toContain('Bild eingefroren');
    expect(html).toContain('Behoben');
  });

  it('the banner follows the latest non-announcement phase', () => {
    const e = (phase: PostPhase, at: number) => ({ idempotencyKey: String(at), text: '', phase, at });
    expect(currentStatus([]).text).toBe('No known issues');
    expect(currentStatus([e('acknowledge', 1), e('manual', 2)]).tone).toBe('issue');
    expect(currentStatus([e('acknowledge', 1), e('postponed', 2)]).tone).toBe('down');
    expect(currentStatus([e('resolved', 3), e('update', 2)]).tone).toBe('ok');
  });
});
