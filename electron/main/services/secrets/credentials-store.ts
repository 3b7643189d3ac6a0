/**
 * Channel credentials, sealed by a SecretBox before they reach SQLite. Plain values leave this module only
 * through getCredentials, which is for the outbox (in main) and never for a command result: the settings
 * screen gets describe(), where every secret field is SECRET_MASK. Nothing here logs values, and error
 * messages name channels and fields, never values.
 *
 * A secret is bound to the destination it was entered for. Sending the mask back keeps it, but not when a
 * destination field (host, port, TLS, endpoint, URL) changes in the same save: otherwise anyone who can
 * configure a channel could point it at their own server and have channel.test or the next post deliver the
 * password or token there. Such a save is refused until the secrets are entered again (or cleared).
 */
import {
  CHANNEL_IDS,
  CHANNEL_SPECS,
  type ChannelId,
  CHANNELS_WITHOUT_CREDENTIALS,
  SECRET_MASK,
  type ChannelSettingsView,
  type CredentialField,
} from '../../../../shared/channels';
import type { Clock } from '../../../../shared/clock';
import type { Credentials } from '../channels/channel-adapter';
import type { ChannelSettingsRepo } from '../db/channel-settings-repo';
import { SecretBoxError, type SecretBox } from './secret-box';

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

export interface CredentialsStoreDeps {
  repo: ChannelSettingsRepo;
  box: SecretBox;
  clock: Pick<Clock, 'now'>;
}

/**
 * A settings form's values. `undefined` or SECRET_MASK keeps the stored value (the form round-trips
 * describe()'s mask); '' clears the field. Unknown field names are rejected.
 */
export type CredentialsInput = Record<string, string | undefined>;

const labels = (fields: readonly CredentialField[]) => fields.map((f) => f.label).join(', ');
const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim() === (b ?? '').trim();

/** Refuses to keep a stored secret for a destination other than the one it was entered for. */
function checkBinding(
  channel: ChannelId,
  fields: readonly CredentialField[],
  input: CredentialsInput,
  old: Credentials,
  next: Credentials,
) {
  const moved = fields.filter((f) => f.destination && !same(old[f.key], next[f.key]));
  const carried = fields.filter(
    (f) => f.secret && old[f.key] && (input[f.key] === undefined || input[f.key] === SECRET_MASK),
  );
  if (moved.length && carried.length) {
    throw new CredentialsError(
      `${channel}: ${labels(moved)} changed, and the stored ${labels(carried)} was entered for the old destination; ` +
        `enter ${labels(carried)} again to save (or clear it). Nothing was saved.`,
    );
  }
}

export function createCredentialsStore({ repo, box, clock }: CredentialsStoreDeps) {
  function read(channel: ChannelId): Credentials | null {
    const rec = repo.get(channel);
    if (!rec?.credentialsEnc || !rec.secretBox) return null;
    if (rec.secretBox !== box.id) {
      throw new CredentialsError(
        `${channel}: credentials were sealed by "${rec.secretBox}", not "${box.id}"; enter them again`,
      );
    }
    let plain: string;
    try {
      plain = box.decrypt(rec.credentialsEnc);
    } catch (err) {
      const why = err instanceof SecretBoxError ? err.message : 'decryption failed';
      throw new CredentialsError(`${channel}: stored credentials cannot be read (${why}); enter them again`);
    }
    return JSON.parse(plain) as Credentials;
  }

  /** Unreadable old credentials (other key) are being replaced by the operator: merge with nothing. */
  function readForMerge(channel: ChannelId): Credentials {
    try {
      return read(channel) ?? {};
    } catch (err) {
      if (err instanceof CredentialsError) return {};
      throw err;
    }
  }

  function fieldsOf(channel: ChannelId) {
    const spec = CHANNEL_SPECS[channel];
    if (!spec) throw new CredentialsError(`unknown channel ${String(channel)}`);
    return spec.credentialFields;
  }

  function describeChannel(channel: ChannelId): ChannelSettingsView {
    const rec = repo.get(channel);
    let creds: Credentials | null = null;
    let error: string | undefined;
    try {
      creds = read(channel);
    } catch (err) {
      error = err instanceof CredentialsError ? err.message : `${channel}: stored credentials cannot be read`;
    }
    const fields: Record<string, string> = {};
    for (const f of fieldsOf(channel)) {
      const v = creds?.[f.key];
      fields[f.key] = v ? (f.secret ? SECRET_MASK : v) : '';
    }
    return {
      channel,
      enabled: rec?.enabled ?? false,
      configured: CHANNELS_WITHOUT_CREDENTIALS.has(channel) || (!!rec?.credentialsEnc && !error),
      fields,
      ...(error ? { error } : {}),
      ...(rec ? { updatedAt: rec.updatedAt } : {}),
    };
  }

  return {
    /** Merges `input` into the stored credentials and seals them. Refuses when the box cannot seal. */
    setCredentials(channel: ChannelId, input: CredentialsInput): void {
      const fields = fieldsOf(channel);
      const known = new Set(fields.map((f) => f.key));
      const unknown = Object.keys(input).filter((k) => !known.has(k));
      if (unknown.length) throw new CredentialsError(`${channel}: unknown credential field ${unknown.join(', ')}`);
      if (!box.isAvailable()) throw new CredentialsError('secure storage is not available; credentials were not saved');
      const needsOld = fields.some((f) => input[f.key] === undefined || input[f.key] === SECRET_MASK);
      const old = needsOld ? readForMerge(channel) : {};
      const next: Credentials = {};
      for (const f of fields) {
        const v = input[f.key];
        const value = v === undefined || (v === SECRET_MASK && f.secret) ? old[f.key] : v;
        if (value !== undefined && value !== '') next[f.key] = value;
      }
      checkBinding(channel, fields, input, old, next);
      const sealed = Object.keys(next).length ? { secretBox: box.id, enc: box.encrypt(JSON.stringify(next)) } : null;
      repo.saveCredentials(channel, sealed, clock.now());
    },
    /** Decrypted credentials for the outbox; null when none are stored. Throws CredentialsError when unreadable. */
    getCredentials: (channel: ChannelId): Credentials | null => read(channel),
    /** Removes the stored credentials (the enabled flag stays). */
    clearCredentials(channel: ChannelId): void {
      repo.saveCredentials(channel, null, clock.now());
    },
    setEnabled(channel: ChannelId, enabled: boolean): void {
      fieldsOf(channel);
      repo.setEnabled(channel, enabled, clock.now());
    },
    isEnabled: (channel: ChannelId): boolean => repo.get(channel)?.enabled ?? false,
    /** For the settings screen: secret values are masked, plain fields shown, nothing secret leaves main. */
    describe: (): ChannelSettingsView[] => CHANNEL_IDS.map(describeChannel),
    describeChannel,
  };
}
export type CredentialsStore = ReturnType<typeof createCredentialsStore>;
