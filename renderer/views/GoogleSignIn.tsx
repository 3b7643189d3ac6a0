/**
 * Google's sign-in for a YouTube source, as the console drives it: `source.signIn` gives the consent page's
 * URL, which opens in the browser (the desktop shell hands it to the system browser); `source.signInResult`
 * answers once the browser came back to Onair's loopback listener. The producer can cancel the wait.
 */
import { useEffect, useRef, useState } from 'react';
import { CommandFailed, type Transport } from '../../shared/contract';
import type { SignInResult } from '../../shared/sources';
import { useReportedCommandError } from '../hooks/useErrorNotices';
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

export function useGoogleSignIn() {
  const t = useTransport();
  const { error, failAs, clear } = useReportedCommandError();
  const [phase, setPhase] = useState<SignInPhase>({ step: 'idle' });
  // Each sign-in has a number; an answer for an older one (cancelled, replaced, unmounted) is dropped.
  const attempt = useRef(0);
  useEffect(() => {
    const a = attempt;
    return () => void a.current++;
  }, []);

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
        window.open(authUrl, '_blank', 'noopener');
        setPhase({ step: 'waiting', flowId, authUrl });
        const r = await waitForBrowser(t, flowId, current);
        if (!r || !current()) return;
        setPhase({ step: 'signed-in', flowId, ...r });
        then?.(flowId, r);
      })
      .catch((e: unknown) => {
        if (!current()) return;
        setPhase({ step: 'idle' });
        failAs('Signing in with Google')(e);
      });
  };

  /** Stops waiting (Google's page may stay open; main forgets the sign-in after its own timeout). */
  const cancel = () => {
    attempt.current++;
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
  const set = (k: keyof GoogleAppInput) => (e: { target: { value: string } }) =>
    p.onChange({ ...p.app, [k]: e.target.value });
  return (
    <>
      <label className="col">
        OAuth client id
        <input
          value={p.app.clientId}
          onChange={set('clientId')}
          placeholder="…apps.googleusercontent.com"
          autoComplete="off"
          disabled={p.disabled}
          data-testid={`${p.testIdPrefix}-client-id`}
        />
      </label>
      <label className="col">
        Client secret
        <input
          type="password"
          value={p.app.clientSecret}
          onChange={set('clientSecret')}
          placeholder="GOCSPX-…"
          autoComplete="off"
          disabled={p.disabled}
          data-testid={`${p.testIdPrefix}-client-secret`}
        />
      </label>
      <details className="advanced">
        <summary data-testid={`${p.testIdPrefix}-advanced`}>
          Advanced{p.app.baseUrl.trim() && <span className="muted"> · Google at {p.app.baseUrl.trim()}</span>}
        </summary>
        <label className="col">
          Google base URL (empty: Google itself)
          <input
            value={p.app.baseUrl}
            onChange={set('baseUrl')}
            placeholder="https://accounts.google.com"
            autoComplete="off"
            disabled={p.disabled}
            data-testid={`${p.testIdPrefix}-base-url`}
          />
        </label>
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
