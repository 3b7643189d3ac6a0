import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import { channelSettingsRepo } from '../db/channel-settings-repo';
import { openDatabase } from '../db/open';
import { createCredentialsStore } from './credentials-store';
import { nodeSecretBox, type SecretBox } from './secret-box';
import { SECRET_MASK } from '../../../../shared/channels';

const SECRET = 'sk_live_Zq9SecretTokenValue123';
const WEBHOOK = 'https://hooks.slack.com/services/T0/B0/XoXoSecretPath987';
const clock = { now: () => 1_700_000_000_000 };

function setup(dir = tempDir(), box: SecretBox = nodeSecretBox(join(dir, 'onair.key'))) {
  const file = join(dir, 'onair.sqlite');
  const db = openDatabase({ file });
  return { dir, file, db, store: createCredentialsStore({ repo: channelSettingsRepo(db), box, clock }) };
}

function fileHas(path: string, needle: string): boolean {
  if (!existsSync(path)) return false;
  const bytes = readFileSync(path);
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')].some((n) => bytes.includes(n));
}

describe('credentials store', () => {
  it('never writes a secret in plain text to the SQLite file or its WAL', () => {
    const { file, db, store } = setup();
    store.setCredentials('sms', {
      endpoint: 'https://sms.example.com',
      apiKey: SECRET,
      sender: 'Onair',
      recipients: '+4915100000001',
    });
    store.setCredentials('slack', { webhookUrl: WEBHOOK });
    store.setEnabled('sms', true);
    expect(store.getCredentials('sms')?.apiKey).toBe(SECRET);
    expect(existsSync(`${file}-wal`)).toBe(true);
    // Control: a value written in plain text is found by the same search, so the search itself works.
    db.prepare("INSERT INTO playbooks (kind, json, updated_at) VALUES ('probe', '\"plain-marker-5521\"', 1)").run();
    expect(fileHas(`${file}-wal`, 'plain-marker-5521')).toBe(true);
    for (const needle of [SECRET, WEBHOOK, '+4915100000001']) {
      expect(fileHas(file, needle), `${needle} in db`).toBe(false);
      expect(fileHas(`${file}-wal`, needle), `${needle} in wal`).toBe(false);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(fileHas(file, SECRET)).toBe(false);
    expect(fileHas(file, WEBHOOK)).toBe(false);
  });

  it('describes channels with secrets masked and plain fields shown', () => {
    const { store } = setup();
    store.setCredentials('sms', {
      endpoint: 'https://sms.example.com',
      apiKey: SECRET,
      sender: 'Onair',
      recipients: '+1',
    });
    store.setEnabled('sms', true);
    const views = store.describe();
    expect(JSON.stringify(views)).not.toContain(SECRET);
    const sms = views.find((v) => v.channel === 'sms');
    expect(sms).toMatchObject({
      enabled: true,
      configured: true,
      fields: { endpoint: 'https://sms.example.com', apiKey: SECRET_MASK, sender: 'Onair', recipients: '+1' },
    });
    expect(views.find((v) => v.channel === 'x')).toMatchObject({
      enabled: false,
      configured: false,
      fields: { endpoint: '', bearerToken: '' },
    });
    expect(views.find((v) => v.channel === 'status-page')).toMatchObject({ configured: true });
    expect(views).toHaveLength(11);
  });

  it('keeps a stored secret when the form sends the mask back, clears on empty, rejects unknown fields', () => {
    const { store } = setup();
    store.setCredentials('x', { endpoint: 'https://api.x.com', bearerToken: SECRET });
    store.setCredentials('x', { endpoint: 'https://api.x.com', bearerToken: SECRET_MASK });
    expect(store.getCredentials('x')).toEqual({ endpoint: 'https://api.x.com', bearerToken: SECRET });
    store.setCredentials('x', { endpoint: ' https://api.x.com ', bearerToken: SECRET_MASK }); // same place, spaced
    expect(store.getCredentials('x')?.bearerToken).toBe(SECRET);
    store.setCredentials('x', { endpoint: '', bearerToken: '' });
    expect(store.getCredentials('x')).toBeNull();
    store.setCredentials('x', { bearerToken: SECRET });
    expect(() => store.setCredentials('x', { token: 'oops' })).toThrow(/unknown credential field token/);
    store.setCredentials('x', { bearerToken: '' });
    expect(store.getCredentials('x')).toBeNull();
  });

  it('binds a secret to its destination: a new host, port, TLS, endpoint or URL needs it entered again', () => {
    const { store } = setup();
    const mail = { host: 'smtp.example.com', port: '587', secure: 'false', user: 'onair', pass: SECRET };
    store.setCredentials('email', mail);
    for (const moved of [{ host: '127.0.0.1' }, { port: '2525' }, { secure: 'true' }, { host: '' }]) {
      expect(
        () => store.setCredentials('email', { ...mail, pass: SECRET_MASK, ...moved }),
        JSON.stringify(moved),
      ).toThrow(/^email: SMTP (host|port)|^email: TLS/);
      expect(() => store.setCredentials('email', { ...mail, pass: undefined, ...moved })).toThrow(
        /stored Password was entered for the old destination; enter Password again to save \(or clear it\)\. Nothing was saved\./,
      );
    }
    expect(store.getCredentials('email')).toEqual(mail); // every refused save left the stored values as they were
    store.setCredentials('email', { ...mail, pass: SECRET_MASK, user: 'someone-else' }); // not a destination
    store.setCredentials('email', { ...mail, host: '127.0.0.1', pass: 'entered-again' });
    expect(store.getCredentials('email')).toMatchObject({ host: '127.0.0.1', pass: 'entered-again' });
    store.setCredentials('email', { ...mail, host: 'smtp.example.org', pass: '' });
    expect(store.getCredentials('email')).not.toHaveProperty('pass');

    store.setCredentials('x', { endpoint: 'https://api.x.com', bearerToken: SECRET });
    expect(() => store.setCredentials('x', { endpoint: 'http://127.0.0.1:9', bearerToken: SECRET_MASK })).toThrow(
      /^x: API base URL changed, and the stored User access token was entered for the old destination/,
    );
    // Clearing the endpoint moves the token to the default one: also a new destination.
    expect(() => store.setCredentials('x', { endpoint: '' })).toThrow(/API base URL changed/);
    expect(store.getCredentials('x')).toEqual({ endpoint: 'https://api.x.com', bearerToken: SECRET });

    // The generic webhook: its URL is the secret, and the HMAC secret is bound to it.
    store.setCredentials('webhook', { url: WEBHOOK, secret: SECRET });
    expect(() => store.setCredentials('webhook', { url: 'http://127.0.0.1:9/hook', secret: SECRET_MASK })).toThrow(
      /^webhook: URL changed, and the stored HMAC secret was entered for the old destination/,
    );
    store.setCredentials('webhook', { url: SECRET_MASK, secret: SECRET_MASK });
    expect(store.getCredentials('webhook')).toEqual({ url: WEBHOOK, secret: SECRET });
  });

  it('masks every webhook URL like any other secret', () => {
    const { store } = setup();
    for (const channel of ['slack', 'teams', 'discord'] as const)
      store.setCredentials(channel, { webhookUrl: WEBHOOK });
    store.setCredentials('webhook', { url: WEBHOOK });
    const views = store.describe();
    expect(JSON.stringify(views)).not.toContain('XoXoSecretPath987');
    for (const channel of ['slack', 'teams', 'discord'])
      expect(views.find((v) => v.channel === channel)?.fields).toEqual({ webhookUrl: SECRET_MASK });
    expect(views.find((v) => v.channel === 'webhook')?.fields).toEqual({ url: SECRET_MASK, secret: '' });
  });

  it('fails clearly when the key changed, and says so in describe() without leaking anything', () => {
    const dir = tempDir();
    const first = setup(dir);
    first.store.setCredentials('x', { bearerToken: SECRET });
    first.db.close();
    const { store } = setup(dir, nodeSecretBox(join(dir, 'other.key')));
    expect(() => store.getCredentials('x')).toThrow(
      /x: stored credentials cannot be read \(cannot decrypt: .*different key.*\); enter them again/,
    );
    const x = store.describe().find((v) => v.channel === 'x');
    expect(x).toMatchObject({ configured: false, fields: { bearerToken: '' } });
    expect(x?.error).toMatch(/enter them again/);
    store.setCredentials('x', { bearerToken: 'new-token' }); // re-entering replaces the unreadable value
    expect(store.getCredentials('x')).toEqual({ bearerToken: 'new-token' });
    expect(store.describeChannel('x')).toMatchObject({ configured: true, fields: { bearerToken: SECRET_MASK } });
  });

  it('refuses to store anything when the box is unavailable, and reports another box by id', () => {
    const dir = tempDir();
    const unavailable: SecretBox = {
      id: 'electron-safe-storage',
      encrypt: () => Buffer.alloc(0),
      decrypt: () => '',
      isAvailable: () => false,
    };
    const { store, db } = setup(dir, unavailable);
    expect(() => store.setCredentials('x', { bearerToken: SECRET })).toThrow(/secure storage is not available/);
    db.close();
    const a = setup(dir);
    a.store.setCredentials('x', { bearerToken: SECRET });
    a.db.close();
    const other: SecretBox = { ...unavailable, isAvailable: () => true };
    expect(() => setup(dir, other).store.getCredentials('x')).toThrow(
      /sealed by "node-aes-256-gcm", not "electron-safe-storage"/,
    );
  });
});
