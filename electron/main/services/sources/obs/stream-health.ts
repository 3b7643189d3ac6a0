/**
 * OBS's stream output as sample fields: the stream state from StreamStateChanged and the polled
 * GetStreamStatus, rates and frame counts from the polled counters. One per connection to OBS.
 *
 * `streamState` stays undefined until the stream has been active during this connection: a producer who
 * uses OBS only as a virtual camera into Zoom never streams from it, and "offline" would be a false alarm.
 */
import type { HealthSample, StreamState } from '../../../../../shared/types';
import type { Stats, StreamStatus } from './obs-payloads';

type StreamFields = Pick<
  HealthSample,
  'streamState' | 'congestion' | 'bitrateKbps' | 'droppedFrames' | 'skippedFrames' | 'videoFps'
>;

/** obs-websocket's `outputState` → ours; the states in between (starting, stopping) change nothing. */
const EVENT_STATES = new Map<string, StreamState>([
  ['OBS_WEBSOCKET_OUTPUT_STARTED', 'online'],
  ['OBS_WEBSOCKET_OUTPUT_RECONNECTED', 'online'],
  ['OBS_WEBSOCKET_OUTPUT_RECONNECTING', 'reconnecting'],
  ['OBS_WEBSOCKET_OUTPUT_STOPPED', 'offline'],
]);

/** A counter that went down was restarted (a new stream, a reconnect): what it counts now is the delta. */
const delta = (now: number, before: number) => (now >= before ? now - before : now);

export function streamHealth() {
  let active = false;
  let state: StreamState | undefined;
  /** Bumped by every event: a poll sent before an event must not overwrite the state it brought. */
  let eventSeq = 0;
  let last: { at: number; bytes: number; dropped: number; skipped: number } | undefined;
  let polled: { congestion: number; videoFps: number; bitrateKbps?: number; counted?: true } | undefined;
  let dropped = 0;
  let skipped = 0;

  const enter = (s: StreamState) => {
    state = s;
    if (s !== 'offline') active = true;
  };

  return {
    /** A StreamStateChanged event; true if the reported state changed. */
    stateChanged(outputState: string): boolean {
      eventSeq++;
      const before = active ? state : undefined;
      const next = EVENT_STATES.get(outputState);
      if (next) enter(next);
      return (active ? state : undefined) !== before;
    },

    /** Call when sending a poll; pass the token to `polled` with its answer. */
    pollSent: (): number => eventSeq,

    polled(token: number, status: StreamStatus, stats: Stats, at: number): void {
      if (token === eventSeq)
        enter(status.outputReconnecting ? 'reconnecting' : status.outputActive ? 'online' : 'offline');
      const now = {
        at,
        bytes: status.outputBytes,
        dropped: status.outputSkippedFrames,
        skipped: stats.renderSkippedFrames + stats.outputSkippedFrames,
      };
      polled = { congestion: Math.min(1, status.outputCongestion), videoFps: stats.activeFps };
      if (last) {
        polled.counted = true;
        dropped += delta(now.dropped, last.dropped);
        skipped += delta(now.skipped, last.skipped);
        if (at > last.at) polled.bitrateKbps = (delta(now.bytes, last.bytes) * 8) / (at - last.at);
      }
      last = now;
    },

    /** The fields for a sample; frame counts are those since the previous take. */
    take(): StreamFields {
      const f: StreamFields = {};
      if (active && state) f.streamState = state;
      if (!polled) return f;
      if (f.streamState) {
        f.congestion = polled.congestion;
        if (polled.bitrateKbps !== undefined) f.bitrateKbps = polled.bitrateKbps;
        if (polled.counted) f.droppedFrames = dropped;
      }
      if (polled.counted) f.skippedFrames = skipped;
      f.videoFps = polled.videoFps;
      dropped = 0;
      skipped = 0;
      return f;
    },
  };
}
