/**
 * The event's signal sources (OBS Studio, the program probe): added and removed by the producer, stored
 * with the OBS password sealed, started at once and again when Onair restarts. Each runs its own adapter
 * into ingest through a sink of its own, which stamps every sample with the source's id (so detectors judge
 * it on its own and evidence names it) and keeps the source's connection state for the Sources screen.
 */
import type { Clock } from '../../../../shared/clock';
import { CommandFailed } from '../../../../shared/contract';
import type {
  SignalSourceKind,
  SignalSourceSettings,
  SignalSourceView,
  SourceTestResult,
  SourceView,
} from '../../../../shared/sources';
import type { ConnectionState } from '../../../../shared/types';
import type { SignalSourcesRepo } from '../db/signal-sources-repo';
import type { SourceAdapter, SourceSink } from '../ingest/source-adapter';
import type { SecretBox } from '../secrets/secret-box';

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
  /** Builds the adapter for a source (the password opened). */
  adapterFor(settings: SignalSourceSettings): SourceAdapter;
  /** Tries a source once. */
  test(settings: SignalSourceSettings): Promise<SourceTestResult>;
  /** A source was added or removed, or its connection changed. */
  onChange(): void;
  log?: (line: string) => void;
}

interface Running {
  id: string;
  settings: SignalSourceSettings;
  adapter: SourceAdapter;
  connection: ConnectionState;
}

const LABEL: Record<SignalSourceKind, string> = { obs: 'OBS Studio', probe: 'Program probe' };

type ObsSettings = Extract<SignalSourceSettings, { kind: 'obs' }>;

function withoutPassword(s: ObsSettings): Omit<ObsSettings, 'password'> {
  const { password: _password, ...rest } = s;
  return rest;
}

const viewOf = (s: SignalSourceSettings): SignalSourceView =>
  s.kind === 'probe' ? s : { ...withoutPassword(s), passwordSet: !!s.password };

export function createSignalSources(d: SignalSourcesDeps) {
  const running = new Map<string, Running>();

  function sinkFor(r: Pick<Running, 'id' | 'connection'>): SourceSink {
    const refuse = (event: string) => (payload: unknown) =>
      d.sink.quarantined(`${r.id}: ${event}`, `${r.id} carries program signals only`, payload, 'unknown-event');
    return {
      hello: refuse('source.hello'),
      chat: refuse('chat'),
      ended: refuse('source.ended'),
      ownPost: () => {},
      health: (h) => d.sink.health({ ...h, source: r.id }),
      quarantined: (event, reason, payload, kind) => d.sink.quarantined(`${r.id}: ${event}`, reason, payload, kind),
      connection(state) {
        r.connection = state;
        d.onChange();
      },
    };
  }

  function start(id: string, settings: SignalSourceSettings): Running {
    let adapter: SourceAdapter;
    try {
      adapter = d.adapterFor(settings);
    } catch (err) {
      // The adapter refuses settings it cannot use (a probe input it cannot read): the producer's to fix.
      throw new SourceSettingsError(err instanceof Error ? err.message : String(err));
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

  function seal(password: string | undefined): { secretBox: string | null; passwordEnc: Buffer | null } {
    if (!password) return { secretBox: null, passwordEnc: null };
    if (!d.box.isAvailable())
      throw new SourceSettingsError('secure storage is not available; the OBS password was not saved');
    return { secretBox: d.box.id, passwordEnc: d.box.encrypt(password) };
  }

  function open(rec: { id: string; secretBox: string | null; passwordEnc: Buffer | null }): string | undefined {
    if (!rec.passwordEnc) return undefined;
    try {
      if (rec.secretBox !== d.box.id) throw new Error(`sealed by "${rec.secretBox}", not "${d.box.id}"`);
      return d.box.decrypt(rec.passwordEnc);
    } catch (err) {
      // OBS will refuse the connection and the Sources screen says so; the producer enters the password again.
      d.log?.(`${rec.id}: the stored OBS password cannot be opened (${(err as Error).message}); enter it again`);
      return undefined;
    }
  }

  const view = (r: Running): SourceView => ({
    id: r.id,
    kind: r.settings.kind,
    label: `${LABEL[r.settings.kind]} · ${r.adapter.url}`,
    connection: r.connection,
    settings: viewOf(r.settings),
  });

  return {
    /** Starts the stored sources (Onair restarted mid-event). */
    resume(): void {
      for (const rec of d.repo.all()) {
        if (running.has(rec.id)) continue;
        const stored = JSON.parse(rec.settings) as SignalSourceSettings;
        const password = open(rec);
        try {
          start(rec.id, stored.kind === 'obs' && password ? { ...stored, password } : stored);
        } catch (err) {
          // Refused since it was stored (a newer version checks more): the others still start.
          d.log?.(`${rec.id}: not started: ${(err as Error).message}`);
        }
      }
      if (running.size) d.onChange();
    },
    add(settings: SignalSourceSettings): SourceView {
      const id = freeId(settings.kind);
      const sealed = seal(settings.kind === 'obs' ? settings.password : undefined);
      const stored = settings.kind === 'obs' ? withoutPassword(settings) : settings;
      // Built first: settings the adapter refuses (a probe input it cannot read) are not stored.
      const r = start(id, settings);
      d.repo.add({ id, kind: settings.kind, settings: JSON.stringify(stored), ...sealed, addedAt: d.clock.now() });
      d.onChange();
      return view(r);
    },
    async remove(id: string): Promise<boolean> {
      const r = running.get(id);
      running.delete(id);
      const removed = d.repo.remove(id);
      await r?.adapter.stop();
      if (r || removed) d.onChange();
      return !!r || removed;
    },
    test: (settings: SignalSourceSettings): Promise<SourceTestResult> => d.test(settings),
    /** The stored settings of a running source, password included, for its Test button. */
    settingsOf: (id: string): SignalSourceSettings | undefined => running.get(id)?.settings,
    views: (): SourceView[] => [...running.values()].map(view),
    count: (): number => running.size,
    async stop(): Promise<void> {
      const all = [...running.values()];
      running.clear();
      await Promise.all(all.map((r) => r.adapter.stop()));
    },
  };
}
export type SignalSources = ReturnType<typeof createSignalSources>;
