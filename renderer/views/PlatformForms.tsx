/**
 * The Sources screen's platform forms. YouTube Live: sign in with Google (the producer's own OAuth client),
 * pick one of the account's broadcasts, watch it. Zoom Webinars: a Server-to-Server OAuth app and its
 * WebSocket subscription, then Test and Add as for OBS.
 */
import { useState } from 'react';
import { YOUTUBE_DEFAULT_DAILY_QUOTA, type BroadcastChoice, type SignalSourceSettings } from '../../shared/sources';
import { ErrorLine } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { formatTime } from '../components/format';
import { preferredBroadcast } from '../state/sources';
import { GoogleAppFields, SignInWaiting, useGoogleSignIn, type GoogleAppInput, NO_APP } from './GoogleSignIn';
import { SourceForm, TestResultLine, useTestAndAdd } from './SourceForms';

const DEFAULT_WATCH_HOURS = 4;
/** How much of the account's quota the source may spend, and over how long; empty: main's defaults. */
const LIMIT_FIELDS = [
  { key: 'dailyQuota', label: 'Daily quota (units)', inputMode: 'numeric', size: 9, testId: 'youtube-daily-quota' },
  { key: 'watchHours', label: 'Event length (hours)', inputMode: 'decimal', size: 4, testId: 'youtube-watch-hours' },
] as const;
type Limits = Record<(typeof LIMIT_FIELDS)[number]['key'], string>;
const DEFAULT_LIMITS: Limits = {
  dailyQuota: String(YOUTUBE_DEFAULT_DAILY_QUOTA),
  watchHours: String(DEFAULT_WATCH_HOURS),
};

export function AddYoutubeForm() {
  const [app, setApp] = useState<GoogleAppInput>(NO_APP);
  const signIn = useGoogleSignIn();
  const c = useTestAndAdd('YouTube Live');
  const [picked, setPicked] = useState<string | null>(null);
  const [limits, setLimits] = useState(DEFAULT_LIMITS);
  const ph = signIn.phase;
  const chosen = ph.step === 'signed-in' ? (picked ?? preferredBroadcast(ph.broadcasts)?.id) : undefined;

  const start = () => {
    setPicked(null);
    signIn.start(app);
  };
  const watch = () => {
    if (ph.step !== 'signed-in' || !chosen) return;
    const settings: SignalSourceSettings = {
      kind: 'youtube',
      signIn: ph.flowId,
      broadcastId: chosen,
      ...(limits.dailyQuota.trim() ? { dailyQuota: Number(limits.dailyQuota) } : {}),
      ...(limits.watchHours.trim() ? { watchHours: Number(limits.watchHours) } : {}),
    };
    c.add(settings, () => {
      signIn.cancel();
      setApp((a) => ({ ...a, clientSecret: '' }));
    });
  };
  const submit = () => (ph.step === 'signed-in' ? watch() : ph.step === 'idle' && app.clientId.trim() && start());

  return (
    <SourceForm title="Add YouTube Live" testId="add-youtube" onSubmit={submit}>
      <p className="muted">
        Reads the live chat and the stream&apos;s health, and posts the updates into the chat. Needs an OAuth client of
        your Google Cloud project: APIs &amp; Services → Credentials → Create credentials → OAuth client ID →{' '}
        <em>Desktop app</em> (with the YouTube Data API v3 enabled).
      </p>
      {ph.step !== 'signed-in' && (
        <GoogleAppFields app={app} onChange={setApp} testIdPrefix="youtube" disabled={ph.step !== 'idle'} />
      )}
      {ph.step === 'waiting' && <SignInWaiting authUrl={ph.authUrl} onCancel={signIn.cancel} testIdPrefix="youtube" />}
      {ph.step === 'signed-in' && (
        <>
          <div className="test-ok" data-testid="youtube-account">
            ✔ Signed in as <strong>{ph.account}</strong>
          </div>
          <BroadcastList broadcasts={ph.broadcasts} chosen={chosen} onPick={setPicked} />
          <div className="row">
            {LIMIT_FIELDS.map(({ key, ...field }) => (
              <Field
                key={key}
                {...field}
                value={limits[key]}
                onChange={(v) => setLimits((l) => ({ ...l, [key]: v }))}
              />
            ))}
          </div>
          <p className="muted">
            The chat is read as often as YouTube allows, slower if the quota would not last the event.
          </p>
        </>
      )}
      <div className="row">
        {ph.step === 'signed-in' ? (
          <>
            <button type="submit" className="primary" disabled={!chosen || c.busy !== null} data-testid="youtube-watch">
              {c.busy === 'add' ? 'Adding…' : 'Watch this broadcast'}
            </button>
            <button type="button" onClick={signIn.cancel} data-testid="youtube-start-over">
              Start over
            </button>
          </>
        ) : (
          <button
            type="submit"
            className="primary"
            disabled={ph.step !== 'idle' || !app.clientId.trim()}
            data-testid="youtube-sign-in"
          >
            {ph.step === 'starting' ? 'Opening Google…' : 'Sign in with Google'}
          </button>
        )}
        <ErrorLine error={signIn.error ?? c.error} testId="youtube-error" />
      </div>
    </SourceForm>
  );
}

function BroadcastList(p: { broadcasts: BroadcastChoice[]; chosen: string | undefined; onPick(id: string): void }) {
  if (!p.broadcasts.length)
    return (
      <p className="muted" data-testid="youtube-no-broadcasts">
        This channel has no live or upcoming broadcast. Schedule one in YouTube Studio, then sign in again.
      </p>
    );
  return (
    <fieldset className="broadcast-choices" data-testid="youtube-broadcasts">
      <legend>The broadcast to watch</legend>
      {p.broadcasts.map((b) => (
        <label key={b.id} className="check broadcast-choice">
          <input
            type="radio"
            name="youtube-broadcast"
            checked={p.chosen === b.id}
            onChange={() => p.onPick(b.id)}
            data-testid="youtube-broadcast"
            data-broadcast={b.id}
          />
          <span className="broadcast-title">{b.title || b.id}</span>
          <span className={`broadcast-status broadcast-${b.status === 'live' ? 'live' : 'other'}`}>{b.status}</span>
          {b.scheduledStart !== undefined && (
            <span className="muted">{formatTime(b.scheduledStart, 'yyyy-MM-dd HH:mm')}</span>
          )}
        </label>
      ))}
    </fieldset>
  );
}

const ZOOM_FIELDS = [
  ['accountId', 'Account id', 'text'],
  ['clientId', 'Client id', 'text'],
  ['clientSecret', 'Client secret', 'password'],
  ['subscriptionId', 'WebSocket subscription id', 'text'],
  ['webinarId', 'Webinar id', 'text'],
] as const;
type ZoomInput = Record<(typeof ZOOM_FIELDS)[number][0] | 'baseUrl', string>;
const NO_ZOOM: ZoomInput = {
  accountId: '',
  clientId: '',
  clientSecret: '',
  subscriptionId: '',
  webinarId: '',
  baseUrl: '',
};

export function AddZoomForm() {
  const [z, setZ] = useState<ZoomInput>(NO_ZOOM);
  const c = useTestAndAdd('Zoom Webinars');
  const set = (k: keyof ZoomInput) => (value: string) => setZ((old) => ({ ...old, [k]: value }));
  const settings = (): SignalSourceSettings => ({
    kind: 'zoom',
    accountId: z.accountId.trim(),
    clientId: z.clientId.trim(),
    ...(z.clientSecret ? { clientSecret: z.clientSecret } : {}),
    subscriptionId: z.subscriptionId.trim(),
    webinarId: z.webinarId.replace(/\s+/g, ''),
    ...(z.baseUrl.trim() ? { baseUrl: z.baseUrl.trim() } : {}),
  });
  const ready = ZOOM_FIELDS.every(([k]) => z[k].trim());
  return (
    <SourceForm title="Add Zoom Webinars" testId="add-zoom" onSubmit={() => c.add(settings(), () => setZ(NO_ZOOM))}>
      <p className="muted">
        A Server-to-Server OAuth app in the Zoom App Marketplace, with a WebSocket event subscription to the
        webinar&apos;s events (Features → Event Subscriptions → WebSocket). Onair reads the webinar&apos;s chat, its
        viewers and Zoom&apos;s quality alerts; Zoom never resends what it sent while the socket was closed.
      </p>
      <div className="zoom-fields">
        {ZOOM_FIELDS.map(([k, label, type]) => (
          <Field
            key={k}
            label={label}
            stacked
            type={type}
            value={z[k]}
            onChange={set(k)}
            autoComplete="off"
            inputMode={k === 'webinarId' ? 'numeric' : undefined}
            testId={`zoom-${k}`}
          />
        ))}
      </div>
      <details className="advanced">
        <summary>Advanced{z.baseUrl.trim() && <span className="muted"> · Zoom at {z.baseUrl.trim()}</span>}</summary>
        <Field
          label="Zoom base URL"
          hint="empty: https://zoom.us"
          stacked
          value={z.baseUrl}
          onChange={set('baseUrl')}
          autoComplete="off"
          testId="zoom-baseUrl"
        />
      </details>
      <TestResultLine result={c.result} testId="zoom-test-result" />
      <div className="row">
        <button
          type="button"
          onClick={() => c.test(settings())}
          disabled={c.busy !== null || !ready}
          data-testid="zoom-test"
        >
          {c.busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button type="submit" className="primary" disabled={c.busy !== null || !ready} data-testid="zoom-add">
          Add
        </button>
        <ErrorLine error={c.error} testId="zoom-error" />
      </div>
    </SourceForm>
  );
}
