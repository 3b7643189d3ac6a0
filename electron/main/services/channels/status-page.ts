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
 *
 * Where several consoles publish one page (a team), a ledger shared by them (StatusPageLedger) holds the
 * page's entries and id: each publish adds what the folder has to it and writes what it holds, so the page a
 * console uploads carries the updates the others posted, and a fail-over never takes one off the public page.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { messageOf } from '../../../../shared/error-message';
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

/**
 * The entries and id of a page that several consoles publish (postgres/team-status-page-store.ts). What it
 * holds is the page; the folder keeps a copy for the local preview.
 */
export interface StatusPageLedger {
  /** The page's id: the one the ledger holds, else `proposed`, which it holds from now on. */
  pageId(proposed: string): Promise<string>;
  /**
   * Adds the entries it does not hold yet (by idempotency key: an entry held stays as it was first added)
   * and returns all it holds, oldest first, with the keys this call added.
   */
  merge(entries: StatusEntry[]): Promise<{ entries: StatusEntry[]; added: string[] }>;
}

/** The page's title until the producer gives it one. */
export const STATUS_PAGE_TITLE = 'Event status';

export interface StatusPageOptions {
  dir: string;
  /** Set when several consoles publish this page: the ledger's entries and id are the page's. */
  ledger?: StatusPageLedger;
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
  /**
   * With a ledger: brings the folder up to what the ledger holds, and says whether that changed the page (another
   * console published meanwhile). Without one, nothing can have changed it.
   */
  catchUp(): Promise<boolean>;
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

const PAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The page's permanent id, made once per page folder, or the ledger's where there is one. */
async function pageIdOf(dir: string, ledger?: StatusPageLedger): Promise<string> {
  const file = join(dir, STATUS_FILES.page);
  let local: string | undefined;
  try {
    const id = (JSON.parse(await readFile(file, 'utf8')) as { id?: unknown }).id;
    if (typeof id === 'string' && PAGE_ID.test(id)) local = id;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
  }
  const id = ledger ? await shared(() => ledger.pageId(local ?? randomUUID())) : (local ?? randomUUID());
  if (id !== local) await writeAtomic(file, `${JSON.stringify({ id })}\n`);
  return id;
}

/** A ledger that does not answer fails the post for now: the outbox retries it. */
async function shared<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new ChannelError(`status-page: the team's copy of the page did not answer (${messageOf(err)})`, true);
  }
}

export function createStatusPage(opts: StatusPageOptions): StatusPage {
  const dir = resolve(opts.dir);
  const now = opts.now ?? Date.now;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const { ledger } = opts;

  async function writePublic(entries: StatusEntry[]): Promise<void> {
    const info = { title: opts.title, baseUrl, lang: opts.lang, pageId: await pageIdOf(dir, ledger) };
    const feeds = buildFeeds(info, entries);
    await writeAtomic(join(dir, STATUS_FILES.atom), feeds.atom);
    await writeAtomic(join(dir, STATUS_FILES.rss), feeds.rss);
    await writeAtomic(join(dir, STATUS_FILES.html), renderHtml(info, entries));
  }

  const writeEntries = (entries: StatusEntry[]) =>
    writeAtomic(join(dir, STATUS_FILES.data), `${JSON.stringify(entries, null, 1)}\n`);

  /**
   * The page's entries once `entries` (the folder's, maybe with a new one) are added to it, and which of them
   * it did not hold yet: with a ledger, the ledger's, copied into the folder.
   */
  async function settle(entries: StatusEntry[], local: StatusEntry[]) {
    if (!ledger) {
      if (entries.length > local.length) await writeEntries(entries);
      return { entries, added: entries.slice(local.length).map((e) => e.idempotencyKey) };
    }
    const held = await shared(() => ledger.merge(entries));
    if (!held.entries.every(isEntry))
      throw new ChannelError("status-page: the team's copy of the page is not valid; refusing to publish it", false);
    if (JSON.stringify(held.entries) !== JSON.stringify(local)) await writeEntries(held.entries);
    return held;
  }

  return {
    dir,
    publish(input) {
      return serialised(dir, async () => {
        await mkdir(dir, { recursive: true });
        const local = await readEntries(dir);
        const existing = local.find((e) => e.idempotencyKey === input.idempotencyKey);
        const page = await settle(existing ? local : [...local, { ...input, at: input.at ?? now() }], local);
        const entry = page.entries.find((e) => e.idempotencyKey === input.idempotencyKey);
        if (!entry) throw new ChannelError('status-page: the page lost the entry it was given', true);
        // Rewritten even for a duplicate: heals a crash between the data write and the public files.
        await writePublic(page.entries);
        const duplicate = !page.added.includes(entry.idempotencyKey);
        return { entry, duplicate, url: `${baseUrl}/#${entryAnchor(entry.idempotencyKey)}` };
      });
    },
    entries: () => serialised(dir, () => readEntries(dir)),
    regenerate() {
      return serialised(dir, async () => {
        await mkdir(dir, { recursive: true });
        const local = await readEntries(dir);
        await writePublic((await settle(local, local)).entries);
      });
    },
    catchUp() {
      return serialised(dir, async () => {
        if (!ledger) return false;
        const local = await readEntries(dir);
        const { entries } = await settle(local, local);
        if (JSON.stringify(entries) === JSON.stringify(local)) return false;
        await writePublic(entries);
        return true;
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
  /** Set when the page is the team's (StatusPageLedger). */
  ledger?: StatusPageLedger;
}

/** How many times a post's upload is done again because the team's page moved on meanwhile. */
const CATCH_UP_UPLOADS = 3;

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
      ledger: deps.ledger,
      lang,
      title: creds.title?.trim() || STATUS_PAGE_TITLE,
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
        let where = await upload(creds, await p.files(), signal);
        // In a team, another console may have uploaded its update while this one was on its way up, without this
        // one's: the page last uploaded must carry both.
        for (let i = 0; where && i < CATCH_UP_UPLOADS && (await p.catchUp()); i++)
          where = await upload(creds, await p.files(), signal);
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
