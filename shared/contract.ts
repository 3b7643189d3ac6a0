/**
 * The one typed contract between the UI and the main-process services.
 * Both transports carry exactly this: Electron IPC (desktop) and socket.io on 127.0.0.1 (web console).
 *
 * - Commands (`noun.verb`) are request/response. Arguments are validated against `commandArgSchemas`
 *   before a handler runs. A failed command rejects with a `ContractError` ({ code, message }).
 * - Events (`noun.pastTense`) are pushed from main to every connected UI.
 */
import type { ChannelId, ChannelSettingsView } from './channels';
import type { Playbook } from './domain/broadcast/playbook';
import type { ChannelPreview } from './domain/broadcast/channel-preview';
import type { ChannelHealth, ChannelTestResult } from './domain/broadcast/channel-health';
import type { ToneFinding } from './domain/broadcast/tone-check';
import type { BroadcastRoundView, DraftInput } from './domain/broadcast/broadcast-round';
import type { DefaultSkip } from './domain/broadcast/checklist';
import type { AnnouncementInput, AnnouncementKind, AnnouncementView } from './domain/broadcast/announcements';
import type { Incident } from './domain/incident';
import type { DeskState } from './domain/desk';
import type {
  ChatMessage,
  ConnectionState,
  EpochMs,
  HealthSample,
  IncidentId,
  QuarantineKind,
  SessionId,
} from './types';
import type { IncidentKind, OperatorAction, PostPhase, TemplatePhase } from './domain/vocabulary';
import type { OutboxEntryView } from './domain/broadcast/outbox-entry';
import type { VariantLanguage } from './domain/broadcast/language-variants';
import type { EventSummary, RecordedSession } from './domain/review/recorded-event';
import type { TimelineView } from './domain/review/timeline-view';
import type { ExportedFile, ReportFormat } from './domain/review/report-format';
import type { SignalSourceSettings, SignInResult, SignInStart, SourceTestResult, SourceView } from './sources';
import type {
  AudienceChannel,
  AudienceCounts,
  AudiencePerson,
  AudienceSettings,
  ImportPreview,
  ImportRequest,
  ImportResult,
} from './audience';
import type { DrillFault, DrillView, RehearsalState } from './rehearsal';

export type Capability = 'desktop-window' | 'safe-storage';

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'web';
  capabilities: Capability[];
  dataDir: string;
  /** Set when this console shares a team database (PostgreSQL) with other consoles. */
  team?: TeamState;
}

/** This console's link to its team's database. */
export interface TeamState {
  /** The connection string without its password. */
  database: string;
  /** This start of this console, as the team's claims name it. */
  consoleId: string;
  /** Whether the database answers; while it does not, the console says so and keeps its writes waiting. */
  reachable: boolean;
  since: number;
  problem?: string;
  /** Whether the watched event's incident engine (and its deadline timers) runs here or on another console. */
  engine?: 'here' | 'standby';
  /** Writes of the engine waiting for the team database (it was unreachable). */
  waiting?: number;
  /**
   * Ingested rows (chat, health) waiting to be copied to the team database while it is away or after its
   * queue overflowed (then read back from this console's store): none is lost, the count says how far behind.
   */
  ingestWaiting?: number;
  /** Posts queued on this console while the database was away, handed to the team's outbox once it is back. */
  postsWaiting?: number;
  /**
   * Set while this console's clock is off the database's by more than the team tolerates (a second): the
   * database's time minus this console's, positive when this console is behind. Consoles judge each other's
   * claims and deadlines by their own clocks, so the operator is told to set this machine's time right.
   */
  clockOffMs?: number;
}

/** How a desk event is watched: what `desk.open` needs to watch it on this console too. */
export type DeskSource =
  | { kind: 'simulator'; scenario: string; speed: number }
  | { kind: 'url'; url: string }
  | { kind: 'live'; eventName: string };

/** One line of the desk: a live event of this console, or of the team's other consoles. */
export interface DeskEvent extends DeskState {
  /** This console's workspace id for an event watched here; the team's session id for one watched elsewhere only. */
  id: string;
  where: 'here' | 'team';
  eventName: string;
  sessionId: SessionId | null;
  /** Null for a replay, which only this console can play. */
  source: DeskSource | null;
  /** Whether the event's source is connected (here), or its engine's console reported in lately (team). */
  connected: boolean;
  /** Where the event's incident engine runs, in a team. */
  engine?: 'here' | 'standby';
  /** The console running the event's engine, for an event watched elsewhere. */
  console?: string;
  updatedAt: EpochMs;
}

/** A watched session as the consoles see it: everything but the scripted ground truth. */
export type SessionView = Omit<RecordedSession, 'truth'> & {
  /** Onair plays this time line itself (the simulator or a replay): its posts go to the sandbox, never out. */
  rehearsal: boolean;
};

export interface IngestStats {
  chat: number;
  health: number;
  quarantined: number;
  lastQuarantineReason?: string;
  /** The quarantined payloads by why they were refused; the counts add up to `quarantined`. */
  quarantinedBy?: Partial<Record<QuarantineKind, number>>;
  /** Chat messages (same id) and health samples (same timestamp) sent again, dropped before the UI and detectors. */
  duplicates?: number;
  /** Texts that held lone UTF-16 surrogates, kept with each one replaced by U+FFFD. */
  repaired?: number;
  /** Set while live data cannot be written to SQLite (it is kept in memory and retried). */
  lastStoreError?: string;
}

export interface LiveSnapshot {
  connection: ConnectionState;
  session: SessionView | null;
  recentChat: ChatMessage[];
  recentHealth: HealthSample[];
  stats: IngestStats;
  simulator: { scenario: string; speed: number } | null;
  /** Every source feeding the event, the time line's first. */
  sources: SourceView[];
}

/** An incident as the UI sees it: the engine's view plus its public-update history. */
export interface IncidentView extends Incident {
  sessionId: SessionId | null;
  /** When the first public update went out (the operator sent round 1). */
  firstUpdateAt?: EpochMs;
  lastUpdateAt?: EpochMs;
  /** The phase of the most recent public update: once it said "resolved", no further update is due. */
  lastPhase?: PostPhase;
  rounds: number;
}

export interface DeadlineAlarm {
  incidentId: IncidentId;
  deadline: 'first-update' | 'cadence';
  dueAt: EpochMs;
}

type Commands = {
  'app.info': (a: Record<string, never>) => AppInfo;
  /** Every live event on the desk: this console's workspaces, then the team's events watched elsewhere. */
  'desk.list': (a: Record<string, never>) => DeskEvent[];
  /** Watch one more event on this console, in a workspace of its own (sources, incidents, playbooks, timers). */
  'desk.open': (a: { source: DeskSource }) => DeskEvent;
  /** Stop watching one of this console's events (its records stay in its own data folder). */
  'desk.close': (a: { id: string }) => { closed: string };
  'live.snapshot': (a: Record<string, never>) => LiveSnapshot;
  /** Scenarios the embedded simulator can play. */
  'simulator.list': (a: Record<string, never>) => { name: string; title: string; durationSec: number }[];
  /** (Re)start the embedded simulator on a scenario; the ingest reconnects to it and a new session starts. */
  'simulator.play': (a: { scenario: string; speed: number }) => { scenario: string; speed: number };
  /** Watch an external source instead of the embedded simulator. */
  'source.connect': (a: { url: string }) => ConnectionState;
  /**
   * Watch a real event with no simulator or socket.io source: Onair starts the session itself, and the signal
   * sources (OBS, the probe) feed it.
   */
  'source.watchEvent': (a: { eventName: string }) => SourceView[];
  'source.list': (a: Record<string, never>) => SourceView[];
  /**
   * Add a signal or platform source to the event (stored, its secrets sealed, and started at once). Real-time
   * sources refuse ('conflict') to join a simulator that plays faster than 1×. A YouTube source names a
   * finished sign-in; removing it signs out (the refresh token is revoked).
   */
  'source.add': (a: { settings: SignalSourceSettings }) => SourceView;
  'source.remove': (a: { id: string }) => SourceView[];
  /**
   * Start Google's sign-in for a YouTube source (OAuth for installed apps: loopback redirect, PKCE). The
   * console opens `authUrl` in the browser; the producer's Google Cloud project gives the client id.
   */
  'source.signIn': (a: { clientId: string; clientSecret?: string; baseUrl?: string }) => SignInStart;
  /** Wait for the browser to come back from the sign-in: the channel and its active and upcoming broadcasts. */
  'source.signInResult': (a: { flowId: string }) => SignInResult;
  /** Give up a sign-in still waiting for the browser: its loopback listener closes and `source.signInResult` fails. */
  'source.signInCancel': (a: { flowId: string }) => void;
  /** Try a source once without adding it (`settings`), or a stored one (`id`): OBS's version and scenes, the first level read. */
  'source.test': (a: { settings: SignalSourceSettings } | { id: string }) => SourceTestResult;

  /**
   * Incidents of the current session (open ones first), those carried over into it from an earlier one included;
   * before any source said hello, every incident still open; or the incidents that opened in a given session.
   */
  'incident.list': (a: { sessionId?: SessionId }) => IncidentView[];
  /** Open an incident by hand (an operator noticed something the detectors did not). */
  'incident.open': (a: { kind: IncidentKind; title: string; operator: string }) => IncidentView;
  /**
   * Move an incident through its lifecycle; an invalid transition fails with code 'conflict'. A false alarm
   * needs its reason in `note` (else 'bad-args'); it is stored with the transition and shown in the timeline.
   */
  'incident.transition': (a: {
    incidentId: IncidentId;
    action: OperatorAction;
    operator: string;
    note?: string;
  }) => IncidentView;
  /**
   * Answer a carried-over incident's "Still happening?" with yes (resolve and false alarm go through
   * `incident.transition`); 'conflict' when the incident is closed or was never carried over.
   */
  'incident.keepOpen': (a: { incidentId: IncidentId; operator: string }) => IncidentView;

  'playbook.list': (a: Record<string, never>) => Playbook[];
  /** Replace one kind's playbook; validated, stored in SQLite. */
  'playbook.save': (a: { playbook: Playbook }) => Playbook;

  /**
   * Render the template for an incident's next update, in a language. `skipped`: the enabled channels this kind
   * of update leaves out by default, with the reason (a chat flood's moderation notice stays in the chat and on
   * the status page); the composer starts from it and the operator may still tick them.
   */
  'broadcast.compose': (a: {
    incidentId: IncidentId;
    phase: TemplatePhase;
    lang: string;
    newTime?: string;
    link?: string;
  }) => DraftInput & { lang: string; skipped: DefaultSkip[] };
  /**
   * Per-channel previews at each channel's limits, and the tone check. Given the round (`incidentId`, `phase`,
   * `lang`), also `languages`: per e-mail/SMS channel, the other languages its people read that the round also
   * goes out in (rendered from the template, not from the operator's edits), with how many people read each.
   */
  'broadcast.preview': (a: {
    draft: DraftInput;
    channels: ChannelId[];
    incidentId?: IncidentId;
    phase?: TemplatePhase;
    lang?: string;
  }) => {
    previews: Partial<Record<ChannelId, ChannelPreview>>;
    tone: ToneFinding[];
    languages?: Partial<Record<ChannelId, VariantLanguage[]>>;
  };
  /**
   * Send one update: every channel in `channels` gets an outbox entry (idempotent per incident, round and
   * channel); every other enabled channel must be in `skipped` with a reason, else 'bad-args'.
   */
  'broadcast.send': (a: {
    incidentId: IncidentId;
    phase: TemplatePhase;
    lang: string;
    draft: DraftInput;
    operator: string;
    channels: ChannelId[];
    skipped: { channel: ChannelId; reason: string }[];
    /** A postponement's new date, for the e-mail/SMS variants in the audience's other languages. */
    newTime?: string;
  }) => BroadcastRoundView;

  /** The announcement queue by send time: what goes out when, on which channels, its status and deliveries. */
  'announcement.list': (a: Record<string, never>) => AnnouncementView[];
  /** An announcement kind's template in a language, to edit before scheduling; 'bad-args' for a break without `backAt`. */
  'announcement.compose': (a: {
    kind: AnnouncementKind;
    lang: string;
    minutes?: number;
    backAt?: string;
    newTime?: string;
    link?: string;
  }) => DraftInput & { lang: string };
  /**
   * Queue one announcement; at `sendAt` it goes to each of `channels` still enabled through the outbox (one
   * entry per channel, key `announcement:<id>:<channel>`). 'bad-args': a channel not enabled, a time already
   * past, a postponement without its new date, or a link that cannot go public.
   */
  'announcement.schedule': (a: AnnouncementInput & { operator: string }) => AnnouncementView;
  /** Replace a pending one (scheduled again at its new time); 'conflict' once it went out or was cancelled. */
  'announcement.edit': (a: AnnouncementInput & { id: string; operator: string }) => AnnouncementView;
  /** 'conflict' once it went out or was cancelled. */
  'announcement.cancel': (a: { id: string; operator: string }) => AnnouncementView;
  /** Send a pending one now: the operator's answer to an overdue one. 'conflict' once sent or cancelled. */
  'announcement.sendNow': (a: { id: string; operator: string }) => AnnouncementView;

  /**
   * Parse a registrant export and report what an import would store: the vendor layout recognised from the
   * header (or the given mapping), each problem row with its line and reason, the consents it carries.
   * Nothing is stored; 'bad-args' for a file that is not CSV.
   */
  'audience.previewImport': (a: ImportRequest) => ImportPreview;
  /** Store a preview's valid people in one transaction; 'not-found' once the preview is no longer held. */
  'audience.confirmImport': (a: { previewId: string }) => ImportResult;
  /**
   * Read a running Zoom source's approved webinar registrants from Zoom's API and preview them like a file
   * (confirmed with audience.confirmImport): registering gave e-mail consent, each problem row's line is the
   * registrant's position. 'not-found' for no such running Zoom source, 'unavailable' when Zoom refuses or fails.
   */
  'audience.importZoom': (a: { sourceId: string }) => ImportPreview;
  /** People on the list (filtered by name, e-mail or phone) with their consents and opt-outs. */
  'audience.list': (a: { query?: string; limit?: number; offset?: number }) => AudiencePerson[];
  /** How many people, and how many each channel reaches (consent and no opt-out). */
  'audience.counts': (a: Record<string, never>) => AudienceCounts;
  /** Record an opt-out by hand (a reply to the mailto, a call); 'not-found' for an unknown person. */
  'audience.optOut': (a: { personId: number; channel: AudienceChannel; operator: string }) => AudiencePerson;
  'audience.settings': (a: Record<string, never>) => AudienceSettings;
  /** 'bad-args': a country that is not ISO 3166 alpha-2, a base URL that is not http(s). */
  'audience.saveSettings': (a: Partial<AudienceSettings>) => AudienceSettings;

  'outbox.list': (a: { incidentId?: IncidentId }) => OutboxEntryView[];
  'outbox.retry': (a: { id: number }) => OutboxEntryView;
  'outbox.skip': (a: { id: number; reason: string }) => OutboxEntryView;

  'channel.list': (a: Record<string, never>) => ChannelSettingsView[];
  /** Store credentials (encrypted) and the enabled flag; SECRET_MASK values keep the stored secret. */
  'channel.configure': (a: {
    channel: ChannelId;
    enabled: boolean;
    credentials?: Record<string, string>;
  }) => ChannelSettingsView;
  'channel.test': (a: { channel: ChannelId }) => { ok: boolean; detail: string };
  /** Each channel's real delivery state: last success, last failure and its reason, and its alarm if any. */
  'channel.health': (a: Record<string, never>) => ChannelHealth[];
  /**
   * Post a test message to the channel's own target (the configured webhook, page or chat), outside the
   * outbox: recorded as the channel's last test, never in an incident's history nor in the report. A refusal
   * is `ok: false` with the reason, not an error.
   */
  'channel.sendTest': (a: { channel: ChannelId }) => ChannelTestResult;
  'statusPage.info': (a: Record<string, never>) => { url: string };

  /** Past events, newest first, filtered by event name, scenario or incident title. */
  'review.list': (a: { query: string }) => EventSummary[];
  /** The timeline of one event for a visible range, bucketed to at most `maxPoints`, with its figures. */
  'review.timeline': (a: { sessionId: SessionId; from?: number; to?: number; maxPoints?: number }) => TimelineView;
  /** What happened around a marker: the chat lines and the posts in [from, to). */
  'review.detail': (a: { sessionId: SessionId; from: number; to: number }) => {
    chat: ChatMessage[];
    posts: OutboxEntryView[];
  };
  'review.export': (a: { sessionId: SessionId; format: ReportFormat }) => ExportedFile;
  /** Import an event recorded on another machine (the JSON export); importing it twice is a no-op. */
  'review.import': (a: { content: string }) => EventSummary;
  /** Play a recorded event back through the live console at any speed, to rehearse. */
  'review.replay': (a: { sessionId: SessionId; speed: number }) => { sessionId: SessionId; speed: number };

  /** Whether the console rehearses (the simulator or a replay plays: posts go to the sandbox), and what plays. */
  'rehearsal.state': (a: Record<string, never>) => RehearsalState;
  /**
   * Leave the rehearsal: watch again the live source watched last (`resumed`). With none known nothing changes,
   * and the console asks for the real event's name (Sources, "Watch a real event").
   */
  'rehearsal.backToLive': (a: Record<string, never>) => { resumed: boolean; state: RehearsalState };
  /**
   * Start a drill: a calm rehearsal on the simulator into which the fault (or a random one) comes at a moment
   * it does not tell. 'conflict' while a drill runs, or while a live event is watched (rehearse first).
   */
  'drill.start': (a: { fault: DrillFault | 'random'; speed?: number }) => DrillView;
  /** End the running drill and score it (also done when its incident is resolved); 'not-found' when none runs. */
  'drill.end': (a: Record<string, never>) => DrillView;
  /** Every drill, newest first: the running one without its fault and moment. */
  'drill.list': (a: Record<string, never>) => DrillView[];
};

export type Events = {
  'connection.changed': ConnectionState;
  /** A source was added or removed, or its connection changed. */
  'sources.changed': SourceView[];
  'session.started': SessionView;
  'chat.received': ChatMessage[];
  'health.received': HealthSample[];
  'ingest.statsChanged': IngestStats;
  'incident.changed': IncidentView;
  /** A playbook deadline passed without a public update: the UI raises the alarm. */
  'incident.deadlineMissed': DeadlineAlarm;
  'outbox.changed': OutboxEntryView;
  'team.changed': TeamState;
  /** The desk changed: an event opened or closed, an incident, a timer's colour or a channel's health moved. */
  'desk.changed': DeskEvent[];
  /** An announcement was scheduled, edited, cancelled, sent or found overdue: the whole queue. */
  'announcements.changed': AnnouncementView[];
  'channel.changed': ChannelSettingsView;
  /** The list changed (an import, an opt-out by hand or by one-click unsubscribe). */
  'audience.changed': AudienceCounts;
  /** A channel's delivery state or alarm changed (a failure, a success, a deadline passing): all channels. */
  'channel.healthChanged': ChannelHealth[];
  /** A playbook was edited: every console's silence timers follow the new deadlines at once. */
  'playbook.changed': Playbook;
  /** The console started or stopped rehearsing, or its time line ended. */
  'rehearsal.changed': RehearsalState;
  /** A drill started, bound to its session, or ended with its score. */
  'drill.changed': DrillView;
};

export type CommandName = keyof Commands;
export type EventName = keyof Events;
export type CommandArgs<K extends CommandName> = Parameters<Commands[K]>[0];
export type CommandResult<K extends CommandName> = ReturnType<Commands[K]>;

type ErrorCode = 'bad-args' | 'unknown-command' | 'not-found' | 'conflict' | 'unavailable' | 'internal' | 'forbidden';
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

/**
 * What the desktop preload exposes as `window.onair`, and all the renderer's IPC transport uses: commands
 * answer with a `Reply` (errors as data), events arrive as (name, payload) on one listener.
 */
export interface PreloadBridge {
  invoke(name: string, args: unknown): Promise<Reply<unknown>>;
  /** Returns the unsubscribe function. */
  on(listener: (name: string, payload: unknown) => void): () => void;
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
