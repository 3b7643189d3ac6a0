/**
 * A drill's scenario, built in memory: the calm webinar, with the fault of a shipped fault scenario (its fault
 * segments, and the chat that goes with them) moved to start at a chosen second. The result is validated like
 * a file, and named "drill" so nothing the consoles see (scenario name, title) tells which fault is coming.
 */
import { parseScenario, type Scenario } from './scenario/scenario';

/** The viewers keep complaining a little after the fault; the chat lines this long after it are kept too. */
const CHAT_TAIL_SEC = 30;
/** The drill runs on this long after the fault, so the team has time to answer and resolve. */
const AFTER_FAULT_SEC = 300;
const MAX_DURATION_SEC = 6 * 3600;

export const DRILL_SCENARIO = 'drill';

export function drillScenario(calm: Scenario, fault: Scenario, atSec: number): Scenario {
  const faults = fault.segments.filter((g) => g.fault);
  if (!faults.length) throw new Error(`scenario ${fault.name} has no fault segment to drill`);
  const from = Math.min(...faults.map((g) => g.fromSec));
  const to = Math.max(...faults.map((g) => g.toSec));
  const shift = atSec - from;
  const inWindow = (t: number) => t >= from && t <= to + CHAT_TAIL_SEC;
  const moved = <T extends { fromSec: number; toSec: number }>(w: T): T => ({
    ...w,
    fromSec: w.fromSec + shift,
    toSec: w.toSec + shift,
  });
  const durationSec = Math.min(MAX_DURATION_SEC, Math.max(calm.durationSec, Math.ceil(to + shift + AFTER_FAULT_SEC)));
  const drill: Scenario = {
    ...calm,
    name: DRILL_SCENARIO,
    title: 'Drill: a calm webinar, until something goes wrong',
    durationSec,
    seed: calm.seed + atSec,
    segments: [...calm.segments, ...faults.map(moved)],
    chat: [
      ...calm.chat,
      ...fault.chat.filter((c) => inWindow(c.atSec)).map((c) => ({ ...c, atSec: c.atSec + shift })),
    ].sort((a, b) => a.atSec - b.atSec),
    chatBursts: [...calm.chatBursts, ...fault.chatBursts.filter((b) => inWindow(b.fromSec)).map(moved)],
  };
  const checked = parseScenario(drill);
  if (!checked.ok) throw new Error(`drill scenario from ${fault.name}: ${checked.reason}`);
  return checked.value;
}
