/**
 * Rendering the public status page: a self-contained index.html (inline CSS, strict CSP, no scripts, no external
 * assets) plus Atom and RSS feeds (the `feed` package). Every entry text is untrusted operator/composer text and
 * is escaped everywhere. The page groups the updates by incident (newest first, resolved incidents folded) and
 * speaks the event's language. No automatic refresh (WCAG 2.2.1: it interrupts screen readers); the feeds are
 * there for following.
 *
 * Feed and entry ids are permanent: `urn:uuid:` ids derived from the page's own random id (made once, kept in
 * the page folder) and each entry's idempotency key, so neither a restart on another local port nor a new public
 * URL makes readers see old entries as new. Each entry links to its own anchor on the public page.
 */
import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import { escapeHtml, safeLink } from './format';
import { languageOr, type Language, type PostPhase } from '../../../../shared/domain/vocabulary';

export interface StatusEntry {
  idempotencyKey: string;
  /** The incident the update is about; updates of one incident are shown together. */
  incidentId?: string;
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
  /** The page's permanent id (a UUID); feed and entry ids derive from it. */
  pageId: string;
  /** The event's language; by default the language of the latest entry. */
  lang?: string;
}

type Tone = 'ok' | 'issue' | 'down' | 'info';
type BannerKey = Exclude<PostPhase, 'manual'> | 'none';

interface Words {
  phase: Record<PostPhase, string>;
  banner: Record<BannerKey, string>;
  none: string;
  announcements: string;
  resolvedAt: string;
  footer: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    phase: {
      acknowledge: 'Investigating',
      update: 'Update',
      resolved: 'Resolved',
      postponed: 'Postponed',
      manual: 'Announcement',
    },
    banner: {
      none: 'No known issues',
      acknowledge: 'We are aware of a problem and are working on it',
      update: 'Problem ongoing — see the latest update below',
      resolved: 'Resolved — everything is running normally',
      postponed: 'The event has been postponed',
    },
    none: 'No updates have been posted.',
    announcements: 'Announcement',
    resolvedAt: 'resolved',
    footer: 'Reload this page for the latest news, or follow the updates:',
  },
  it: {
    phase: {
      acknowledge: 'In verifica',
      update: 'Aggiornamento',
      resolved: 'Risolto',
      postponed: 'Rinviato',
      manual: 'Annuncio',
    },
    banner: {
      none: 'Nessun problema noto',
      acknowledge: 'Siamo al corrente di un problema e ci stiamo lavorando',
      update: 'Problema in corso — vedi l’ultimo aggiornamento qui sotto',
      resolved: 'Risolto — tutto funziona normalmente',
      postponed: 'L’evento è stato rinviato',
    },
    none: 'Nessun aggiornamento pubblicato.',
    announcements: 'Annuncio',
    resolvedAt: 'risolto',
    footer: 'Ricarica la pagina per le ultime notizie, o segui gli aggiornamenti:',
  },
  es: {
    phase: {
      acknowledge: 'Investigando',
      update: 'Actualización',
      resolved: 'Resuelto',
      postponed: 'Aplazado',
      manual: 'Aviso',
    },
    banner: {
      none: 'Sin problemas conocidos',
      acknowledge: 'Sabemos que hay un problema y estamos trabajando en ello',
      update: 'Problema en curso: consulta la última actualización abajo',
      resolved: 'Resuelto: todo funciona con normalidad',
      postponed: 'El evento se ha aplazado',
    },
    none: 'Todavía no hay actualizaciones.',
    announcements: 'Aviso',
    resolvedAt: 'resuelto',
    footer: 'Recarga la página para ver lo último, o sigue las novedades:',
  },
  de: {
    phase: {
      acknowledge: 'Wird untersucht',
      update: 'Update',
      resolved: 'Behoben',
      postponed: 'Verschoben',
      manual: 'Mitteilung',
    },
    banner: {
      none: 'Keine bekannten Probleme',
      acknowledge: 'Wir wissen von einem Problem und arbeiten daran',
      update: 'Problem besteht noch — siehe das letzte Update unten',
      resolved: 'Behoben — alles läuft wieder normal',
      postponed: 'Die Veranstaltung wurde verschoben',
    },
    none: 'Noch keine Updates.',
    announcements: 'Mitteilung',
    resolvedAt: 'behoben',
    footer: 'Laden Sie die Seite neu für den neuesten Stand, oder abonnieren Sie die Updates:',
  },
  fr: {
    phase: {
      acknowledge: 'En cours d’analyse',
      update: 'Mise à jour',
      resolved: 'Résolu',
      postponed: 'Reporté',
      manual: 'Annonce',
    },
    banner: {
      none: 'Aucun problème connu',
      acknowledge: 'Nous avons connaissance d’un problème et nous y travaillons',
      update: 'Problème en cours — voir la dernière mise à jour ci-dessous',
      resolved: 'Résolu — tout fonctionne normalement',
      postponed: 'L’événement a été reporté',
    },
    none: 'Aucune mise à jour publiée.',
    announcements: 'Annonce',
    resolvedAt: 'résolu',
    footer: 'Rechargez la page pour les dernières nouvelles, ou suivez les mises à jour :',
  },
};

const TONE: Record<BannerKey, Tone> = {
  none: 'ok',
  acknowledge: 'issue',
  update: 'issue',
  resolved: 'ok',
  postponed: 'down',
};

export function entryAnchor(idempotencyKey: string): string {
  return `entry-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/** RFC 4122 version 5 (name-based, SHA-1) UUID of `name` in the namespace `namespace` (a UUID). */
function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const entryId = (page: PageInfo, e: StatusEntry) => `urn:uuid:${uuidV5(page.pageId, e.idempotencyKey)}`;

/** Newest first; ties keep insertion order reversed so the later publish wins. */
function newestFirst(entries: readonly StatusEntry[]): StatusEntry[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.at - a.e.at || b.i - a.i)
    .map(({ e }) => e);
}

const latestPhase = (entries: readonly StatusEntry[]): BannerKey =>
  (newestFirst(entries).find((e) => e.phase !== 'manual')?.phase as BannerKey | undefined) ?? 'none';

/** The banner follows the latest phase; announcements ('manual') do not change the status. */
export function currentStatus(entries: readonly StatusEntry[], lang?: string): { tone: Tone; text: string } {
  const key = latestPhase(entries);
  return { tone: TONE[key], text: WORDS[languageOr(lang)].banner[key] };
}

/** The page's language: the event's, else the latest entry's. */
function pageLang(page: PageInfo, entries: readonly StatusEntry[]): Language {
  return languageOr(page.lang ?? newestFirst(entries)[0]?.lang);
}

function utc(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

const paragraphs = (html: string) =>
  html
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');

/**
 * The entry's text as HTML with its link exactly once. On the page, where the composer put the link into the text
 * it becomes the anchor there, otherwise an anchor is added as the last paragraph. In the feeds the link stays text
 * (each entry's own <link> is its anchor on the page, and readers link URLs themselves): entry content holds no
 * element but paragraphs and line breaks.
 */
function bodyHtml(e: StatusEntry, anchors = true): string {
  const link = safeLink(e.link);
  const shown = (l: string) =>
    anchors ? `<a href="${escapeHtml(l)}" rel="noopener noreferrer nofollow">${escapeHtml(l)}</a>` : escapeHtml(l);
  if (!link) return paragraphs(escapeHtml(e.text));
  const inText = [link, e.link!.trim()].find((l) => e.text.includes(l));
  if (!inText) return `${paragraphs(escapeHtml(e.text))}<p>${shown(link)}</p>`;
  const at = e.text.indexOf(inText);
  return paragraphs(`${escapeHtml(e.text.slice(0, at))}${shown(link)}${escapeHtml(e.text.slice(at + inText.length))}`);
}

interface Incident {
  key: string;
  title: string;
  entries: StatusEntry[];
  resolved: boolean;
  latest: number;
}

/** Updates grouped by incident, each group newest first; groups ordered by their latest update. */
function incidentsOf(entries: readonly StatusEntry[], w: Words): Incident[] {
  const groups = new Map<string, StatusEntry[]>();
  for (const e of newestFirst(entries)) {
    const key = e.incidentId ? `incident:${e.incidentId}` : `entry:${e.idempotencyKey}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups].map(([key, list]) => {
    const first = [...list].reverse().find((e) => e.subject?.trim());
    return {
      key,
      title: first?.subject?.trim() || (key.startsWith('entry:') ? w.announcements : w.phase[list[0].phase]),
      entries: list,
      resolved: key.startsWith('incident:') && latestPhase(list) === 'resolved',
      latest: list[0].at,
    };
  });
}

const CSS = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.6rem;margin:0 0 1rem;overflow-wrap:anywhere}
.banner{border-radius:.5rem;padding:1rem 1.25rem;font-weight:600;margin-bottom:1.5rem;color:#fff}
.ok{background:#1f7a3a}.issue{background:#9a5b00}.down{background:#b3261e}.info{background:#2457a6}
section,details{background:#fff;border:1px solid #d9dde3;border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1rem}
section h2{font-size:1.2rem;margin:0 0 .5rem}summary{cursor:pointer;font-weight:600}summary .meta{font-weight:400}
article{border-top:1px solid #eceef1;padding-top:.75rem;margin-top:.75rem}article:first-of-type{border-top:0;margin-top:0}
article h3{font-size:1rem;margin:0 0 .25rem}.meta{color:#57606a;font-size:.875rem}.tag{font-weight:600;margin-right:.5rem}
a{color:#0b57d0;overflow-wrap:anywhere}footer{color:#57606a;font-size:.875rem}
@media (max-width:30rem){main{padding:1rem .75rem}h1{font-size:1.3rem}section,details{padding:.75rem}.banner{padding:.75rem 1rem}}`;

/** An entry of a card titled `cardTitle`: its subject as a heading only where it says something the card does not. */
function articleHtml(e: StatusEntry, w: Words, cardTitle: string): string {
  const lang = e.lang ? ` lang="${escapeHtml(e.lang)}"` : '';
  const subject = e.subject?.trim();
  const heading = subject && subject !== cardTitle ? `\n<h3>${escapeHtml(subject)}</h3>` : '';
  return `<article id="${entryAnchor(e.idempotencyKey)}"${lang}>${heading}
<div class="meta"><span class="tag">${w.phase[e.phase]}</span><time datetime="${new Date(e.at).toISOString()}">${utc(e.at)}</time></div>
${bodyHtml(e)}
</article>`;
}

function incidentHtml(i: Incident, w: Words): string {
  const articles = i.entries.map((e) => articleHtml(e, w, i.title)).join('\n');
  if (i.resolved) {
    return `<details>
<summary>${escapeHtml(i.title)} <span class="meta">— ${w.resolvedAt} ${utc(i.latest)}</span></summary>
${articles}
</details>`;
  }
  return `<section>
<h2>${escapeHtml(i.title)}</h2>
${articles}
</section>`;
}

export function renderHtml(page: PageInfo, entries: readonly StatusEntry[]): string {
  const lang = pageLang(page, entries);
  const w = WORDS[lang];
  const status = currentStatus(entries, lang);
  const incidents = incidentsOf(entries, w);
  const title = escapeHtml(page.title);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>${title}</title>
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="feed.atom">
<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="feed.rss">
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<div class="banner ${status.tone}" role="status">${escapeHtml(status.text)}</div>
${incidents.length ? incidents.map((i) => incidentHtml(i, w)).join('\n') : `<p>${w.none}</p>`}
<footer><p>${w.footer} <a href="feed.atom">Atom</a> · <a href="feed.rss">RSS</a></p></footer>
</main>
</body>
</html>
`;
}

// XML 1.0 forbids most control characters, U+FFFE/U+FFFF and lone surrogates, even as references: one in a
// post would make the whole feed unreadable to every reader. They become U+FFFD, like a decoder would show.
const xmlSafe = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
/**
 * Titles: Atom's are type="html" and many RSS readers render RSS titles as HTML too, so markup is escaped, but
 * only the three characters HTML needs: l'audio stays l'audio (no `&#39;` shown by plain-text readers).
 */
const titleText = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** Feeds carry the latest 50 entries; the page itself keeps the full history. */
export function buildFeeds(page: PageInfo, entries: readonly StatusEntry[]): { atom: string; rss: string } {
  const lang = pageLang(page, entries);
  const w = WORDS[lang];
  const sorted = newestFirst(entries)
    .slice(0, 50)
    .map((x) => ({
      ...x,
      subject: x.subject && xmlSafe(x.subject),
      text: xmlSafe(x.text),
      link: x.link && xmlSafe(x.link),
    }));
  const feed = new Feed({
    id: `urn:uuid:${page.pageId}`,
    title: xmlSafe(page.title),
    link: `${page.baseUrl}/`,
    description: xmlSafe(`${w.banner[latestPhase(entries)]} — ${page.title}`),
    language: lang,
    updated: sorted[0] ? new Date(sorted[0].at) : new Date(0),
    generator: 'Onair',
    // RFC 4287 §4.1.1: a feed whose entries carry no author names one; the organiser is the page.
    author: { name: xmlSafe(page.title), link: `${page.baseUrl}/` },
    feedLinks: { atom: `${page.baseUrl}/feed.atom`, rss: `${page.baseUrl}/feed.rss` },
  });
  for (const e of sorted) {
    const own = `${page.baseUrl}/#${entryAnchor(e.idempotencyKey)}`;
    const subject = e.subject?.trim();
    feed.addItem({
      title: titleText(subject ? `${w.phase[e.phase]}: ${subject}` : w.phase[e.phase]),
      id: entryId(page, e),
      link: own,
      date: new Date(e.at),
      description: bodyHtml(e, false),
    });
  }
  return { atom: feed.atom1(), rss: feed.rss2() };
}
