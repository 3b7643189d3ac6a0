/**
 * A drill on real parts (simulator → ingest → detectors → incidents → outbox → SQLite): the fault comes at the
 * moment drawn (hidden from the consoles until the drill is over), an incident opens, what the team posts goes to
 * the sandbox only, and the score is computed and kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentView, Transport } from '../../shared/contract';
import type { DrillView } from '../../shared/rehearsal';
import { roundsRepo } from '../../electron/main/services/db/rounds-repo';
import { drillsRepo } from '../../electron/main/services/db/drills-repo';
import { playbooksRepo } from '../../electron/main/services/db/playbooks-repo';
import { createDrillService, type DrillService } from '../../electron/main/services/drills/drill-service';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { systemClock } from '../../electron/main/services/clock';
import { inMemoryTransport } from '../support/in-memory-transport';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

const running: { onair: Onair; drills: DrillService }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.drills.dispose();
    await r.onair.close();
  }
});

/** Onair rehearsing on the calm scenario, and a drill service whose draws are `draws` in turn. */
async function start(draws: number[]) {
  const onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'simulator', scenario: 'calm', speed: 20 },
  });
  const t: Transport = inMemoryTransport(onair.dispatcher, onair.hub);
  let n = 0;
  const drills = createDrillService({
    repo: drillsRepo(onair.db),
    source: onair.source,
    ingest: onair.ingest,
    incidents: onair.incidents,
    rounds: roundsRepo(onair.db),
    outbox: onair.outbox,
    playbookFor: playbooksRepo(onair.db).get,
    enabledChannels: () => ['webinar-chat', 'status-page'],
    hub: onair.hub,
    clock: systemClock,
    random: () => draws[n++ % draws.length],
  });
  running.push({ onair, drills });
  const seen: DrillView[] = [];
  t.on('drill.changed', (d) => seen.push(d));
  return { onair, t, drills, seen };
}

describe('a drill', () => {
  it('injects the fault at the hidden moment, keeps the posts in the sandbox, and keeps the score', async () => {
    // 0.5: the third fault of the list (stream drop), at 20 + floor(0.5 × 101) = 70 s.
    const { onair, t, drills, seen } = await start([0.5, 0.5]);
    const started = await drills.start({ fault: 'random', speed: 20 });
    expect(started).toMatchObject({ requested: 'random' });
    expect(started.fault).toBeUndefined();
    expect(started.injectedAt).toBeUndefined();
    const bound = await poll(() => seen.find((d) => d.sessionId), { what: 'the drill bound to its session' });
    expect(bound.injectedAt).toBeUndefined(); // still secret while it runs
    const session = onair.ingest.session()!;
    expect(session).toMatchObject({ scenario: 'drill', rehearsal: true });
    const faultAt = session.startedAt + 70_000;
    expect(session.truth).toEqual([expect.objectContaining({ kind: 'stream-drop', startTs: faultAt })]);

    const incident: IncidentView = await poll(
      async () => (await t.invoke('incident.list', {})).find((i) => i.kind === 'stream'),
      { what: 'the stream incident', timeoutMs: 30_000 },
    );
    expect(incident.openedAt).toBeGreaterThanOrEqual(faultAt);
    expect(incident.openedAt - faultAt).toBeLessThan(10_000);
    await t.invoke('incident.transition', { incidentId: incident.id, action: 'acknowledge', operator: 'giulia' });
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
    await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: 'en',
      operator: 'giulia',
      draft: { subject: draft.subject, body: draft.body },
      channels: ['webinar-chat'],
      skipped: [{ channel: 'status-page', reason: 'rehearsing the chat only' }],
    });
    const posts = await poll(() => t.invoke('outbox.list', { incidentId: incident.id }), {
      until: (l) => l.length === 1 && l[0].status === 'sent',
      what: 'the post delivered',
    });
    expect(posts[0]).toMatchObject({ rehearsal: true, remoteId: 'sandbox' });

    await t.invoke('incident.transition', { incidentId: incident.id, action: 'resolve', operator: 'giulia' });
    const ended = await poll(() => seen.find((d) => d.endedAt !== undefined), { what: 'the drill scored' });
    expect(ended).toMatchObject({ fault: 'stream-drop', injectedAt: faultAt, sessionId: session.id });
    const score = ended.score!;
    expect(score.detectMs).toBe(incident.openedAt - faultAt);
    expect(score.acknowledge.ms).not.toBeNull();
    expect(score.firstUpdate.map((f) => [f.channel, f.ms !== null])).toEqual([
      ['webinar-chat', true],
      ['status-page', false],
    ]);
    expect(score.missed).toEqual(['status-page']);
    expect(score.overall).toBeLessThan(100);
    // Kept: the stored drill, as the review lists it.
    expect(drills.list()[0]).toEqual(ended);
    expect(onair.db.prepare('SELECT fault, at_sec, session_id FROM drills').get()).toEqual({
      fault: 'stream-drop',
      at_sec: 70,
      session_id: session.id,
    });
  }, 60_000);

  it('refuses a second drill while one runs, and one started from a live event', async () => {
    const { t, drills } = await start([0]);
    await drills.start({ fault: 'audio-loss', speed: 20 });
    await expect(drills.start({ fault: 'random' })).rejects.toMatchObject({ error: { code: 'conflict' } });
    const stopped = await drills.end();
    expect(stopped).toMatchObject({ fault: 'audio-loss', unscored: 'ended before the fault came' });
    await t.invoke('source.watchEvent', { eventName: 'Spring launch' });
    await expect(drills.start({ fault: 'random' })).rejects.toMatchObject({ error: { code: 'conflict' } });
  }, 30_000);
});
