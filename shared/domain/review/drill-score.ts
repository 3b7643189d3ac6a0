/**
 * A drill's score: how the team answered an injected fault, measured against the playbook. Pure: every time is
 * passed in (session time), so the same drill scores the same in the console, in a test and after a restart.
 *
 * Times are counted from the fault's onset, as the audience lives it; whether a deadline was met is judged the
 * way the playbook states it, from the incident's opening (detection is Onair's job, not the team's).
 */
import type { ChannelId } from '../../channels';
import type { EpochMs } from '../../types';
import type { Playbook } from '../broadcast/playbook';
import { checkTone } from '../broadcast/tone-check';
import { languageOr } from '../vocabulary';
import { longestSilence } from './figures';

export interface DrillRun {
  /** When the fault began. */
  faultAt: EpochMs;
  /** When the drill ended (the incident resolved, or the producer ended it). */
  endAt: EpochMs;
  /** The incident the fault opened, if the detectors (or the team) opened one. */
  incident?: { openedAt: EpochMs; acknowledgedAt?: EpochMs };
  playbook: Pick<Playbook, 'firstUpdateDeadlineMs' | 'cadenceMs'>;
  /** The channels enabled when the drill ended: each one owed the audience an update. */
  enabledChannels: readonly ChannelId[];
  /** What the team posted about the incident (to the sandbox). */
  posts: readonly { channel: ChannelId; at: EpochMs; text: string; lang?: string }[];
}

export interface DeadlineScore {
  /** From the fault's onset; null: never. */
  ms: number | null;
  deadlineMs: number;
  met: boolean;
}

interface DrillToneFinding {
  channel: ChannelId;
  rule: string;
  message: string;
  /** The words it is about. */
  excerpt: string;
}

export interface DrillScore {
  /** Fault onset → incident opened. */
  detectMs: number | null;
  acknowledge: DeadlineScore;
  /** One per enabled channel (and any other posted to), in the order enabled. */
  firstUpdate: (DeadlineScore & { channel: ChannelId })[];
  /** Enabled channels that never got an update. */
  missed: ChannelId[];
  /** The longest stretch without a public update while the incident was open, against the cadence. */
  longestSilence: DeadlineScore;
  /** Warnings of the tone check left in what was sent. */
  tone: DrillToneFinding[];
  /** 0–100: acknowledge 20, first updates 40 (shared by the channels), silence 20, tone 20. */
  overall: number;
}

const POINTS = { acknowledge: 20, updates: 40, silence: 20, tone: 20 } as const;
const TONE_PENALTY = 5;

/** Full points when met, half when late, none when it never happened. */
const share = (d: DeadlineScore, points: number) => (d.met ? points : d.ms === null ? 0 : points / 2);

export function scoreDrill(run: DrillRun): DrillScore {
  const { faultAt, endAt, incident, playbook } = run;
  const fromOnset = (at: EpochMs | undefined) => (at === undefined ? null : Math.max(0, at - faultAt));
  const byPlaybook = (at: EpochMs | undefined, deadlineMs: number) =>
    at !== undefined && incident !== undefined && at - incident.openedAt <= deadlineMs;

  const acknowledge: DeadlineScore = {
    ms: fromOnset(incident?.acknowledgedAt),
    deadlineMs: playbook.firstUpdateDeadlineMs,
    met: byPlaybook(incident?.acknowledgedAt, playbook.firstUpdateDeadlineMs),
  };

  const channels = [...new Set([...run.enabledChannels, ...run.posts.map((p) => p.channel)])];
  const firstAt = (c: ChannelId) =>
    run.posts
      .filter((p) => p.channel === c && p.at >= faultAt)
      .reduce<EpochMs | undefined>((min, p) => (min === undefined || p.at < min ? p.at : min), undefined);
  const firstUpdate = channels.map((channel) => {
    const at = firstAt(channel);
    return {
      channel,
      ms: fromOnset(at),
      deadlineMs: playbook.firstUpdateDeadlineMs,
      met: byPlaybook(at, playbook.firstUpdateDeadlineMs),
    };
  });
  const missed = firstUpdate.filter((f) => f.ms === null).map((f) => f.channel);

  const openedAt = incident?.openedAt ?? faultAt;
  const updates = [...new Set(run.posts.map((p) => p.at))];
  const gap = longestSilence(Math.min(openedAt, endAt), updates, endAt);
  const silence: DeadlineScore = { ms: gap.ms, deadlineMs: playbook.cadenceMs, met: gap.ms <= playbook.cadenceMs };

  const seen = new Set<string>();
  const tone: DrillToneFinding[] = [];
  for (const p of run.posts)
    for (const f of checkTone(p.text, p.lang === undefined ? undefined : languageOr(p.lang)))
      if (f.severity === 'warning' && !seen.has(`${f.rule}\n${p.text}`)) {
        seen.add(`${f.rule}\n${p.text}`);
        tone.push({ channel: p.channel, rule: f.rule, message: f.message, excerpt: p.text.slice(...f.span) });
      }

  const updatePoints = channels.length
    ? firstUpdate.reduce((sum, f) => sum + share(f, POINTS.updates / channels.length), 0)
    : 0;
  const silencePoints = silence.met ? POINTS.silence : (POINTS.silence * playbook.cadenceMs) / Math.max(gap.ms, 1);
  const overall =
    share(acknowledge, POINTS.acknowledge) +
    updatePoints +
    silencePoints +
    Math.max(0, POINTS.tone - TONE_PENALTY * tone.length);
  return {
    detectMs: fromOnset(incident?.openedAt),
    acknowledge,
    firstUpdate,
    missed,
    longestSilence: silence,
    tone,
    overall: Math.round(overall),
  };
}

/** How a drill's overall score compares with the one before it. */
export function drillTrend(overall: number, previous: number | undefined): 'first' | 'better' | 'worse' | 'same' {
  if (previous === undefined) return 'first';
  return overall > previous ? 'better' : overall < previous ? 'worse' : 'same';
}
