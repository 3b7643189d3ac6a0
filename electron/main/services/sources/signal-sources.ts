/**
 * The event's signal and platform sources (OBS Studio, the program probe, YouTube Live, Zoom Webinars): added
 * and removed by the producer, stored with their secrets sealed, started at once and again when Onair
 * restarts. Each runs its own adapter into ingest through a sink of its own, which stamps every sample with
 * the source's id (so detectors judge it on its own and evidence names it) and keeps the source's connection
 * state for the Sources screen. A platform's chat goes to ingest too, its ids prefixed with the source's
 * ("youtube:LCC.…"), so two platforms can never collide and every line names where it was said.
 */
import type { Clock } from '../../../../shared/clock';
import { CommandFailed } from '../../../../shared/contract';
import {
  isPlatformKind,
  type SignalSourceKind,
  type SignalSourceSettings,
  type SourceTestResult,
  type SourceView,
} from '../../../../shared/sources';
import type { ConnectionState } from '../../../../shared/types';
import type { SignalSourceRecord, SignalSourcesRepo } from '../db/signal-sources-repo';
import type { SourceAdapter, SourceSink } from '../ingest/source-adapter';
import type { SecretBox } from '../secrets/secret-box';
import { splitSecrets, viewOf, withSecrets, type SourceSettings } from './source-settings';
import { messageOf } from '../../../../shared/error-message';

/** Settings Onair cannot keep or use: the command answers 'bad-args' with this message. */
class SourceSettingsError extends CommandFailed {
  constructor(message: string) {
    super({ code: 'bad-args', message });
    this.name = 'SourceSettingsError';
  }
}

export interface SignalSourcesDeps {
  repo: SignalSourcesRepo;
  box: SecretBox;
  clock: Clock;
  /** Where every source's data goes: ingest. */
  sink: SourceSink;
  /** From what the producer entered to what main keeps (YouTube: the sign-in's tokens); throws SourceSettingsError. */
  resolve(input: SignalSourceSettings): Promise<SourceSettings>;
  /** Builds the adapter for a source (its secrets opened). */
  adapterFor(settings: SourceSettings, id: string): SourceAdapter;
  /** Tries a source once. */
  test(settings: SourceSettings): Promise<SourceTestResult>;
  /** A source was removed for good: sign out of its account. */
  signOut?(settings: SourceSettings): Promise<void>;
  /** A source was added or removed, or its connection changed. */
  onChange(): void;
  log?: (line: string) => void;
}

interface Running {
  id: string;
  settings: SourceSettings;
  adapter: SourceAdapter;
  connection: ConnectionState;
}

const LABEL: Record<SignalSourceKind, string> = {
  obs: 'OBS Studio',
  probe: 'Program probe',
  youtube: 'YouTube Live',
  zoom: 'Zoom Webinar',
};

/** A platform's chat id as ingest keeps it: the source's id first, so two platforms never collide. */
const chatIdOf = (sourceId: string, platformId: string) => `${sourceId}:${platformId}`;

export function createSignalSources(d: SignalSourcesDeps) {
  const running = new Map<string, Running>();

  function sinkFor(r: Pick<Running, 'id' | 'connection' | 'settings'>): SourceSink {
    const refuse = (event: string, why: string) => (payload: unknown) =>
      d.sink.quarantined(`${r.id}: ${event}`, `${r.id} ${why}`, payload, 'unknown-event');
    const platform = isPlatformKind(r.settings.kind);
    return {
      hello: refuse('source.hello', 'does not carry the time line'),
      chat: platform
        ? (messages) => d.sink.chat(messages.map((m) => ({ ...m, id: chatIdOf(r.id, m.id), source: r.id })))
        : refuse('chat', 'carries program signals only'),
      ended: refuse('source.ended', 'does not carry the time line'),
      ownPost: (messageId) => platform && d.sink.ownPost(chatIdOf(r.id, messageId)),
      health: (h) => d.sink.health({ ...h, source: r.id }),
      quarantined: (event, reason, payload, kind) => d.sink.quarantined(`${r.id}: ${event}`, reason, payload, kind),
      connection(state) {
        r.connection = state;
        d.onChange();
      },
    };
  }

  function start(id: string, settings: SourceSettings): Running {
    let adapter: SourceAdapter;
    try {
      adapter = d.adapterFor(settings, id);
    } catch (err) {
      // The adapter refuses settings it cannot use (a probe input it cannot read): the producer's to fix.
      throw new SourceSettingsError(messageOf(err));
    }
    const r: Running = {
      id,
      settings,
      adapter,
      connection: { status: 'connecting', url: adapter.url, since: d.clock.now(), attempt: 0 },
    };
    running.set(id, r);
    adapter.start(sinkFor(r));
    return r;
  }

  function freeId(kind: SignalSourceKind): string {
    if (!running.has(kind)) return kind;
    for (let n = 2; ; n++) if (!running.has(`${kind}-${n}`)) return `${kind}-${n}`;
  }

  function seal(secrets: Record<string, string>): { secretBox: string | null; secretsEnc: Buffer | null } {
    if (!Object.keys(secrets).length) return { secretBox: null, secretsEnc: null };
    if (!d.box.isAvailable())
      throw new SourceSettingsError("secure storage is not available; the source's secrets were not saved");
    return { secretBox: d.box.id, secretsEnc: d.box.encrypt(JSON.stringify(secrets)) };
  }

  function open(rec: SignalSourceRecord): Record<string, string> {
    const sealed = rec.secretsEnc ?? rec.passwordEnc;
    if (!sealed) return {};
    try {
      if (rec.secretBox !== d.box.id) throw new Error(`sealed by "${rec.secretBox}", not "${d.box.id}"`);
      const opened = d.box.decrypt(sealed);
      return rec.secretsEnc ? (JSON.parse(opened) as Record<string, string>) : { password: opened };
    } catch (err) {
      // The platform or OBS refuses the connection and the Sources screen says so; the producer enters them again.
      d.log?.(`${rec.id}: the stored secrets cannot be opened (${(err as Error).message}); enter them again`);
      return {};
    }
  }

  const view = (r: Running): SourceView => {
    const quota = r.adapter.quota?.();
    return {
      id: r.id,
      kind: r.settings.kind,
      label: `${LABEL[r.settings.kind]} · ${r.adapter.url}`,
      connection: r.connection,
      settings: viewOf(r.settings),
      ...(quota ? { quota } : {}),
      ...(r.adapter.needsSignIn?.() ? { needsSignIn: true as const } : {}),
    };
  };

  async function stopOne(id: string): Promise<Running | undefined> {
    const r = running.get(id);
    running.delete(id);
    await r?.adapter.stop();
    return r;
  }

  return {
    /** Starts the stored sources (Onair restarted mid-event). */
    resume(): void {
      for (const rec of d.repo.all()) {
        if (running.has(rec.id)) continue;
        try {
          start(rec.id, withSecrets(JSON.parse(rec.settings) as SourceSettings, open(rec)));
        } catch (err) {
          // Refused since it was stored (a newer version checks more): the others still start.
          d.log?.(`${rec.id}: not started: ${(err as Error).message}`);
        }
      }
      if (running.size) d.onChange();
    },
    async add(input: SignalSourceSettings): Promise<SourceView> {
      const replaces = input.kind === 'youtube' ? input.replaces : undefined;
      if (replaces !== undefined && running.get(replaces)?.settings.kind !== 'youtube')
        throw new SourceSettingsError(`no YouTube source ${replaces} to sign in again`);
      const settings = await d.resolve(input);
      const { open: stored, secrets } = splitSecrets(settings);
      const sealed = seal(secrets);
      const id = replaces ?? freeId(settings.kind);
      if (replaces) await stopOne(replaces);
      // Built first: settings the adapter refuses (a probe input it cannot read) are not stored.
      const r = start(id, settings);
      d.repo.put({ id, kind: settings.kind, settings: JSON.stringify(stored), ...sealed, addedAt: d.clock.now() });
      d.onChange();
      return view(r);
    },
    async remove(id: string): Promise<boolean> {
      const r = await stopOne(id);
      const removed = d.repo.remove(id);
      if (r && d.signOut)
        await d.signOut(r.settings).catch((err: unknown) => d.log?.(`${id}: sign-out failed: ${messageOf(err)}`));
      if (r || removed) d.onChange();
      return !!r || removed;
    },
    test: async (input: SignalSourceSettings): Promise<SourceTestResult> => d.test(await d.resolve(input)),
    /** Tries a running source with its stored settings, secrets included (its Test button). */
    testStored(id: string): Promise<SourceTestResult> | undefined {
      const r = running.get(id);
      return r && d.test(r.settings);
    },
    views: (): SourceView[] => [...running.values()].map(view),
    /** A running source's settings, secrets included (main only: the audience's Zoom registrants import). */
    settingsOf: (id: string): SourceSettings | undefined => running.get(id)?.settings,
    count: (): number => running.size,
    /** The running platform sources that can post into their chat (the webinar-chat channel's destinations). */
    chatPosters: (): { id: string; label: string; adapter: SourceAdapter }[] =>
      [...running.values()]
        .filter((r) => r.adapter.postsToChat)
        .map((r) => ({ id: r.id, label: LABEL[r.settings.kind], adapter: r.adapter })),
    async stop(): Promise<void> {
      const all = [...running.values()];
      running.clear();
      await Promise.all(all.map((r) => r.adapter.stop()));
    },
  };
}
export type SignalSources = ReturnType<typeof createSignalSources>;
