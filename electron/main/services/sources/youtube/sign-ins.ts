/**
 * Sign-ins in progress or just finished: `source.signIn` starts Google's flow and the console opens its URL
 * in the browser; `source.signInResult` waits for the browser to come back; `source.add` then names the
 * sign-in and one of its broadcasts. The account's refresh token stays here, in main's memory, until the
 * source is added (then it is sealed in the database) or the sign-in expires.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Disposable } from '../../../../../shared/clock';
import { CommandFailed } from '../../../../../shared/contract';
import {
  YOUTUBE_DEFAULT_DAILY_QUOTA,
  type SignalSourceSettings,
  type SignInResult,
  type SignInStart,
} from '../../../../../shared/sources';
import type { YoutubeSettings } from '../source-settings';
import type { GoogleApp } from './google-client';
import type { GoogleSignIn, SignedIn } from './google-sign-in';
import { messageOf } from '../../../../../shared/error-message';

/** A finished sign-in not used by then is forgotten, its token with it. */
const KEEP_MS = 15 * 60_000;
const DEFAULT_WATCH_HOURS = 4;

interface Flow {
  app: GoogleApp;
  signIn: GoogleSignIn;
  result?: SignedIn;
  expiry: Disposable;
}

export interface SignInsDeps {
  clock: Clock;
  startSignIn(app: GoogleApp): Promise<GoogleSignIn>;
}

const refused = (message: string): never => {
  throw new CommandFailed({ code: 'bad-args', message });
};

export function createSignIns(d: SignInsDeps) {
  const flows = new Map<string, Flow>();

  function flowOf(flowId: string): Flow {
    return flows.get(flowId) ?? refused('that sign-in is over or unknown: sign in again');
  }

  return {
    async start(app: GoogleApp): Promise<SignInStart> {
      const signIn = await d.startSignIn(app);
      const flowId = randomUUID();
      const expiry = d.clock.setTimer(KEEP_MS, () => {
        signIn.cancel();
        flows.delete(flowId);
      });
      const flow: Flow = { app, signIn, expiry };
      flows.set(flowId, flow);
      signIn.done.then(
        (r) => (flow.result = r),
        () => flows.delete(flowId),
      );
      return { flowId, authUrl: signIn.authUrl };
    },
    /** Waits for the browser to come back (or the sign-in to fail: a clear message for the console). */
    async result(flowId: string): Promise<SignInResult> {
      const flow = flowOf(flowId);
      try {
        const r = await flow.signIn.done;
        return { account: r.account, broadcasts: r.broadcasts };
      } catch (err) {
        return refused(messageOf(err));
      }
    },
    /**
     * The producer gave up: a sign-in still waiting closes its loopback listener (a pending `result` fails
     * with "Sign-in cancelled"), a finished one is forgotten with its token.
     */
    cancel(flowId: string): void {
      const flow = flowOf(flowId);
      flows.delete(flowId);
      flow.expiry.dispose();
      flow.signIn.cancel();
    },
    /** The settings main keeps for a YouTube source the producer picked. */
    settingsFor(input: Extract<SignalSourceSettings, { kind: 'youtube' }>): YoutubeSettings {
      const flow = flowOf(input.signIn);
      const r = flow.result ?? refused('the sign-in has not finished yet');
      const b = r.broadcasts.find((x) => x.id === input.broadcastId) ?? refused('that broadcast is not on the account');
      return {
        kind: 'youtube',
        clientId: flow.app.clientId,
        ...(flow.app.clientSecret ? { clientSecret: flow.app.clientSecret } : {}),
        refreshToken: r.refreshToken,
        ...(flow.app.baseUrl ? { baseUrl: flow.app.baseUrl } : {}),
        account: r.account,
        broadcastId: b.id,
        broadcastTitle: b.title,
        dailyQuota: input.dailyQuota ?? YOUTUBE_DEFAULT_DAILY_QUOTA,
        watchHours: input.watchHours ?? DEFAULT_WATCH_HOURS,
      };
    },
  };
}
export type SignIns = ReturnType<typeof createSignIns>;
