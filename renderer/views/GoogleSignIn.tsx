/**
 * Google's sign-in for a YouTube source, as the console drives it: `source.signIn` gives the consent page's
 * URL, which opens in the browser (the desktop shell hands it to the system browser); `source.signInResult`
 * answers once the browser came back to Onair's loopback listener. The producer can cancel the wait
 * (`source.signInCancel`: main closes the listener).
 */
import { useEffect, useRef, useState } from 'react';
import { CommandFailed, type Transport } from '../../shared/contract';
import type { SignInResult } from '../../shared/sources';
import { Field } from '../components/Field';
import { useReportedCommandError, useReportError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';

/** What the producer types for their Google Cloud project's OAuth client ("Desktop app"). */
export interface GoogleAppInput {
  clientId: string;
  clientSecret: string;
  /** Empty: Google itself. */
  baseUrl: string;
}

export const NO_APP: GoogleAppInput = { clientId: '', clientSecret: '', baseUrl: '' };

/**
 * The OAuth client last signed in with on this page, so that signing a source in again does not ask for it
 * anew. Page memory only (gone on reload): main does not hand the client back.
 */
let lastApp: GoogleAppInput = NO_APP;
export const rememberedApp = (): GoogleAppInput => lastApp;

export type SignInPhase =
  | { step: 'idle' }
  | { step: 'starting' }
  | { step: 'waiting'; flowId: string; authUrl: string }
  | ({ step: 'signed-in'; flowId: string } & SignInResult);

/**
 * Waits for the browser. The web console's socket gives up on an answer after a few seconds, while Google's
 * page may take minutes: a wait that times out ('unavailable') is asked again, until main answers, fails the
 * sign-in (its own timeout, a refusal), or the producer cancels.
 */
async function waitForBrowser(t: Transport, flowId: string, current: () => boolean): Promise<SignInResult | null> {
  try {
    return await t.invoke('source.signInResult', { flowId });
  } catch (e) {
    if (!current()) return null;
    if (e instanceof CommandFailed && e.error.code === 'unavailable') return waitForBrowser(t, flowId, current);
    throw e;
  }
}

/** Main closes the loopback listener at once instead of at its own timeout, and forgets the account's token. */
function release(t: Transport, held: { current: string | null }, report: (what: string) => (e: unknown) => void) {
  const flowId = held.current;
  held.current = null;
  if (flowId) t.invoke('source.signInCancel', { flowId }).catch(report('Cancelling the Google sign-in'));
}

export function useGoogleSignIn() {
  const t = useTransport();
  const { error, failAs, clear } = useReportedCommandError();
  const report = useReportError();
  const [phase, setPhase] = useState<SignInPhase>({ step: 'idle' });
  // Each sign-in has a number; an answer for an older one (cancelled, replaced, unmounted) is dropped.
  const attempt = useRef(0);
  // The sign-in main still keeps for this form (waiting for the browser, or finished and not yet forgotten).
  const held = useRef<string | null>(null);
  useEffect(() => {
    const a = attempt;
    return () => {
      a.current++;
      release(t, held, report);
    };
  }, [t, report]);

  /** `then` runs once the browser is back, with the finished sign-in (signing a source in again adds it at once). */
  const start = (app: GoogleAppInput, then?: (flowId: string, r: SignInResult) => void) => {
    clear();
    const mine = ++attempt.current;
    const current = () => attempt.current === mine;
    lastApp = app;
    setPhase({ step: 'starting' });
    const clientId = app.clientId.trim();
    const baseUrl = app.baseUrl.trim();
    t.invoke('source.signIn', {
      clientId,
      ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
      ...(baseUrl ? { baseUrl } : {}),
    })
      .then(async ({ flowId, authUrl }) => {
        if (!current()) return;
        held.current = flowId;
        window.open(authUrl, '_blank', 'noopener');
        setPhase({ step: 'waiting', flowId, authUrl });
        const r = await waitForBrowser(t, flowId, current);
        if (!r || !current()) return;
        setPhase({ step: 'signed-in', flowId, ...r });
        then?.(flowId, r);
      })
      .catch((e: unknown) => {
        if (!current()) return;
        held.current = null; // main forgets a failed sign-in itself
        setPhase({ step: 'idle' });
        failAs('Signing in with Google')(e);
      });
  };

  /** Stops waiting, or starts over after signing in (Google's page may stay open; it no longer reaches Onair). */
  const cancel = () => {
    attempt.current++;
    release(t, held, report);
    clear();
    setPhase({ step: 'idle' });
  };

  return { phase, error, start, cancel, failAs, clear };
}

/** Client id, secret and the advanced base URL; `testIdPrefix` keeps two of them apart ("youtube", "resign"). */
export function GoogleAppFields(p: {
  app: GoogleAppInput;
  onChange(app: GoogleAppInput): void;
  testIdPrefix: string;
  disabled?: boolean;
}) {
  /** What the three fields share: one of the app's settings, its test id after the prefix. */
  const field = (k: keyof GoogleAppInput, testId: string) => ({
    stacked: true,
    value: p.app[k],
    onChange: (value: string) => p.onChange({ ...p.app, [k]: value }),
    autoComplete: 'off',
    disabled: p.disabled,
    testId: `${p.testIdPrefix}-${testId}`,
  });
  return (
    <>
      <Field label="OAuth client id" placeholder="…apps.googleusercontent.com" {...field('clientId', 'client-id')} />
      <Field label="Client secret" type="password" placeholder="GOCSPX-…" {...field('clientSecret', 'client-secret')} />
      <details className="advanced">
        <summary data-testid={`${p.testIdPrefix}-advanced`}>
          Advanced{p.app.baseUrl.trim() && <span className="muted"> · Google at {p.app.baseUrl.trim()}</span>}
        </summary>
        <Field
          label="Google base URL"
          hint="empty: Google itself"
          placeholder="https://accounts.google.com"
          {...field('baseUrl', 'base-url')}
        />
      </details>
    </>
  );
}

/** While Google's page is open in the browser: what to do there, the page's link again, and Cancel. */
export function SignInWaiting(p: { authUrl: string; onCancel(): void; testIdPrefix: string }) {
  return (
    <div className="sign-in-waiting" role="status" data-testid={`${p.testIdPrefix}-waiting`}>
      <span className="spinner" aria-hidden="true" />
      <span className="grow">
        Waiting for Google… finish signing in in your browser.{' '}
        <a href={p.authUrl} target="_blank" rel="noopener noreferrer" className="muted">
          Open the page again
        </a>
      </span>
      <button type="button" onClick={p.onCancel} data-testid={`${p.testIdPrefix}-cancel`}>
        Cancel
      </button>
    </div>
  );
}
