import { describe, expect, it } from 'vitest';
import type { IncidentId } from '../../types';
import { at, sampleEvent } from './test-support';
import { timelineMarkers } from './timeline';

describe('the timeline in the operator’s words', () => {
  const labels = (e = sampleEvent()) => timelineMarkers(e).map((m) => m.label);

  it('names incidents by their kind and operator actions by what was done, not by state ids', () => {
    const all = labels();
    expect(all).toContain('Audio problem opened: Audio lost');
    expect(all).toContain('Acknowledged by alice');
    expect(all).toContain('Investigating by alice');
    expect(all).toContain('Audio problem resolved by alice');
    expect(all).toContain('Picture problem dismissed as a false alarm by bob');
    expect(all.filter((l) => l.includes('→') || /\b(false-alarm|acknowledge)\b/.test(l))).toEqual([]);
  });

  it('names each update’s phase', () => {
    expect(labels()).toContain('Update 1 (acknowledgement) sent by alice');
  });

  it('shows the answer to "Still happening?" when an operator kept a carried-over incident open', () => {
    const e = sampleEvent();
    e.incidents[0] = {
      ...e.incidents[0],
      carriedOver: {
        from: { sessionId: 's0', eventName: 'Launch', startedAt: at(0) },
        intoSessionId: 's1',
        at: at(100),
        why: 'restart',
        keptOpen: { operator: 'dana', at: at(110) },
      },
    };
    expect(timelineMarkers(e).find((m) => m.ts === at(110))).toMatchObject({
      type: 'operator',
      label: 'Kept open after the carry-over by dana',
      incidentId: 'inc-1' as IncidentId,
      author: 'dana',
    });
  });
});
