/**
 * The sources a watched event is fed by, as the consoles see and set them. One source carries the event's
 * time line (the simulator, an external socket.io source, a replay, or Onair itself for a real event without
 * either); any number of signal sources add what they measure of the program (OBS Studio, the program probe)
 * and platform sources add the platform's chat and what the platform says of the stream (YouTube Live, Zoom
 * Webinars). Each has its own connection state.
 */
import type { ConnectionState, EpochMs } from './types';

export const TIMELINE_SOURCE_KINDS = ['simulator', 'socketio', 'replay', 'live'] as const;
const PLATFORM_SOURCE_KINDS = ['youtube', 'zoom'] as const;
export type PlatformSourceKind = (typeof PLATFORM_SOURCE_KINDS)[number];
export type SignalSourceKind = 'obs' | 'probe' | PlatformSourceKind;
export type SourceKind = (typeof TIMELINE_SOURCE_KINDS)[number] | SignalSourceKind;

export const isPlatformKind = (k: string): k is PlatformSourceKind =>
  (PLATFORM_SOURCE_KINDS as readonly string[]).includes(k);

/** A source id names its kind, then "-2", "-3"… for a second and third ("youtube", "zoom-2"). */
export const isPlatformSourceId = (id: string | undefined): boolean =>
  id !== undefined && isPlatformKind(id.replace(/-\d+$/, ''));

/** YouTube chat refuses longer messages (liveChatMessages.insert, snippet.textMessageDetails.messageText). */
export const YOUTUBE_CHAT_MAX_LENGTH = 200;
/** The Data API's default daily allocation, in units (it resets at midnight Pacific Time). */
export const YOUTUBE_DEFAULT_DAILY_QUOTA = 10_000;

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
    }
  | {
      kind: 'youtube';
      /** The `flowId` of a finished `source.signIn`: main holds the account's tokens under it. */
      signIn: string;
      /** The live broadcast to watch, one of those `source.signInResult` listed. */
      broadcastId: string;
      /** The Google Cloud project's daily allocation, if raised above the default. */
      dailyQuota?: number;
      /** How long the event runs: chat polling is paced so the day's quota lasts that long (default 4). */
      watchHours?: number;
      /** Sign in again: the new account tokens take the place of this source's (same id, same evidence). */
      replaces?: string;
    }
  | {
      kind: 'zoom';
      /** Server-to-Server OAuth app: account id, client id and (write-only) client secret. */
      accountId: string;
      clientId: string;
      clientSecret?: string;
      /** The WebSocket event subscription of the app (Marketplace → Features → Event Subscriptions). */
      subscriptionId: string;
      /** The webinar whose events count (digits, as in its join link). */
      webinarId: string;
      /** Where Zoom is (default https://zoom.us, its API and WebSocket hosts); tests point it at 127.0.0.1. */
      baseUrl?: string;
    };

/** Settings as they come back: passwords, secrets and tokens never leave main, only whether one is stored. */
export type SignalSourceView =
  | (Omit<Extract<SignalSourceSettings, { kind: 'obs' }>, 'password'> & { passwordSet: boolean })
  | Extract<SignalSourceSettings, { kind: 'probe' }>
  | {
      kind: 'youtube';
      /** The signed-in channel, as Google names it. */
      account: string;
      broadcastId: string;
      broadcastTitle: string;
      dailyQuota: number;
      watchHours: number;
    }
  | (Omit<Extract<SignalSourceSettings, { kind: 'zoom' }>, 'clientSecret'> & { secretSet: boolean });

/** `source.signIn`: Google's OAuth flow for installed apps; the console opens `authUrl` in the browser. */
export interface SignInStart {
  flowId: string;
  authUrl: string;
}

/** A live broadcast the signed-in account can watch. */
export interface BroadcastChoice {
  id: string;
  title: string;
  /** liveBroadcasts status.lifeCycleStatus: "live", "ready", "testing", "created", … */
  status: string;
  scheduledStart?: EpochMs;
}

/** What `source.signInResult` answers once the browser came back to Onair. */
export interface SignInResult {
  account: string;
  broadcasts: BroadcastChoice[];
}

/** A quota-metered platform source (YouTube): what its watching costs today. */
export interface QuotaView {
  used: number;
  limit: number;
  /** When the day's quota starts again (midnight Pacific Time). */
  resetsAt: EpochMs;
  /** How often the chat is read now: the platform's interval, or slower to make the quota last. */
  pollEveryMs: number;
  /** Set when the producer should know: "quota low: the chat is read every 12 s to last until 18:00". */
  warning?: string;
}

export interface SourceView {
  /** Stable and readable: it names the source in evidence ("obs", "probe-2"). */
  id: string;
  kind: SourceKind;
  /** "Simulator · audio-loss", "OBS Studio · 127.0.0.1:4455", "Program probe · https://…/live.m3u8". */
  label: string;
  connection: ConnectionState;
  /** Signal sources only: what the producer set (removable, testable). */
  settings?: SignalSourceView;
  /** YouTube: the quota its watching costs. */
  quota?: QuotaView;
  /** The platform refused the sign-in (revoked, expired): nothing more is tried until the producer signs in again. */
  needsSignIn?: true;
  /** The time line's source said the event is over (a replay or a `--once` run ended), at this session time. */
  ended?: EpochMs;
}

/** The answer of a source's Test button. */
export type SourceTestResult =
  | { ok: true; detail: string; audioInputs?: string[]; scenes?: string[]; levelDb?: number }
  | { ok: false; detail: string };
