/**
 * What one ffmpeg run's readings mean: health samples (one per 100 ms of audio, stamped on the media clock:
 * when the audience heard them; a video-only feed gets one per progress line), the connection going online,
 * and the error line that explains a failure best.
 */
import type { EpochMs, HealthSample } from '../../../../../shared/types';
import type { SourceSink } from '../../ingest/source-adapter';
import { mediaClock } from './media-clock';
import { RANK, type Failure } from './probe-failure';
import type { ProbeReading } from './probe-output';

const QUARANTINE_PER_RUN = 20;
const SILENT_DB = -120;
/** A live HLS stream is read up to three segments ahead at the start; a recording runs away. */
const NOT_LIVE_MS = 45_000;

export interface Run {
  online: boolean;
  media: { audio: boolean; video: boolean };
  /** The error line that explains a failure best. */
  failure?: Failure;
  /** The wall time a reading maps to; the readings of media being read move the media clock. */
  read(r: ProbeReading, now: EpochMs): EpochMs;
}

/** What one ffmpeg run's readings mean: health samples, the connection going online, the error to show. */
export function interpret(sink: SourceSink, onMedia: (run: Run) => void, notLive: () => void): Run {
  const clock = mediaClock();
  let blackSince: EpochMs | undefined;
  let frozenSince: EpochMs | undefined;
  let quarantined = 0;
  const sample = (ts: EpochMs, levelDb?: number) => {
    const s: HealthSample = { ts };
    if (levelDb !== undefined) s.audioLevelDb = Math.min(0, Math.max(SILENT_DB, levelDb));
    if (blackSince !== undefined) s.blackSince = blackSince;
    if (frozenSince !== undefined) s.frozenSince = frozenSince;
    sink.health(s);
  };
  const run: Run = {
    online: false,
    media: { audio: false, video: false },
    read(r, now) {
      switch (r.kind) {
        case 'level': {
          const ts = clock.stamp(r.pts, now);
          if (clock.ahead() > NOT_LIVE_MS) notLive();
          onMedia(run);
          sample(ts, r.rmsDb);
          return ts;
        }
        case 'black-start':
        case 'black-end':
        case 'freeze-start':
        case 'freeze-end': {
          const ts = clock.stamp(r.at, now);
          const since = clock.at(r.pts, now);
          if (r.kind === 'black-start') blackSince ??= since;
          else if (r.kind === 'black-end') blackSince = undefined;
          else if (r.kind === 'freeze-start') frozenSince ??= since;
          else frozenSince = undefined;
          onMedia(run);
          if (!run.media.audio) sample(ts); // no levels to carry the picture's state
          return since;
        }
        case 'silence-start':
        case 'silence-end':
          return clock.at(r.pts, now);
        case 'input-stream':
          run.media[r.media] = true;
          return now;
        case 'progress': {
          // With audio, the first level says the media flows; a video-only input has only this to say so,
          // and its samples come from here: regular ones, so the picture's state is judged on time and the
          // probe does not look quiet.
          if (run.online || !run.media.audio) onMedia(run);
          if (run.media.audio || r.pts === undefined) return now;
          const ts = clock.stamp(r.pts, now);
          sample(ts);
          return ts;
        }
        case 'error':
          if (!run.failure || RANK.indexOf(r.cause) < RANK.indexOf(run.failure.cause)) run.failure = r;
          return now;
        case 'unparsed':
          if (quarantined++ < QUARANTINE_PER_RUN) sink.quarantined('ffmpeg.output', r.reason, r.line);
          return now;
      }
    },
  };
  return run;
}
