/** After the event: history, the timeline with its figures, export, import and replay. */
import { formatTime } from '../components/format';
import { useCallback, useEffect, useState } from 'react';
import type { TimelineMarker } from '../../shared/domain/review/timeline';
import type { ChatMessage, SessionId } from '../../shared/types';
import { ErrorLine } from '../components/ErrorNotice';
import { FiguresPanel } from '../components/FiguresPanel';
import { TimelineCharts } from '../components/TimelineCharts';
import { useCommandError } from '../hooks/useErrorNotices';
import { useTimeline } from '../hooks/useTimeline';
import { useTransport } from '../transport/TransportContext';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';
import type { EventSummary } from '../../shared/domain/review/recorded-event';
import type { ReportFormat } from '../../shared/domain/review/report-format';

export function ReviewView({ initialSessionId }: { initialSessionId?: SessionId }) {
  const t = useTransport();
  const [query, setQuery] = useState('');
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [sessionId, setSessionId] = useState<SessionId | null>(initialSessionId ?? null);
  const [selected, setSelected] = useState<TimelineMarker | null>(null);
  const [detail, setDetail] = useState<{ chat: ChatMessage[]; posts: OutboxEntryView[] } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  // The history's own failures (search, import) show beside it; the timeline's actions' below its header.
  const { error: historyError, fail: failHistory, clear: clearHistory } = useCommandError();
  const { error, fail, clear } = useCommandError();
  const [speed, setSpeed] = useState(10);
  const tl = useTimeline(sessionId);

  const refresh = useCallback(
    () =>
      void t.invoke('review.list', { query }).then((list) => {
        setEvents(list);
        clearHistory();
      }, failHistory),
    [t, query, failHistory, clearHistory],
  );
  useEffect(() => {
    const h = setTimeout(refresh, 150); // typing in the search box: one query per pause
    return () => clearTimeout(h);
  }, [refresh]);

  const select = (m: TimelineMarker) => {
    setSelected(m);
    clear();
    if (sessionId)
      t.invoke('review.detail', { sessionId, from: m.ts - 30_000, to: m.ts + 30_000 }).then(setDetail, (e: unknown) => {
        setDetail(null);
        fail(e);
      });
  };
  const exportAs = (fmt: ReportFormat) => {
    if (!sessionId) return;
    clear();
    t.invoke('review.export', { sessionId, format: fmt }).then((f) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([f.content], { type: f.mime }));
      a.download = f.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      setMsg(`Exported ${f.fileName}`);
    }, fail);
  };
  const importFile = async (file: File) => {
    clearHistory();
    try {
      const s = await t.invoke('review.import', { content: await file.text() });
      setMsg(`Imported ${s.eventName}`);
      refresh();
      setSessionId(s.sessionId);
    } catch (e) {
      failHistory(e);
    }
  };
  const replay = () => {
    if (!sessionId) return;
    clear();
    t.invoke('review.replay', { sessionId, speed }).then(
      () => setMsg(`Replaying at ${speed}× in the live console`),
      fail,
    );
  };

  return (
    <div className="review">
      <aside className="panel history">
        <h2>Past events</h2>
        <input
          placeholder="Search events and incidents"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="history-search"
        />
        <ErrorLine error={historyError} testId="history-error" block />
        <ul>
          {events.map((e) => (
            <li key={e.sessionId} className={e.sessionId === sessionId ? 'on' : ''}>
              <button
                onClick={() => {
                  setSessionId(e.sessionId);
                  setSelected(null);
                }}
                data-testid="history-item"
                data-session={e.sessionId}
              >
                <strong>{e.eventName}</strong>
                <span className="muted">
                  {formatTime(e.startedAt, 'yyyy-MM-dd HH:mm')} · {e.scenario ?? 'live'}
                  {e.imported ? ' · imported' : ''} · {e.chatCount} msgs
                </span>
                {e.incidents.map((i) => (
                  <span key={i.id} className="chip">
                    {i.kind}: {i.title}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ul>
        <label className="import">
          Import a recording (JSON)
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
            data-testid="import-file"
          />
        </label>
      </aside>
      <section className="panel review-main">
        {!sessionId && <p className="muted">Pick an event to review its timeline.</p>}
        <ErrorLine error={tl.error} testId="timeline-error" block />
        {tl.view && (
          <>
            <header className="row review-head">
              <h2 data-testid="review-title">{tl.view.session.eventName}</h2>
              <span className="muted">
                {formatTime(tl.view.range.from)}–{formatTime(tl.view.range.to)} · buckets of{' '}
                {Math.round(tl.view.bucketMs / 1000)} s
              </span>
              <button onClick={() => tl.scale(0.5)} aria-label="Zoom in" data-testid="zoom-in">
                +
              </button>
              <button onClick={() => tl.scale(2)} aria-label="Zoom out">
                −
              </button>
              <button onClick={() => tl.pan(-0.5)}>◀</button>
              <button onClick={() => tl.pan(0.5)}>▶</button>
              <button onClick={tl.reset} data-testid="zoom-reset">
                Whole event
              </button>
              <span className="spacer" />
              {(['html', 'markdown', 'json', 'csv'] as const).map((f) => (
                <button key={f} onClick={() => exportAs(f)} data-testid={`export-${f}`}>
                  {f.toUpperCase()}
                </button>
              ))}
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="replay speed">
                {[1, 5, 10, 30, 60].map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
              <button onClick={replay} data-testid="replay">
                Replay
              </button>
            </header>
            {msg && (
              <div className="muted" data-testid="review-msg">
                {msg}
              </div>
            )}
            <ErrorLine error={error} testId="review-error" block />
            <TimelineCharts view={tl.view} onZoom={tl.zoom} onSelect={select} />
            {selected && (
              <div className="marker-detail" data-testid="marker-detail">
                <strong>
                  {formatTime(selected.ts)} · {selected.label}
                </strong>
                <pre>{selected.detail}</pre>
                {detail && detail.chat.length > 0 && (
                  <ul className="detail-chat">
                    {detail.chat.slice(0, 30).map((m) => (
                      <li key={m.id}>
                        <span className="chat-time">{formatTime(m.ts)}</span>{' '}
                        <span className="chat-author">{m.author}</span> {m.text}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <FiguresPanel figures={tl.view.figures} />
          </>
        )}
      </section>
    </div>
  );
}
