/**
 * The sources a watched event is fed by, as the consoles see and set them. One source carries the event's
 * time line and its chat (the simulator, an external socket.io source, a replay, or Onair itself for a real
 * event without either); any number of signal sources add what they measure of the program (OBS Studio,
 * the program probe). Each has its own connection state.
 */
import type { ConnectionState } from './types';

export const TIMELINE_SOURCE_KINDS = ['simulator', 'socketio', 'replay', 'live'] as const;
export type SignalSourceKind = 'obs' | 'probe';
export type SourceKind = (typeof TIMELINE_SOURCE_KINDS)[number] | SignalSourceKind;

/** What the producer enters for a signal source. The OBS password is write-only (see SignalSourceView). */
export type SignalSourceSettings =
  | {
      kind: 'obs';
      host: string;
      port: number;
      password?: string;
      /** The inputs that carry the program's microphones and audio; empty: every input with a meter. */
      inputs: string[];
    }
  | {
      kind: 'probe';
      /** An RTMP/SRT pull URL, an HLS playback URL, an RTMP URL to listen on, or a capture device. */
      input: string;
      /** Listen on `input` (rtmp://127.0.0.1:…/…) for the encoder to push to, instead of pulling. */
      listen?: boolean;
    };

/** Settings as they come back: the password never leaves main, only whether one is stored. */
export type SignalSourceView =
  | (Omit<Extract<SignalSourceSettings, { kind: 'obs' }>, 'password'> & { passwordSet: boolean })
  | Extract<SignalSourceSettings, { kind: 'probe' }>;

export interface SourceView {
  /** Stable and readable: it names the source in evidence ("obs", "probe-2"). */
  id: string;
  kind: SourceKind;
  /** "Simulator · audio-loss", "OBS Studio · 127.0.0.1:4455", "Program probe · https://…/live.m3u8". */
  label: string;
  connection: ConnectionState;
  /** Signal sources only: what the producer set (removable, testable). */
  settings?: SignalSourceView;
}

/** The answer of a source's Test button. */
export type SourceTestResult =
  | { ok: true; detail: string; audioInputs?: string[]; scenes?: string[]; levelDb?: number }
  | { ok: false; detail: string };
