/**
 * A signal source's settings as main keeps them, and which of their fields are secret. The producer's input
 * is SignalSourceSettings; for YouTube it names a finished sign-in, which main turns into the account's
 * tokens and the chosen broadcast (YoutubeSettings). Secrets are sealed apart from the rest and never leave
 * main: the consoles get a view with only whether one is stored.
 */
import type { SignalSourceSettings, SignalSourceView } from '../../../../shared/sources';

export interface YoutubeSettings {
  kind: 'youtube';
  clientId: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Tests point the Google endpoints at a stand-in on 127.0.0.1 (see youtube/google-client.ts). */
  baseUrl?: string;
  account: string;
  broadcastId: string;
  broadcastTitle: string;
  dailyQuota: number;
  watchHours: number;
}

export type SourceSettings = Exclude<SignalSourceSettings, { kind: 'youtube' }> | YoutubeSettings;

const SECRET_KEYS = {
  obs: ['password'],
  probe: [],
  zoom: ['clientSecret'],
  youtube: ['clientSecret', 'refreshToken'],
} as const satisfies { [K in SourceSettings['kind']]: readonly (keyof Extract<SourceSettings, { kind: K }>)[] };

type Secrets = Record<string, string>;

/** The settings without their secrets (stored as JSON), and the secrets (sealed). */
export function splitSecrets(s: SourceSettings): { open: SourceSettings; secrets: Secrets } {
  const keys: readonly string[] = SECRET_KEYS[s.kind];
  const open: Record<string, unknown> = {};
  const secrets: Secrets = {};
  for (const [k, v] of Object.entries(s)) {
    if (!keys.includes(k)) open[k] = v;
    else if (typeof v === 'string' && v) secrets[k] = v;
  }
  return { open: open as unknown as SourceSettings, secrets };
}

export const withSecrets = (open: SourceSettings, secrets: Secrets): SourceSettings =>
  ({ ...open, ...secrets }) as SourceSettings;

export function viewOf(s: SourceSettings): SignalSourceView {
  switch (s.kind) {
    case 'probe':
      return s;
    case 'obs': {
      const { password, ...rest } = s;
      return { ...rest, passwordSet: !!password };
    }
    case 'zoom': {
      const { clientSecret, ...rest } = s;
      return { ...rest, secretSet: !!clientSecret };
    }
    case 'youtube':
      return {
        kind: 'youtube',
        account: s.account,
        broadcastId: s.broadcastId,
        broadcastTitle: s.broadcastTitle,
        dailyQuota: s.dailyQuota,
        watchHours: s.watchHours,
      };
  }
}
