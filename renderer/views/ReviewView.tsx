/** After the event: history, the timeline with its figures, export, import and replay. */
import { DrillHistory } from '../components/DrillHistory';
import { useCallback, useEffect, useState } from 'react';
import type { ChatMessage, SessionId } from '../../shared/types';
import { ErrorLine } from '../components/ErrorNotice';
import { FiguresPanel } from '../components/FiguresPanel';
import { TimelineCharts } from '../components/TimelineCharts';
import { formatDuration, formatTime } from '../components/format';
import { kindLabel } from '../components/incident-labels';
import type { MarkerGroup } from '../state/timeline-markers';
import { useCommandError } from '../hooks/useErrorNotices';
import { useTimeline } from '../hooks/useTimeline';
import { useTransport } from '../transport/TransportContext';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';
import type { EventSummary } from '../../shared/domain/review/recorded-event';
import type { ReportFormat } from '../../shared/domain/review/report-format';

export function ReviewView({ initialSessionId }: { initialSessionId?: SessionId }) {
  const t = useTransport();
  const [query, setQuery] = useState('');
  // null until the first answer: "nothing matched" is said only of a search that came back empty.
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [sessionId, setSessionId] = useState<SessionId | null>(initialSessionId ?? null);
  const [selected, setSelected] = useState<MarkerGroup | null>(null);
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

  const select = (g: MarkerGroup) => {
    setSelected(g);
    clear();
    if (sessionId)
      t.invoke('review.detail', { sessionId, from: g.ts - 30_000, to: g.ts + 30_000 }).then(setDetail, (e: unknown) => {
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
          type="search"
          placeholder="Search events, incidents and chat"
          aria-label="Search past events, their incidents and chat"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="history-search"
        />
        <ErrorLine error={historyError} testId="history-error" block />
        {events?.length === 0 && (
          <p className="muted" role="status" data-testid="history-empty">
            {query.trim() ? `Nothing matched “${query.trim()}”.` : 'No events recorded yet.'}
          </p>
        )}
        <ul>
          {(events ?? []).map((e) => (
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
                {/* Two runs of one scenario are told apart by their date, time and length. */}
                <span className="muted" data-testid="history-when">
                  {formatTime(e.startedAt, 'EEE d MMM yyyy, HH:mm')}
                  {e.endedAt !== undefined ? `, ${formatDuration(e.endedAt - e.startedAt)} long` : ', still running'}
                </span>
                <span className="muted">
                  {e.scenario ? `rehearsal: ${e.scenario}` : 'live event'}
                  {e.imported ? ' · imported' : ''} · {e.chatCount.toLocaleString()} chat messages
                </span>
                {e.chatMatch && (
                  <span className="history-match" data-testid="history-chat-match">
                    chat: {e.chatMatch.author} “{e.chatMatch.text}”
                  </span>
                )}
                {e.incidents.map((i) => (
                  <span key={i.id} className="chip">
                    {kindLabel(i.kind)}: {i.title}
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
              {/* Words, not glyphs: a "+" or "◀" in a font the system lacks rendered as an empty box. */}
              <button onClick={() => tl.scale(0.5)} data-testid="zoom-in">
                Zoom in
              </button>
              <button onClick={() => tl.scale(2)} data-testid="zoom-out">
                Zoom out
              </button>
              <button onClick={() => tl.pan(-0.5)} data-testid="pan-earlier">
                Earlier
              </button>
              <button onClick={() => tl.pan(0.5)} data-testid="pan-later">
                Later
              </button>
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
            <TimelineCharts view={tl.view} onZoom={tl.zoom} selected={selected?.key ?? null} onSelect={select} />
            {selected && (
              <div className="marker-detail" data-testid="marker-detail" role="region" aria-label="Selected marker">
                {selected.markers.map((m, n) => (
                  <div key={n}>
                    <strong>
                      {formatTime(m.ts)} · {m.label}
                    </strong>
                    {m.detail && <pre>{m.detail}</pre>}
                  </div>
                ))}
                {detail && detail.chat.length > 0 && (
                  <ul className="detail-chat" tabIndex={0} aria-label="Chat around this moment">
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
        <DrillHistory />
      </section>
    </div>
  );
}
