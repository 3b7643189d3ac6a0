/** The control-room view: who is watching, what they say, what the signals do. */
import { formatTime } from '../components/format';
import { classifyComplaintMask } from '../../shared/domain/detect/chat-classify';
import { ChannelAlarms } from '../components/ChannelAlarms';
import { ChatFeed } from '../components/ChatFeed';
import { HealthCharts } from '../components/HealthCharts';
import { PanelBoundary } from '../components/PanelBoundary';
import { useChannelHealth } from '../hooks/useChannelHealth';
import type { LiveFeed } from '../hooks/useLiveFeed';
import { streamBySource, type StreamSummary } from '../state/latest-signals';

export function LiveConsole({ feed, stream }: { feed: LiveFeed; stream: StreamSummary | null }) {
  const last = feed.health[feed.health.length - 1];
  const viewers = feed.health.findLast((h) => h.viewers !== undefined)?.viewers;
  const channelHealth = useChannelHealth();
  return (
    <div className="live-console">
      <section className="panel panel-signals">
        <ChannelAlarms health={channelHealth} />
        {feed.stats.lastStoreError && (
          <div className="error" role="alert" data-testid="store-error">
            {feed.stats.lastStoreError} — live data is kept in memory and retried every second.
          </div>
        )}
        <PanelBoundary name="charts">
          <div className="stat-row">
            <Stat label="Viewers" value={viewers?.toLocaleString() ?? '—'} testId="viewers" />
            <Stat
              label="Stream"
              value={stream?.state ?? '—'}
              testId="stream-state"
              tone={!stream ? undefined : stream.state === 'online' ? 'ok' : 'bad'}
              title={stream ? streamBySource(stream, feed.sources) : undefined}
            />
            <Stat label="Chat messages" value={feed.stats.chat.toLocaleString()} testId="chat-count" />
            <Stat
              label="Quarantined"
              value={feed.stats.quarantined.toLocaleString()}
              testId="quarantined"
              tone={feed.stats.quarantined ? 'warn' : undefined}
              title={feed.stats.lastQuarantineReason}
            />
            <Stat label="Last sample" value={last ? formatTime(last.ts) : '—'} testId="last-sample" />
          </div>
          <HealthCharts health={feed.health} sources={feed.sources} />
        </PanelBoundary>
      </section>
      <section className="panel panel-chat">
        <h2>
          Live chat{' '}
          <span className="muted">
            {feed.chat.length ? `${feed.chat.length.toLocaleString()} shown` : 'waiting for messages…'}
          </span>
        </h2>
        <PanelBoundary name="chat">
          <ChatFeed
            messages={feed.chat}
            // Our own posts (known by the id the source gave them, not by name) are shown as ours, never as complaints.
            mark={(m) => (m.own ? 'own' : isComplaint(m) ? 'complaint' : undefined)}
          />
        </PanelBoundary>
      </section>
    </div>
  );
}

function Stat(p: { label: string; value: string; testId: string; tone?: 'ok' | 'warn' | 'bad'; title?: string }) {
  return (
    <div className={`stat${p.tone ? ` stat-${p.tone}` : ''}`} title={p.title}>
      <div className="stat-label">{p.label}</div>
      <div className="stat-value" data-testid={p.testId}>
        {p.value}
      </div>
    </div>
  );
}

/** Complaint lines stand out in the feed (the detectors' own classifier; only visible rows are classified). */
const isComplaint = (m: { text: string }) => classifyComplaintMask(m.text) !== 0;
