/**
 * Rendering the public status page: a self-contained index.html (inline CSS, strict CSP, no scripts, no external
 * assets) plus Atom and RSS feeds (the `feed` package). Every entry text is untrusted operator/composer text and
 * is HTML-escaped everywhere, including inside the feeds, whose titles and summaries are declared type="html".
 * Escaping also turns any "]]>" into "]]&gt;", so it cannot break the feeds' CDATA sections.
 */
import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import { escapeHtml, safeLink } from './format';
import type { PostPhase } from '../../../../shared/domain/vocabulary';

export interface StatusEntry {
  idempotencyKey: string;
  subject?: string;
  text: string;
  link?: string;
  phase: PostPhase;
  /** Epoch ms when the entry was published on the page. */
  at: number;
  /** Language of the entry text (BCP 47), used for the entry's lang attribute. */
  lang?: string;
}

export interface PageInfo {
  title: string;
  /** Absolute public URL of the page, without trailing slash. */
  baseUrl: string;
}

type Tone = 'ok' | 'issue' | 'down' | 'info';
const PHASE_LABEL: Record<PostPhase, string> = {
  acknowledge: 'Investigating',
  update: 'Update',
  resolved: 'Resolved',
  postponed: 'Postponed',
  manual: 'Announcement',
};
const BANNER: Record<Exclude<PostPhase, 'manual'> | 'none', { tone: Tone; text: string }> = {
  none: { tone: 'ok', text: 'No known issues' },
  acknowledge: { tone: 'issue', text: 'We are aware of a problem and are working on it' },
  update: { tone: 'issue', text: 'Problem ongoing — see the latest update below' },
  resolved: { tone: 'ok', text: 'Resolved — everything is running normally' },
  postponed: { tone: 'down', text: 'The event has been postponed' },
};

export function entryAnchor(idempotencyKey: string): string {
  return `entry-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/** Newest first; ties keep insertion order reversed so the later publish wins. */
function newestFirst(entries: readonly StatusEntry[]): StatusEntry[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.at - a.e.at || b.i - a.i)
    .map(({ e }) => e);
}

/** The banner follows the latest phase; announcements ('manual') do not change the status. */
export function currentStatus(entries: readonly StatusEntry[]): { tone: Tone; text: string } {
  const latest = newestFirst(entries).find((e) => e.phase !== 'manual');
  return BANNER[(latest?.phase as Exclude<PostPhase, 'manual'>) ?? 'none'];
}

function titleOfEntry(e: StatusEntry): string {
  return e.subject?.trim() || PHASE_LABEL[e.phase];
}

function utc(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

const CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.6rem;margin:0 0 1rem}
.banner{border-radius:.5rem;padding:1rem 1.25rem;font-weight:600;margin-bottom:1.5rem;color:#fff}
.ok{background:#1f7a3a}.issue{background:#9a5b00}.down{background:#b3261e}.info{background:#2457a6}
article{background:#fff;border:1px solid #d9dde3;border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1rem}
article h2{font-size:1.1rem;margin:0 0 .25rem}.meta{color:#57606a;font-size:.875rem}.tag{font-weight:600;margin-right:.5rem}
a{color:#0b57d0;word-break:break-all}footer{color:#57606a;font-size:.875rem}`;

export function renderHtml(page: PageInfo, entries: readonly StatusEntry[]): string {
  const status = currentStatus(entries);
  const items = newestFirst(entries).map((e) => {
    const link = safeLink(e.link);
    return `<article id="${entryAnchor(e.idempotencyKey)}"${e.lang ? ` lang="${escapeHtml(e.lang)}"` : ''}>
<h2>${escapeHtml(titleOfEntry(e))}</h2>
<div class="meta"><span class="tag">${PHASE_LABEL[e.phase]}</span><time datetime="${new Date(e.at).toISOString()}">${utc(e.at)}</time></div>
${paragraphs(e.text)}${link ? `\n<p><a href="${escapeHtml(link)}" rel="noopener noreferrer nofollow">${escapeHtml(link)}</a></p>` : ''}
</article>`;
  });
  const title = escapeHtml(page.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta http-equiv="refresh" content="60">
<title>${title}</title>
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="feed.atom">
<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="feed.rss">
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<div class="banner ${status.tone}" role="status">${escapeHtml(status.text)}</div>
${items.length ? items.join('\n') : '<p>No updates have been posted.</p>'}
<footer><p>This page refreshes every minute. Follow updates: <a href="feed.atom">Atom</a> · <a href="feed.rss">RSS</a></p></footer>
</main>
</body>
</html>
`;
}

/** Feeds carry the latest 50 entries; the page itself keeps the full history. */
export function buildFeed(page: PageInfo, entries: readonly StatusEntry[]): Feed {
  const sorted = newestFirst(entries).slice(0, 50);
  const feed = new Feed({
    id: `${page.baseUrl}/`,
    title: page.title,
    link: `${page.baseUrl}/`,
    description: `Status updates: ${page.title}`,
    updated: sorted[0] ? new Date(sorted[0].at) : undefined,
    generator: 'Onair',
    feedLinks: { atom: `${page.baseUrl}/feed.atom`, rss: `${page.baseUrl}/feed.rss` },
  });
  // XML 1.0 forbids most control characters, U+FFFE/U+FFFF and lone surrogates, even as references: one in a
  // post would make the whole feed unreadable to every reader. They become U+FFFD, like a decoder would show.
  const xml = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
  for (const e of sorted.map((x) => ({ ...x, subject: x.subject && xml(x.subject), text: xml(x.text) }))) {
    const anchor = `${page.baseUrl}/#${entryAnchor(e.idempotencyKey)}`;
    const link = safeLink(e.link);
    feed.addItem({
      title: escapeHtml(e.subject?.trim() ? `${PHASE_LABEL[e.phase]}: ${e.subject.trim()}` : PHASE_LABEL[e.phase]),
      id: anchor,
      link: link ?? anchor,
      date: new Date(e.at),
      description: paragraphs(e.text) + (link ? `<p>${escapeHtml(link)}</p>` : ''),
    });
  }
  return feed;
}
