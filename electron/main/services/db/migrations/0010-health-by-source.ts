/**
 * Health samples come from several sources at once (OBS, the program probe, the simulator), each with only
 * the signals it measures: every signal column may be NULL, the source is part of the key (two sources may
 * read at the same millisecond), and the signals without a column of their own (per-input meters,
 * congestion, skipped frames, picture faults) are kept as JSON in `signals`. Rows from before are the
 * event's single unnamed source ('').
 */
export default `
CREATE TABLE health_samples_by_source (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  ts INTEGER NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  audio_level_db REAL,
  audio_packets REAL,
  video_fps REAL,
  bitrate_kbps REAL,
  dropped_frames INTEGER,
  stream_state TEXT,
  viewers INTEGER,
  signals TEXT,
  PRIMARY KEY (session_id, ts, source)
) WITHOUT ROWID;
INSERT INTO health_samples_by_source (session_id, ts, audio_level_db, audio_packets, video_fps, bitrate_kbps,
  dropped_frames, stream_state, viewers)
  SELECT session_id, ts, audio_level_db, audio_packets, video_fps, bitrate_kbps, dropped_frames, stream_state, viewers
  FROM health_samples;
DROP TABLE health_samples;
ALTER TABLE health_samples_by_source RENAME TO health_samples;
`;
