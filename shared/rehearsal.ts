/**
 * Rehearsals and drills as the consoles see them. A rehearsal is a time line Onair plays itself (the embedded
 * simulator or a replay): whatever the team posts goes to the sandbox outbox, never to a channel. A drill is a
 * rehearsal on a calm scenario into which Onair injects a fault at a moment it does not tell, then scores the
 * team's answer against the playbook (domain/review/drill-score.ts).
 */
import type { DrillScore } from './domain/review/drill-score';
import type { EpochMs, FaultKind, SessionId } from './types';

export interface RehearsalState {
  /** Onair plays the time line itself: posts go to the sandbox. */
  rehearsal: boolean;
  /** What plays now: "Simulator · calm", "Replay · Launch webinar"; null before any source. */
  label: string | null;
  /** Which kind of time line plays (null before any source). */
  playing: 'simulator' | 'replay' | 'url' | 'live' | null;
  /** The live source "Back to live" returns to ("Live event · Launch webinar"), or null: the Sources screen asks. */
  lastLive: string | null;
  /** The time line ended (a replay or a `--once` run), at this session time. */
  endedAt?: EpochMs;
}

/** The faults a drill can inject: each is the fault segment of the shipped scenario of that name. */
export const DRILL_FAULTS = ['audio-loss', 'frozen-video', 'stream-drop', 'video-degraded', 'chat-flood'] as const;
export type DrillFault = Extract<FaultKind, (typeof DRILL_FAULTS)[number]>;

export const DRILL_FAULT_LABEL: Record<DrillFault, string> = {
  'audio-loss': 'Audio loss',
  'frozen-video': 'Frozen video',
  'stream-drop': 'Stream drop',
  'video-degraded': 'Degraded video',
  'chat-flood': 'Chat flood (spam raid)',
};

/** The window, in scenario seconds after the start, in which the fault comes. */
export const DRILL_WINDOW_SEC = { from: 20, to: 120 } as const;

export interface DrillView {
  id: string;
  /** Wall time the producer started it. */
  startedAt: EpochMs;
  /** What the producer asked for. */
  requested: DrillFault | 'random';
  /** The injected fault: told once the drill is over (or when the producer chose it). */
  fault?: DrillFault;
  /** Session time the fault began: told once the drill is over. */
  injectedAt?: EpochMs;
  sessionId?: SessionId;
  speed: number;
  /** Wall time it ended; absent while it runs. */
  endedAt?: EpochMs;
  /** The team's score; absent while it runs, and for a drill ended before its fault came. */
  score?: DrillScore;
  /** Why a finished drill has no score ("ended before the fault", "interrupted by a restart"). */
  unscored?: string;
}
