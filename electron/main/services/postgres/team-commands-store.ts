/**
 * Operator commands a standby console hands to the console running the event's engine (team_commands in
 * migrations/0002-team-engine.ts). The engine's console claims pending ones with `FOR UPDATE SKIP LOCKED`, so
 * a command runs once even while the lease changes hands. One claimed but never answered (its console died
 * mid-way) is never run again: the console that takes the lease over answers it with an error
 * (`answerAbandoned`), which tells the operator who asked to check whether it was taken.
 */
import type pg from 'pg';
import type { Reply } from '../../../../shared/contract';
import type { Fence } from './team-incidents-store';

export interface TeamCommand {
  id: number;
  name: string;
  args: unknown;
}

export function teamCommandsStore(pool: pg.Pool) {
  return {
    async submit(c: { sessionId: string; name: string; args: unknown; from: string; now: number }): Promise<number> {
      const r = await pool.query<{ id: number }>(
        `INSERT INTO team_commands (session_id, name, args, from_console, status, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id`,
        [c.sessionId, c.name, JSON.stringify(c.args ?? {}), c.from, c.now],
      );
      return Number(r.rows[0].id);
    },
    /**
     * Claims the session's pending commands, oldest first (pending → running), under the engine lease `fence`
     * (its key is the session id): none when another console took the lease over since, though this one has
     * not heard yet (its lease connection was cut while the pool still answers).
     */
    async claimPending(fence: Fence): Promise<TeamCommand[]> {
      const r = await pool.query<TeamCommand>(
        `UPDATE team_commands SET status = 'running' WHERE id IN (
           SELECT id FROM team_commands WHERE session_id = $1 AND status = 'pending'
              AND EXISTS (SELECT 1 FROM team_leases WHERE key = $1 AND epoch = $2)
            ORDER BY id FOR UPDATE SKIP LOCKED)
         RETURNING id, name, args`,
        [fence.key, fence.epoch],
      );
      return r.rows.map((c) => ({ ...c, id: Number(c.id) })).sort((a, b) => a.id - b.id);
    },
    async answer(id: number, reply: Reply<unknown>, now: number): Promise<void> {
      await pool.query(
        `UPDATE team_commands SET status = 'done', reply = $2, done_at = $3 WHERE id = $1 AND status = 'running'`,
        [id, JSON.stringify(reply), now],
      );
    },
    /**
     * Answers the session's commands left 'running' (running → done) with `reply`; returns their ids. Only for
     * the console that just took the lease over (`fence`, keyed by the session id), before it claims any:
     * whoever claimed them is gone. Nothing, when the lease moved on again since.
     */
    async answerAbandoned(fence: Fence, reply: Reply<unknown>, now: number): Promise<number[]> {
      const r = await pool.query<{ id: number }>(
        `UPDATE team_commands SET status = 'done', reply = $3, done_at = $4
         WHERE session_id = $1 AND status = 'running'
           AND EXISTS (SELECT 1 FROM team_leases WHERE key = $1 AND epoch = $2) RETURNING id`,
        [fence.key, fence.epoch, JSON.stringify(reply), now],
      );
      return r.rows.map((c) => Number(c.id));
    },
    async reply(id: number): Promise<Reply<unknown> | undefined> {
      const r = await pool.query<{ reply: Reply<unknown> | null }>('SELECT reply FROM team_commands WHERE id = $1', [
        id,
      ]);
      return r.rows[0]?.reply ?? undefined;
    },
  };
}
export type TeamCommandsStore = ReturnType<typeof teamCommandsStore>;
