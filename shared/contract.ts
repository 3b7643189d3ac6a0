/**
 * The one typed contract between the UI and the main-process services.
 * Both transports carry exactly this: Electron IPC (desktop) and socket.io on 127.0.0.1 (web console).
 *
 * - Commands (`noun.verb`) are request/response. Arguments are validated against `commandArgSchemas`
 *   before a handler runs. A failed command rejects with a `ContractError` ({ code, message }).
 * - Events (`noun.pastTense`) are pushed from main to every connected UI.
 */
import type { ChatMessage, ConnectionState, EpochMs, HealthSample, SessionId } from './types';

export type Capability = 'desktop-window' | 'open-data-folder' | 'safe-storage';

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'web';
  capabilities: Capability[];
  dataDir: string;
}

export interface SessionView {
  id: SessionId;
  eventName: string;
  scenario?: string;
  sourceUrl: string;
  startedAt: EpochMs;
  endedAt?: EpochMs;
}

export interface IngestStats {
  chat: number;
  health: number;
  quarantined: number;
  lastQuarantineReason?: string;
}

export interface LiveSnapshot {
  connection: ConnectionState;
  session: SessionView | null;
  recentChat: ChatMessage[];
  recentHealth: HealthSample[];
  stats: IngestStats;
  simulator: { scenario: string; speed: number } | null;
}

export type Commands = {
  'app.info': (a: Record<string, never>) => AppInfo;
  'live.snapshot': (a: Record<string, never>) => LiveSnapshot;
  /** Scenarios the embedded simulator can play. */
  'simulator.list': (a: Record<string, never>) => { name: string; title: string; durationSec: number }[];
  /** (Re)start the embedded simulator on a scenario; the ingest reconnects to it and a new session starts. */
  'simulator.play': (a: { scenario: string; speed: number }) => { scenario: string; speed: number };
  /** Watch an external source instead of the embedded simulator. */
  'source.connect': (a: { url: string }) => ConnectionState;
};

export type Events = {
  'connection.changed': ConnectionState;
  'session.started': SessionView;
  'chat.received': ChatMessage[];
  'health.received': HealthSample[];
  'ingest.statsChanged': IngestStats;
};

export type CommandName = keyof Commands;
export type EventName = keyof Events;
export type CommandArgs<K extends CommandName> = Parameters<Commands[K]>[0];
export type CommandResult<K extends CommandName> = ReturnType<Commands[K]>;

export type ErrorCode = 'bad-args' | 'unknown-command' | 'not-found' | 'conflict' | 'unavailable' | 'internal' | 'forbidden';
export interface ContractError {
  code: ErrorCode;
  message: string;
}

/** The reply shape on the wire (socket.io ack / IPC return), so errors cross as plain data. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** What the renderer depends on; it never touches window.* or io() directly. */
export interface Transport {
  invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, cb: (payload: Events[E]) => void): () => void;
}

/** The two fixed names the preload and socket.io use; the renderer never picks a raw channel. */
export const INVOKE_CHANNEL = 'onair:invoke';
export const EVENT_CHANNEL = 'onair:event';

export class CommandFailed extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
    this.name = 'CommandFailed';
  }
}
