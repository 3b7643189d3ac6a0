/**
 * Broadcast channels: where public status updates go. "Channel" always means a broadcast destination.
 * The specs are data so the composer can preview a draft at each channel's own length and rules.
 */
import type { EpochMs } from './types';

export const CHANNEL_IDS = [
  'webinar-chat',
  'email',
  'sms',
  'x',
  'linkedin',
  'facebook',
  'status-page',
  'slack',
  'teams',
  'discord',
  'webhook',
] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export interface ChannelSpec {
  id: ChannelId;
  label: string;
  /** Hard limit on the text length the channel accepts (characters; X counts URLs as 23). */
  maxLength: number;
  /** Whether links are allowed/clickable in this channel. */
  links: boolean;
  /** Formatting the channel renders. */
  format: 'plain' | 'markdown' | 'html';
  /** Whether the channel carries a subject line (e-mail, status page title). */
  subject: boolean;
  /**
   * Whether a repeated post with the same idempotency key is recognised (by the platform, or by the
   * adapter checking first). Only these are re-sent automatically after a crash mid-send; for the others
   * a resend could publish twice, so the operator checks and decides.
   */
  dedupesByKey: boolean;
  /** Credential fields the settings screen asks for (values are stored encrypted). */
  credentialFields: readonly CredentialField[];
}

export interface CredentialField {
  key: string;
  label: string;
  /** Never shown again once stored (SECRET_MASK instead), never in an event, a result or an error. */
  secret: boolean;
  placeholder?: string;
  /**
   * Says where the channel sends (host, port, TLS, endpoint, URL). The stored secrets were entered for that
   * destination: changing one of these fields needs them entered again, so the mask cannot send them elsewhere.
   */
  destination?: boolean;
  /** A yes/no field, stored as "true" or "false": the settings screen shows a switch. */
  toggle?: boolean;
  /** The only values the field takes: the settings screen shows a select (the first is the default). */
  choices?: readonly string[];
  /** Asked for only while another field of the channel holds this value (its choice, e.g. the publish target). */
  shownWhen?: { key: string; value: string };
}

const f = (key: string, label: string, secret = false, placeholder?: string): CredentialField => ({
  key,
  label,
  secret,
  placeholder,
});
/** A field naming the destination (see CredentialField.destination). */
const at = (field: CredentialField): CredentialField => ({ ...field, destination: true });
/** A field asked for only while `key` holds `value`. */
const when = (key: string, value: string, field: CredentialField): CredentialField => ({
  ...field,
  shownWhen: { key, value },
});
/** The status page's publish target; each target's fields are shown only while it is chosen. */
const sftp = (field: CredentialField) => when('target', 'sftp', field);
const s3 = (field: CredentialField) => when('target', 's3', field);
const git = (field: CredentialField) => when('target', 'git', field);

export const CHANNEL_SPECS: Record<ChannelId, ChannelSpec> = {
  'webinar-chat': {
    id: 'webinar-chat',
    label: 'Webinar chat',
    maxLength: 500,
    links: true,
    format: 'plain',
    subject: false,
    dedupesByKey: true,
    credentialFields: [f('author', 'Post as', false, 'Organiser')],
  },
  email: {
    id: 'email',
    label: 'E-mail to attendees',
    maxLength: 20_000,
    links: true,
    format: 'plain',
    subject: true,
    dedupesByKey: false,
    credentialFields: [
      at(f('host', 'SMTP host')),
      at(f('port', 'SMTP port', false, '587')),
      at({ ...f('secure', 'TLS from the first byte (port 465)'), toggle: true }),
      f('user', 'User'),
      f('pass', 'Password', true),
      f('from', 'From address'),
      // The audience list is who e-mail goes to; these are extra addresses (the team's own, to see each send).
      f('recipients', 'Extra recipients besides the audience list (comma-separated)'),
      f('batchSize', 'Recipients per message', false, '50'),
    ],
  },
  sms: {
    id: 'sms',
    label: 'SMS',
    maxLength: 459,
    links: true,
    format: 'plain',
    subject: false,
    dedupesByKey: true,
    credentialFields: [
      at(f('endpoint', 'Gateway URL')),
      f('apiKey', 'API key', true),
      f('sender', 'Sender ID'),
      f('recipients', 'Extra numbers besides the audience list (comma-separated)'),
    ],
  },
  x: {
    id: 'x',
    label: 'X (Twitter)',
    maxLength: 280,
    links: true,
    format: 'plain',
    subject: false,
    dedupesByKey: false,
    credentialFields: [
      at(f('endpoint', 'API base URL', false, 'https://api.x.com')),
      f('bearerToken', 'User access token', true),
    ],
  },
  linkedin: {
    id: 'linkedin',
    label: 'LinkedIn',
    maxLength: 3000,
    links: true,
    format: 'plain',
    subject: false,
    dedupesByKey: false,
    credentialFields: [
      at(f('endpoint', 'API base URL', false, 'https://api.linkedin.com')),
      f('accessToken', 'Access token', true),
      f('author', 'Author URN', false, 'urn:li:organization:123'),
    ],
  },
  facebook: {
    id: 'facebook',
    label: 'Facebook Page',
    maxLength: 63_206,
    links: true,
    format: 'plain',
    subject: false,
    dedupesByKey: false,
    credentialFields: [
      at(f('endpoint', 'Graph API base URL', false, 'https://graph.facebook.com/v21.0')),
      f('pageId', 'Page ID'),
      f('pageAccessToken', 'Page access token', true),
    ],
  },
  'status-page': {
    id: 'status-page',
    label: 'Status page',
    maxLength: 5000,
    links: true,
    format: 'html',
    subject: true,
    dedupesByKey: true,
    // The page is written locally (the preview), then published to one target: `target` picks which fields apply.
    credentialFields: [
      f('title', 'Page title', false, 'Event status'),
      f('publicUrl', 'Public URL of the page (the link every message carries)', false, 'https://status.example.com/'),
      { ...at(f('target', 'Publish to', false)), choices: ['none', 'sftp', 's3', 'git'] },
      sftp(at(f('sftpHost', 'SFTP host'))),
      sftp(at(f('sftpPort', 'SFTP port', false, '22'))),
      sftp(f('sftpUser', 'SFTP user')),
      sftp(f('sftpKey', 'SFTP private key (OpenSSH format)', true)),
      sftp(at(f('sftpHostKey', 'SFTP host key fingerprint', false, 'SHA256:…'))),
      sftp(at(f('sftpFolder', 'SFTP remote folder', false, '/var/www/status'))),
      s3(at(f('s3Endpoint', 'S3 endpoint URL', false, 'https://s3.eu-west-1.amazonaws.com'))),
      s3(at(f('s3Region', 'S3 region', false, 'us-east-1'))),
      s3(at(f('s3Bucket', 'S3 bucket'))),
      s3(at(f('s3Prefix', 'S3 key prefix', false, 'status/'))),
      s3(at({ ...f('s3PathStyle', 'S3 path-style URLs'), toggle: true })),
      s3(f('s3AccessKeyId', 'S3 access key ID')),
      s3(f('s3SecretAccessKey', 'S3 secret access key', true)),
      git(at(f('gitUrl', 'Git remote URL (pages repository)', true))),
      git(at(f('gitBranch', 'Git branch', false, 'gh-pages'))),
    ],
  },
  slack: {
    id: 'slack',
    label: 'Slack',
    maxLength: 3000,
    links: true,
    format: 'markdown',
    subject: false,
    dedupesByKey: false,
    credentialFields: [at(f('webhookUrl', 'Incoming webhook URL', true))],
  },
  teams: {
    id: 'teams',
    label: 'Microsoft Teams',
    maxLength: 4000,
    links: true,
    format: 'markdown',
    subject: false,
    dedupesByKey: false,
    credentialFields: [at(f('webhookUrl', 'Workflow webhook URL', true))],
  },
  discord: {
    id: 'discord',
    label: 'Discord',
    maxLength: 2000,
    links: true,
    format: 'markdown',
    subject: false,
    dedupesByKey: false,
    credentialFields: [at(f('webhookUrl', 'Webhook URL', true))],
  },
  webhook: {
    id: 'webhook',
    label: 'Generic webhook',
    maxLength: 10_000,
    links: true,
    format: 'plain',
    subject: false,
    dedupesByKey: true,
    // The URL is a bearer secret like the chat-ops webhooks: whoever has it can post as us.
    credentialFields: [at(f('url', 'URL', true)), f('secret', 'HMAC secret', true)],
  },
};

/** Who our posts into the webinar chat are from, unless the webinar-chat channel names someone. */
export const DEFAULT_CHAT_AUTHOR = 'Organiser';

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What a channel adapter returns when a post was accepted. */
export interface DeliveryReceipt {
  channel: ChannelId;
  /** The platform's own id for the post, when it returns one. */
  remoteId?: string;
  /** Free-form detail: HTTP status, SMTP response, recipient count. */
  detail: string;
  at: number;
}

/** Channels that work without stored credentials (their fields are optional display settings). */
export const CHANNELS_WITHOUT_CREDENTIALS: ReadonlySet<ChannelId> = new Set<ChannelId>(['webinar-chat', 'status-page']);

/** Shown instead of a stored secret value; sending it back to setCredentials keeps the stored value. */
export const SECRET_MASK = '••••';

export interface ChannelSettingsView {
  channel: ChannelId;
  enabled: boolean;
  /** Credentials are stored (or the channel needs none). */
  configured: boolean;
  /** Every credential field of the channel: SECRET_MASK for a stored secret, the value for a plain field, '' when unset. */
  fields: Record<string, string>;
  /** Set when stored credentials cannot be read (other key, secure storage unavailable); re-enter them. */
  error?: string;
  /**
   * In a team: another console of the event can post on this channel (enabled and set up there), so it is on
   * every update's checklist here too, and its posts go out from there.
   */
  onOtherConsole?: true;
  updatedAt?: EpochMs;
}
