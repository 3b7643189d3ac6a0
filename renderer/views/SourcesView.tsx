/**
 * The Sources screen: what feeds the watched event (the time line and its chat, the signal sources: OBS
 * Studio, the program probe, and the platforms: YouTube Live, Zoom Webinars), each with its connection and
 * what it delivers right now; adding, testing and removing them (removing YouTube signs out); switching to a
 * real event.
 */
import { useState } from 'react';
import { isPlatformKind, type QuotaView, type SourceTestResult, type SourceView } from '../../shared/sources';
import { DeliveredSignals } from '../components/DeliveredSignals';
import { ErrorLine } from '../components/ErrorNotice';
import { useReportedCommandError } from '../hooks/useErrorNotices';
import type { LatestSignals } from '../state/latest-signals';
import { isTimelineSource, removeLabel, sourceName, sourcePill } from '../state/sources';
import { useTransport } from '../transport/TransportContext';
import { AddYoutubeForm, AddZoomForm } from './PlatformForms';
import { PlatformSettingsLine, QuotaLine, SignInAgain, useFreshQuotas } from './PlatformRow';
import { AddObsForm, AddProbeForm, TestResultLine, WatchEventForm } from './SourceForms';

export function SourcesView(p: { sources: SourceView[]; latest: ReadonlyMap<string, LatestSignals> }) {
  const quotas = useFreshQuotas(p.sources);
  return (
    <div className="sources">
      <section className="panel">
        <h2>
          Sources{' '}
          <span className="muted">
            the time line and chat come from the first; the others add signals, and the platforms their chat
          </span>
        </h2>
        <ul className="source-list">
          {p.sources.map((s) => (
            <SourceRow
              key={s.id}
              source={s}
              sources={p.sources}
              signals={p.latest.get(s.id)}
              quota={quotas.get(s.id) ?? s.quota}
            />
          ))}
        </ul>
        {!p.sources.length && <p className="muted">No source yet.</p>}
      </section>
      <div className="source-forms">
        <WatchEventForm />
        <AddObsForm />
        <AddProbeForm />
        <AddYoutubeForm />
        <AddZoomForm />
      </div>
    </div>
  );
}

function SourceRow(p: {
  source: SourceView;
  sources: SourceView[];
  signals: LatestSignals | undefined;
  quota: QuotaView | undefined;
}) {
  const t = useTransport();
  const s = p.source;
  const name = sourceName(s.id, p.sources);
  const pill = sourcePill(s);
  const { error, failAs, clear } = useReportedCommandError();
  const [result, setResult] = useState<SourceTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const test = () => {
    clear();
    setTesting(true);
    t.invoke('source.test', { id: s.id })
      .then(setResult, failAs(`Testing ${name}`))
      .finally(() => setTesting(false));
  };
  const remove = () => {
    clear();
    t.invoke('source.remove', { id: s.id }).catch(failAs(`Removing ${name}`));
  };
  return (
    <li
      className={`source-row source-${pill.status}`}
      data-testid="source-row"
      data-source={s.id}
      data-status={pill.status}
      data-kind={s.kind}
    >
      <div className="source-head">
        <span className={`pill pill-${pill.status}`}>
          <span className="dot" />
          {s.connection.status}
          {s.connection.status === 'offline' && s.connection.attempt ? ` · retry ${s.connection.attempt}` : ''}
        </span>
        <strong className="source-label">{s.label}</strong>
        <span className="muted">
          {isTimelineSource(s) ? 'time line and chat' : isPlatformKind(s.kind) ? 'chat and signals' : 'signals'}
        </span>
        <span className="spacer" />
        {!isTimelineSource(s) && (
          <>
            <button onClick={test} disabled={testing} data-testid="source-test">
              {testing ? 'Testing…' : 'Test'}
            </button>
            <button className="danger" onClick={remove} data-testid="source-remove">
              {removeLabel(s)}
            </button>
          </>
        )}
      </div>
      {s.connection.lastError && (
        <div className="source-error" data-testid="source-last-error">
          {s.connection.lastError}
        </div>
      )}
      {s.needsSignIn && <SignInAgain source={s} />}
      {s.connection.detail && (
        <div className="muted source-detail" data-testid="source-detail">
          {s.connection.detail}
        </div>
      )}
      {p.quota && <QuotaLine quota={p.quota} />}
      <SettingsLine source={s} />
      <PlatformSettingsLine source={s} />
      <DeliveredSignals signals={p.signals} testId="source-delivers" />
      <TestResultLine result={result} testId="source-test-result" />
      <ErrorLine error={error} testId="source-error" block />
    </li>
  );
}

function SettingsLine({ source }: { source: SourceView }) {
  const st = source.settings;
  if (st?.kind !== 'obs') return null;
  const inputs = st.inputs.length ? `microphones: ${st.inputs.join(', ')}` : 'every input with a meter';
  return (
    <div className="muted">
      {inputs} · {st.passwordSet ? 'password set' : 'no password'}
    </div>
  );
}
