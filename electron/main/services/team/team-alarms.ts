/**
 * An event's deadline alarms on every console of the team. The deadline timers run on one console, the one
 * running the event's engine (team-engine.ts); it records each alarm it raises in the team database, and the
 * consoles on standby raise it on their own hub, so the alarm strip goes up whichever console the person
 * posting the update sits at. An alarm already answered in the team database (its incident closed, or an update
 * out at or after its due time) is not raised on a console that joins late or comes back from an outage. While the database is
 * away, the engine's console keeps its alarms in order and records them once it answers.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import type { DeadlineAlarm } from '../../../../shared/contract';
import { messageOf } from '../../../../shared/error-message';
import type { EventHub } from '../event-hub';
import { isTeamAlarmChange, type TeamAlarmsStore } from '../postgres/team-alarms-store';

const RETRY_MS = 1000;

export interface TeamAlarms {
  /** The team feed announced `change`; undefined: re-read everything (a reconnect, a new session). */
  changed(change?: string): void;
  dispose(): void;
}

export function relayTeamAlarms(d: {
  store: TeamAlarmsStore;
  hub: EventHub;
  leads(): boolean;
  /** The session the console watches. */
  sessionId(): string | undefined;
  clock: Clock;
  log(line: string): void;
}): TeamAlarms {
  const keyOf = (a: DeadlineAlarm) => `${a.incidentId}@${a.dueAt}`;
  /** The alarms this console's hub raised, by its own engine or from the team: none twice. */
  const raised = new Set<string>();
  const waiting: { sessionId: string; alarm: DeadlineAlarm; at: number }[] = [];
  let flushing = false;
  let retry: Disposable | undefined;
  let relaying = false;

  const off = d.hub.subscribe((name, payload) => {
    if (name !== 'incident.deadlineMissed' || relaying) return;
    const alarm = payload as DeadlineAlarm;
    raised.add(keyOf(alarm));
    const sessionId = d.sessionId();
    if (!d.leads() || !sessionId) return;
    waiting.push({ sessionId, alarm, at: d.clock.now() });
    void flush();
  });

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (waiting.length) {
        const w = waiting[0];
        await d.store.raise(w.sessionId, w.alarm, w.at);
        waiting.shift();
      }
    } catch (err) {
      d.log(`team: ${waiting.length} deadline alarms wait for the team database (${messageOf(err)})`);
      retry ??= d.clock.setTimer(RETRY_MS, () => {
        retry = undefined;
        void flush();
      });
    } finally {
      flushing = false;
    }
  }

  function raise(alarm: DeadlineAlarm): void {
    const key = keyOf(alarm);
    if (raised.has(key)) return;
    raised.add(key);
    relaying = true;
    try {
      d.hub.emit('incident.deadlineMissed', alarm);
    } finally {
      relaying = false;
    }
  }

  /** Raises here the standing alarms the engine's console recorded that this one has not raised yet. */
  async function pull(): Promise<void> {
    const sessionId = d.sessionId();
    if (!sessionId || d.leads()) return;
    for (const alarm of await d.store.ofSession(sessionId)) raise(alarm);
  }

  return {
    changed(change) {
      if (change !== undefined && !isTeamAlarmChange(change)) return;
      pull().catch((err: unknown) => d.log(`team: the team's deadline alarms not read (${messageOf(err)})`));
      if (change === undefined) void flush();
    },
    dispose() {
      off();
      retry?.dispose();
    },
  };
}
