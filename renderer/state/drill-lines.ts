/** A drill's score as the lines the console shows: what was measured, against which deadline, met or not. */
import { CHANNEL_SPECS } from '../../shared/channels';
import type { DeadlineScore, DrillScore } from '../../shared/domain/review/drill-score';
import { formatDuration } from '../components/format';

export interface DrillLine {
  key: string;
  label: string;
  value: string;
  met: boolean;
}

const timed = (d: DeadlineScore) =>
  d.ms === null
    ? `never (due within ${formatDuration(d.deadlineMs)})`
    : `${formatDuration(d.ms)} of ${formatDuration(d.deadlineMs)}`;

export function drillLines(s: DrillScore): DrillLine[] {
  return [
    { key: 'acknowledge', label: 'Acknowledged', value: timed(s.acknowledge), met: s.acknowledge.met },
    ...s.firstUpdate.map((f) => ({
      key: `update-${f.channel}`,
      label: `First update · ${CHANNEL_SPECS[f.channel].label}`,
      value: f.ms === null ? 'missed' : timed(f),
      met: f.met,
    })),
    {
      key: 'silence',
      label: 'Longest silence',
      value: `${formatDuration(s.longestSilence.ms ?? 0)} (cadence ${formatDuration(s.longestSilence.deadlineMs)})`,
      met: s.longestSilence.met,
    },
    {
      key: 'tone',
      label: 'Tone findings left in sent posts',
      value: s.tone.length ? s.tone.map((t) => `${t.message} (“${t.excerpt}”)`).join('; ') : 'none',
      met: s.tone.length === 0,
    },
  ];
}

/** The slowest first update over every channel, or null when one was missed (or none is owed). */
export function slowestFirstUpdate(s: DrillScore): number | null {
  if (!s.firstUpdate.length || s.missed.length) return null;
  return Math.max(...s.firstUpdate.map((f) => f.ms ?? 0));
}
