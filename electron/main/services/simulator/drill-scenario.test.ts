import { describe, expect, it } from 'vitest';
import { DRILL_FAULTS } from '../../../../shared/rehearsal';
import { DRILL_SCENARIO, drillScenario } from './drill-scenario';
import { truthOf } from './scenario/scenario';
import { loadScenarioFile } from './server';

const calm = loadScenarioFile('calm');

describe('drill scenario', () => {
  it.each(DRILL_FAULTS)('moves the %s fault of its scenario to the chosen second, on the calm webinar', (fault) => {
    const source = loadScenarioFile(fault);
    const drill = drillScenario(calm, source, 45);
    const truth = truthOf(drill, 0);
    expect(truth.map((t) => t.kind)).toEqual(truthOf(source, 0).map((t) => t.kind));
    expect(truth[0].startTs).toBe(45_000);
    // Nothing a console sees names the fault.
    expect(drill.name).toBe(DRILL_SCENARIO);
    expect(drill.title).not.toMatch(new RegExp(fault.split('-')[0], 'i'));
    expect(drill.eventName).toBe(calm.eventName);
    expect(drill.baseline).toEqual(calm.baseline);
    // The complaints come with the fault, not at their old time.
    const earliest = Math.min(...drill.chatBursts.map((b) => b.fromSec), ...drill.chat.slice(2).map((c) => c.atSec));
    expect(earliest).toBeGreaterThanOrEqual(45);
    expect(drill.durationSec).toBeGreaterThanOrEqual(truth[0].endTs / 1000 + 300);
  });

  it('refuses a scenario without a fault to drill', () => {
    expect(() => drillScenario(calm, calm, 30)).toThrow(/no fault segment/);
  });
});
