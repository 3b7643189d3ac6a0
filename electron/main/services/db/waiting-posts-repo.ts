/** Posts waiting on this console for the team database (migrations/0019-team-waiting-posts.ts). */
import type { NewOutboxEntry } from '../outbox/outbox-store';
import type { Db } from './open';

export interface WaitingPost {
  seq: number;
  entry: NewOutboxEntry;
}

export interface WaitingPostsRepo {
  /** Keeps the posts in order; a key already waiting keeps its place and its first text. */
  add(entries: readonly NewOutboxEntry[], now: number): WaitingPost[];
  /** Oldest first. */
  list(): WaitingPost[];
  count(): number;
  remove(keys: readonly string[]): void;
}

export function waitingPostsRepo(db: Db): WaitingPostsRepo {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO team_waiting_posts (idempotency_key, entry_json, queued_at) VALUES (?, ?, ?)',
  );
  const byKey = db.prepare<[string], { seq: number; entry_json: string }>(
    'SELECT seq, entry_json FROM team_waiting_posts WHERE idempotency_key = ?',
  );
  const all = db.prepare<[], { seq: number; entry_json: string }>(
    'SELECT seq, entry_json FROM team_waiting_posts ORDER BY seq',
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM team_waiting_posts');
  const remove = db.prepare('DELETE FROM team_waiting_posts WHERE idempotency_key = ?');
  const toPost = (r: { seq: number; entry_json: string }): WaitingPost => ({
    seq: r.seq,
    entry: JSON.parse(r.entry_json) as NewOutboxEntry,
  });
  return {
    add: db.transaction((entries: readonly NewOutboxEntry[], now: number) =>
      entries.map((e) => {
        insert.run(e.idempotencyKey, JSON.stringify(e), now);
        return toPost(byKey.get(e.idempotencyKey)!);
      }),
    ),
    list: () => all.all().map(toPost),
    count: () => count.get()!.n,
    remove: db.transaction((keys: readonly string[]) => keys.forEach((k) => remove.run(k))),
  };
}
