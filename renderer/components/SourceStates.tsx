/**
 * The top bar's view of the sources: the stream's state first (the worst any source reports, so "online" from
 * one never hides "offline" from another), then one pill per source with its own connection.
 */
import type { SourceView } from '../../shared/sources';
import type { ConnectionState } from '../../shared/types';
import { streamBySource, type StreamSummary } from '../state/latest-signals';
import { isTimelineSource, sourcePill } from '../state/sources';

export function SourceStates(p: {
  sources: SourceView[];
  /** The time line's connection, shown alone until the sources are known. */
  connection: ConnectionState | null;
  stream: StreamSummary | null;
}) {
  const shown = p.sources.length ? p.sources : [beforeSnapshot(p.connection)];
  return (
    <span className="source-states">
      {/* An ended time line reports no stream any more: its last sample's state would read as still live. */}
      <StreamBadge
        stream={p.sources.find(isTimelineSource)?.ended === undefined ? p.stream : null}
        sources={p.sources}
      />
      {shown.map((s) => (
        <SourcePill key={s.id} source={s} />
      ))}
    </span>
  );
}

const beforeSnapshot = (connection: ConnectionState | null): SourceView => ({
  id: 'socketio',
  kind: 'socketio',
  label: connection?.url ?? 'Source',
  connection: connection ?? { status: 'connecting', url: '', since: 0, attempt: 0 },
});

function SourcePill({ source }: { source: SourceView }) {
  const pill = sourcePill(source);
  return (
    <span
      className={`pill pill-${pill.status}`}
      // The time line's pill keeps the id the console's first tests know it by.
      data-testid={isTimelineSource(source) ? 'connection-state' : 'source-pill'}
      data-source={source.id}
      data-status={pill.status}
      title={pill.title}
    >
      <span className="dot" />
      {pill.text}
    </span>
  );
}

function StreamBadge({ stream, sources }: { stream: StreamSummary | null; sources: SourceView[] }) {
  const state = stream?.state;
  const tone = !state ? 'none' : state === 'online' ? 'ok' : 'bad';
  return (
    <span
      className={`stream-badge stream-${tone}`}
      data-testid="stream-badge"
      data-state={state ?? 'unknown'}
      title={stream ? streamBySource(stream, sources) : 'no source reports the stream'}
    >
      Stream {state ?? '—'}
    </span>
  );
}
