/**
 * The public status page channel. Entries live in `entries.json` inside `dir`; every publish rewrites
 * index.html, feed.atom and feed.rss from them. All writes go to a temp file in the same directory and are
 * renamed into place, so a reader (or a crash) never sees a half-written file. Publishes to the same directory
 * are serialised in-process, and an idempotency key already on the page is not added again.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ChannelError, type ChannelAdapter, type OutgoingPost } from './channel-adapter';
import { probe } from './http';
import { buildFeed, entryAnchor, renderHtml, type StatusEntry } from './status-page-render';

export { serveStatusPage, type StatusPageServer } from './status-page-server';
const STATUS_FILES = { html: 'index.html', atom: 'feed.atom', rss: 'feed.rss', data: 'entries.json' } as const;

export interface StatusPageOptions {
  dir: string;
  title: string;
  /** Public URL the page is reachable at (used for feed ids and links). */
  baseUrl: string;
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

export function createStatusPage(opts: StatusPageOptions): StatusPage {
  const dir = resolve(opts.dir);
  const now = opts.now ?? Date.now;
  const info = { title: opts.title, baseUrl: opts.baseUrl.replace(/\/+$/, '') };

  async function writePublic(entries: StatusEntry[]): Promise<void> {
    const feed = buildFeed(info, entries);
    await writeAtomic(join(dir, STATUS_FILES.atom), feed.atom1());
    await writeAtomic(join(dir, STATUS_FILES.rss), feed.rss2());
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
        return { entry, duplicate: !!existing, url: `${info.baseUrl}/#${entryAnchor(entry.idempotencyKey)}` };
      });
    },
    entries: () => serialised(dir, () => readEntries(dir)),
    regenerate() {
      return serialised(dir, async () => {
        await mkdir(dir, { recursive: true });
        await writePublic(await readEntries(dir));
      });
    },
  };
}

function entryFromPost(post: OutgoingPost): Omit<StatusEntry, 'at'> {
  const { idempotencyKey, subject, text, link, phase, lang } = post;
  return { idempotencyKey, subject, text, link, phase, lang };
}

export interface StatusPageAdapterDeps {
  dir: string;
  baseUrl: string;
  now?: () => number;
}

/** The page title comes from the channel's `title` credential field (not secret). */
export function createStatusPageAdapter(deps: StatusPageAdapterDeps): ChannelAdapter {
  const page = (creds: Record<string, string>) =>
    createStatusPage({
      dir: deps.dir,
      baseUrl: deps.baseUrl,
      now: deps.now,
      title: creds.title?.trim() || 'Event status',
    });
  const asChannelError = (err: unknown) =>
    err instanceof ChannelError
      ? err
      : new ChannelError(
          `status-page: could not write the page (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
          true,
        );
  return {
    id: 'status-page',
    async send(post, creds) {
      try {
        const res = await page(creds).publish(entryFromPost(post));
        return {
          channel: 'status-page',
          remoteId: res.url,
          detail: res.duplicate ? 'already on the page' : 'published',
          at: res.entry.at,
        };
      } catch (err) {
        throw asChannelError(err);
      }
    },
    testConnection(creds) {
      return probe(async () => {
        try {
          await page(creds).regenerate();
        } catch (err) {
          throw asChannelError(err);
        }
        return `page written to ${resolve(deps.dir)}; public at ${deps.baseUrl}`;
      });
    },
  };
}
