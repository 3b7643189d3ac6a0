/**
 * What a platform source's row adds on the Sources screen: YouTube's quota (what watching costs today, how
 * often the chat is read, when the quota resets), signing in again when Google refused the sign-in, and the
 * settings of YouTube and Zoom sources.
 */
import { useEffect, useState } from 'react';
import type { QuotaView, SourceView } from '../../shared/sources';
import { ErrorLine } from '../components/ErrorNotice';
import { formatTime } from '../components/format';
import { useReportedCommandError, useReportError } from '../hooks/useErrorNotices';
import { quotaLine, signInAgainSettings } from '../state/sources';
import { useTransport } from '../transport/TransportContext';
import { GoogleAppFields, rememberedApp, SignInWaiting, useGoogleSignIn } from './GoogleSignIn';

/** How often the quota is read again while the screen is open: main announces connection changes, not spending. */
const QUOTA_REFRESH_MS = 5_000;
const NONE: ReadonlyMap<string, QuotaView> = new Map();

/** The newest quota of each metered source: `sources` as main last announced them, refreshed every few seconds. */
export function useFreshQuotas(sources: readonly SourceView[]): ReadonlyMap<string, QuotaView> {
  const t = useTransport();
  const report = useReportError();
  const [fresh, setFresh] = useState<{ of: readonly SourceView[]; quotas: ReadonlyMap<string, QuotaView> }>({
    of: sources,
    quotas: NONE,
  });
  const metered = sources.some((s) => s.quota);
  useEffect(() => {
    if (!metered) return;
    let alive = true;
    const timer = setInterval(() => {
      t.invoke('source.list', {}).then(
        (list) =>
          alive &&
          setFresh({ of: sources, quotas: new Map(list.flatMap((s) => (s.quota ? [[s.id, s.quota] as const] : []))) }),
        (e: unknown) => alive && report('Reading the YouTube quota')(e),
      );
    }, QUOTA_REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [t, report, metered, sources]);
  // A newer announcement from main wins over an older read.
  return fresh.of === sources ? fresh.quotas : NONE;
}

export function QuotaLine({ quota }: { quota: QuotaView }) {
  return (
    <div className="quota" data-testid="source-quota">
      <span className="quota-line" data-testid="source-quota-line">
        {quotaLine(quota, (ts) => formatTime(ts, 'HH:mm'))}
      </span>
      {quota.warning && (
        <span className="quota-warning" role="status" data-testid="source-quota-warning">
          ⚠ {quota.warning}
        </span>
      )}
    </div>
  );
}

/** Google refused the sign-in (revoked, expired): sign in again; the new tokens take the source's place. */
export function SignInAgain({ source }: { source: SourceView }) {
  const t = useTransport();
  const [app, setApp] = useState(rememberedApp);
  const signIn = useGoogleSignIn();
  const add = useReportedCommandError();
  const ph = signIn.phase;

  // Once the browser is back: the same broadcast, the new sign-in in place of the refused one. On success the
  // row loses its needsSignIn and this block goes away; on failure it says why and offers the button again.
  const start = () =>
    signIn.start(app, (flowId) => {
      const settings = signInAgainSettings(source, flowId);
      if (!settings) return;
      add.clear();
      t.invoke('source.add', { settings }).then(
        () => signIn.cancel(),
        (e: unknown) => {
          signIn.cancel();
          add.failAs('Signing YouTube in again')(e);
        },
      );
    });

  return (
    <div className="sign-in-needed" role="alert" data-testid="source-needs-sign-in">
      <strong>Google refused the sign-in — Sign in again.</strong>{' '}
      <span className="muted">
        Nothing is read from YouTube until then; the source keeps its broadcast and evidence.
      </span>
      {ph.step === 'idle' && <GoogleAppFields app={app} onChange={setApp} testIdPrefix="resign" />}
      {ph.step === 'waiting' && <SignInWaiting authUrl={ph.authUrl} onCancel={signIn.cancel} testIdPrefix="resign" />}
      {ph.step === 'signed-in' && (
        <div className="test-ok" data-testid="resign-account">
          ✔ Signed in as <strong>{ph.account}</strong>: watching again…
        </div>
      )}
      <div className="row">
        <button
          className="primary"
          onClick={start}
          disabled={ph.step !== 'idle' || !app.clientId.trim()}
          data-testid="source-sign-in-again"
        >
          {ph.step === 'idle' ? 'Sign in again' : ph.step === 'starting' ? 'Opening Google…' : 'Signing in…'}
        </button>
        <ErrorLine error={add.error ?? signIn.error} testId="source-sign-in-error" />
      </div>
    </div>
  );
}

/** What the producer set for a platform source, without its secrets. */
export function PlatformSettingsLine({ source }: { source: SourceView }) {
  const st = source.settings;
  if (st?.kind === 'youtube')
    return (
      <div className="muted" data-testid="source-settings">
        {st.account} · “{st.broadcastTitle}” · {st.dailyQuota.toLocaleString('en-US')} units a day · paced for{' '}
        {st.watchHours} h
      </div>
    );
  if (st?.kind === 'zoom')
    return (
      <div className="muted" data-testid="source-settings">
        webinar {st.webinarId} · account {st.accountId} · client {st.clientId} ·{' '}
        {st.secretSet ? 'secret set' : 'no secret'}
        {st.baseUrl ? ` · ${st.baseUrl}` : ''}
      </div>
    );
  return null;
}
