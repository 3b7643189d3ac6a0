/**
 * The public status page channel. Entries live in `entries.json` inside `dir`; every publish rewrites
 * index.html, feed.atom and feed.rss from them. All writes go to a temp file in the same directory and are
 * renamed into place, so a reader (or a crash) never sees a half-written file. Publishes to the same directory
 * are serialised in-process, and an idempotency key already on the page is not added again.
 *
 * The local folder is the preview (served on 127.0.0.1). The channel then publishes the three public files to
 * the organiser's host (SFTP, an S3 bucket or a git pages branch, see ../publish/), on every post and retry:
 * the page is idempotent, so a retried post re-uploads the same files. Links and feed links use the channel's
 * public URL; the page's permanent id (`page.json`) keeps feed and entry ids stable whatever the URL.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ChannelError, type ChannelAdapter, type Credentials, type OutgoingPost } from './channel-adapter';
import { probe } from './http';
import { buildFeeds, entryAnchor, renderHtml, type StatusEntry } from './status-page-render';
import type { PublishedFile } from '../publish/publisher';
import { publisherFor } from '../publish/target';

export { serveStatusPage, type StatusPageServer } from './status-page-server';
const STATUS_FILES = {
  html: 'index.html',
  atom: 'feed.atom',
  rss: 'feed.rss',
  data: 'entries.json',
  page: 'page.json',
} as const;
const PUBLIC_FILES = [
  { name: STATUS_FILES.html, contentType: 'text/html; charset=utf-8' },
  { name: STATUS_FILES.atom, contentType: 'application/atom+xml; charset=utf-8' },
  { name: STATUS_FILES.rss, contentType: 'application/rss+xml; charset=utf-8' },
] as const;

export interface StatusPageOptions {
  dir: string;
  title: string;
  /** Public URL the page is reachable at (used for links; feed ids come from the page's own id). */
  baseUrl: string;
  /** The event's language (the page's `lang`); by default the latest entry's. */
  lang?: string;
  now?: () => number;
}

interface PublishResult {
  entry: StatusEntry;
  /** True when the key was already on the page; nothing was added. */
  duplicate: boolean;
  /** Absolute URL of the entry's anchor on the page. */
  url: string;
}

export interface StatusPage {
  readonly dir: string;
  publish(entry: Omit<StatusEntry, 'at'> & { at?: number }): Promise<PublishResult>;
  entries(): Promise<StatusEntry[]>;
  /** Rewrite the three public files from the stored entries. */
  regenerate(): Promise<void>;
  /** The three public files as last written, for publishing elsewhere. */
  files(): Promise<PublishedFile[]>;
}

const queues = new Map<string, Promise<unknown>>();

/** Run `task` after every earlier task on the same directory has settled. */
function serialised<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(dir) ?? Promise.resolve()).then(task, task);
  const tail = run.catch(() => undefined);
  queues.set(dir, tail);
  void tail.then(() => queues.get(dir) === tail && queues.delete(dir));
  return run;
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

function isEntry(v: unknown): v is StatusEntry {
  const e = v as StatusEntry;
  return (
    !!e &&
    typeof e.idempotencyKey === 'string' &&
    typeof e.text === 'string' &&
    typeof e.phase === 'string' &&
    typeof e.at === 'number'
  );
}

async function readEntries(dir: string): Promise<StatusEntry[]> {
  let raw: string;
  try {
    raw = await readFile(join(dir, STATUS_FILES.data), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  // Never overwrite history we cannot read: stop and let the operator look at the file.
  if (!Array.isArray(parsed) || !parsed.every(isEntry)) {
    throw new ChannelError(`status-page: ${STATUS_FILES.data} in ${dir} is not valid; refusing to overwrite it`, false);
  }
  return parsed;
}

/** The page's permanent id, made once per page folder. */
async function pageIdOf(dir: string): Promise<string> {
  const file = join(dir, STATUS_FILES.page);
  try {
    const id = (JSON.parse(await readFile(file, 'utf8')) as { id?: unknown }).id;
    if (typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return id;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
  }
  const id = randomUUID();
  await writeAtomic(file, `${JSON.stringify({ id })}\n`);
  return id;
}

export function createStatusPage(opts: StatusPageOptions): StatusPage {
  const dir = resolve(opts.dir);
  const now = opts.now ?? Date.now;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');

  async function writePublic(entries: StatusEntry[]): Promise<void> {
    const info = { title: opts.title, baseUrl, lang: opts.lang, pageId: await pageIdOf(dir) };
    const feeds = buildFeeds(info, entries);
    await writeAtomic(join(dir, STATUS_FILES.atom), feeds.atom);
    await writeAtomic(join(dir, STATUS_FILES.rss), feeds.rss);
    await writeAtomic(join(dir, STATUS_FILES.html), renderHtml(info, entries));
  }

  return {
    dir,
    publish(input) {
      return serialised(dir, async () => {
        await mkdir(dir, { recursive: true });
        const entries = await readEntries(dir);
        const existing = entries.find((e) => e.idempotencyKey === input.idempotencyKey);
        const entry: StatusEntry = existing ?? { ...input, at: input.at ?? now() };
        if (!existing) {
          entries.push(entry);
          await writeAtomic(join(dir, STATUS_FILES.data), `${JSON.stringify(entries, null, 1)}\n`);
        }
        // Rewritten even for a duplicate: heals a crash between the data write and the public files.
        await writePublic(entries);
        return { entry, duplicate: !!existing, url: `${baseUrl}/#${entryAnchor(entry.idempotencyKey)}` };
      });
    },
    entries: () => serialised(dir, () => readEntries(dir)),
    regenerate() {
      return serialised(dir, async () => {
        await mkdir(dir, { recursive: true });
        await writePublic(await readEntries(dir));
      });
    },
    files: () =>
      serialised(dir, () =>
        Promise.all(PUBLIC_FILES.map(async (f) => ({ ...f, body: await readFile(join(dir, f.name)) }))),
      ),
  };
}

function entryFromPost(post: OutgoingPost): Omit<StatusEntry, 'at'> {
  const { idempotencyKey, incidentId, subject, text, link, phase, lang } = post;
  return { idempotencyKey, incidentId, subject, text, link, phase, lang };
}

export interface StatusPageAdapterDeps {
  dir: string;
  /** The local preview's URL: the page's links use the channel's `publicUrl` field when it is set. */
  baseUrl: string;
  /** Where git work copies are kept; by default `<dir>-publish` beside the page folder. */
  publishWorkDir?: string;
  connectTimeoutMs?: number;
  now?: () => number;
}

/** The channel's public URL when it is a valid http(s) URL. */
function publicUrlOf(creds: Credentials): string | undefined {
  const raw = creds.publicUrl?.trim();
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Title, public URL and the publish target come from the channel's credential fields. */
export function createStatusPageAdapter(deps: StatusPageAdapterDeps): ChannelAdapter {
  const workRoot = deps.publishWorkDir ?? join(dirname(resolve(deps.dir)), `${basename(resolve(deps.dir))}-publish`);
  const page = (creds: Credentials, lang?: string) =>
    createStatusPage({
      dir: deps.dir,
      baseUrl: publicUrlOf(creds) ?? deps.baseUrl,
      now: deps.now,
      lang,
      title: creds.title?.trim() || 'Event status',
    });
  const target = (creds: Credentials) =>
    publisherFor(creds, { gitWorkRoot: join(workRoot, 'git'), connectTimeoutMs: deps.connectTimeoutMs });
  /** Puts the local files on the target; returns where they went (for the receipt), or null for local only. */
  async function upload(creds: Credentials, files: PublishedFile[], signal?: AbortSignal): Promise<string | null> {
    const publisher = target(creds);
    if (!publisher) return null;
    await publisher.publish(files, signal);
    return publisher.where;
  }
  const asChannelError = (err: unknown) =>
    err instanceof ChannelError
      ? err
      : new ChannelError(
          `status-page: could not write the page (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
          true,
        );
  return {
    id: 'status-page',
    async send(post, creds, signal) {
      try {
        target(creds); // a configuration error stops here, before the page changes
        const p = page(creds, post.lang);
        const res = await p.publish(entryFromPost(post));
        const where = await upload(creds, await p.files(), signal);
        const local = res.duplicate ? 'already on the page' : 'published';
        return {
          channel: 'status-page',
          remoteId: res.url,
          detail: where ? `${local}; uploaded to ${where}` : local,
          at: res.entry.at,
        };
      } catch (err) {
        throw asChannelError(err);
      }
    },
    testConnection(creds) {
      return probe(async () => {
        const p = page(creds);
        let where: string | null;
        try {
          await p.regenerate();
          where = await upload(creds, await p.files());
        } catch (err) {
          throw asChannelError(err);
        }
        const url = publicUrlOf(creds);
        return where
          ? `page uploaded to ${where}; public at ${url ?? '(set the public URL)'}`
          : `page written to ${resolve(deps.dir)} (no publish target set); preview at ${deps.baseUrl}`;
      });
    },
  };
}
