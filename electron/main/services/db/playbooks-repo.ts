/** Playbooks per incident kind: the shipped defaults until an operator edits one. */
import { DEFAULT_PLAYBOOKS, playbookSchema, type Playbook } from '../../../../shared/domain/broadcast/playbook';
import type { Db } from './open';
import { PLAYBOOK_KINDS, type PlaybookKind } from '../../../../shared/domain/vocabulary';

export function playbooksRepo(db: Db) {
  const get = db.prepare('SELECT json FROM playbooks WHERE kind = ?');
  const put = db.prepare(
    'INSERT INTO playbooks (kind, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(kind) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
  );
  const read = (kind: PlaybookKind): Playbook => {
    const row = get.get(kind) as { json: string } | undefined;
    if (!row) return DEFAULT_PLAYBOOKS[kind];
    const parsed = playbookSchema.safeParse(JSON.parse(row.json));
    return parsed.success ? (parsed.data as Playbook) : DEFAULT_PLAYBOOKS[kind]; // a corrupt row never blocks a live event
  };
  return {
    get: read,
    list: (): Playbook[] => PLAYBOOK_KINDS.map(read),
    save(p: Playbook, at: number): Playbook {
      put.run(p.kind, JSON.stringify(p), at);
      return read(p.kind);
    },
  };
}
export type PlaybooksRepo = ReturnType<typeof playbooksRepo>;
