/**
 * In a team, an event's playbooks are the team's (postgres/team-playbooks-store.ts): an edit on any console
 * of the event is the deadline, cadence and templates of every other, so the silence timers agree and the
 * console that takes the engine over keeps counting by the same rules.
 *
 * The local store stays the one the console reads (its timers never wait for the network); a sync brings the
 * two together, each kind by its newest edit: the team's newer ones are adopted here (and announced as
 * `playbook.changed`), this console's newer ones (edited just now, or while the database was away) go to the
 * team. It runs after each edit here, when the team announces one, and when the feed listens again after an
 * outage, so an edit made offline reaches the team once it is back. Two consoles editing one kind while apart:
 * the later edit wins, by their clocks.
 */
import type { Playbook } from '../../../../shared/domain/broadcast/playbook';
import { messageOf } from '../../../../shared/error-message';
import type { PlaybooksRepo } from '../db/playbooks-repo';
import type { TeamPlaybooksStore } from '../postgres/team-playbooks-store';

export interface TeamPlaybooks {
  /** The playbooks repo the console uses: saving also syncs with the team. */
  repo: PlaybooksRepo;
  /** Brings the local and the team's playbooks together; resolves when this sync (or the one running) ended. */
  sync(): Promise<void>;
}

export function shareTeamPlaybooks(d: {
  store: TeamPlaybooksStore;
  local: PlaybooksRepo;
  /** The event the playbooks are for, read at each sync (the workspace may switch sources). */
  eventKey(): string;
  consoleId: string;
  onAdopted(p: Playbook): void;
  log(line: string): void;
}): TeamPlaybooks {
  let running: Promise<void> | undefined;
  let again = false;

  async function once(): Promise<void> {
    const key = d.eventKey();
    const theirs = new Map((await d.store.list(key)).map((t) => [t.playbook.kind, t]));
    const mine = new Map(d.local.edited().map((m) => [m.playbook.kind, m]));
    for (const t of theirs.values()) {
      const m = mine.get(t.playbook.kind);
      if (m && m.updatedAt >= t.updatedAt) continue;
      d.onAdopted(d.local.save(t.playbook, t.updatedAt));
    }
    for (const m of mine.values()) {
      const t = theirs.get(m.playbook.kind);
      if (!t || m.updatedAt > t.updatedAt) await d.store.save(key, m, d.consoleId);
    }
  }

  /** One sync at a time; asked for while one runs, that one runs once more before it resolves. */
  function sync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await once();
        } while (again);
      } catch (err) {
        d.log(`team: playbooks not synced with the team yet (${messageOf(err)}); again when the database is back`);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    repo: {
      ...d.local,
      save(p, at) {
        const saved = d.local.save(p, at);
        void sync();
        return saved;
      },
    },
    sync,
  };
}
