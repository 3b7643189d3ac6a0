/** Playbooks per incident kind: the shipped defaults until an operator edits one. */
import { DEFAULT_PLAYBOOKS, playbookSchema, type Playbook } from '../../../../shared/domain/broadcast/playbook';
import type { Db } from './open';
import { PLAYBOOK_KINDS, type PlaybookKind } from '../../../../shared/domain/vocabulary';

export function playbooksRepo(db: Db) {
  const get = db.prepare('SELECT json FROM playbooks WHERE kind = ?');
  const put = db.prepare(
    'INSERT INTO playbooks (kind, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(kind) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
  );
  const all = db.prepare('SELECT json, updated_at AS updatedAt FROM playbooks');
  const parse = (json: string): Playbook | undefined => {
    const parsed = playbookSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as Playbook) : undefined;
  };
  const read = (kind: PlaybookKind): Playbook => {
    const row = get.get(kind) as { json: string } | undefined;
    // A corrupt row never blocks a live event.
    return (row && parse(row.json)) ?? DEFAULT_PLAYBOOKS[kind];
  };
  return {
    get: read,
    list: (): Playbook[] => PLAYBOOK_KINDS.map(read),
    /** The playbooks edited here (or adopted from the team), with when; the other kinds are the defaults. */
    edited(): { playbook: Playbook; updatedAt: number }[] {
      return (all.all() as { json: string; updatedAt: number }[]).flatMap((r) => {
        const playbook = parse(r.json);
        return playbook ? [{ playbook, updatedAt: r.updatedAt }] : [];
      });
    },
    save(p: Playbook, at: number): Playbook {
      put.run(p.kind, JSON.stringify(p), at);
      return read(p.kind);
    },
  };
}
export type PlaybooksRepo = ReturnType<typeof playbooksRepo>;
