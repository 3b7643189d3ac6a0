import { describe, expect, it } from 'vitest';
import { channelSettingsRepo } from './channel-settings-repo';
import { openDatabase } from './open';

describe('channel settings repo', () => {
  it('keeps credentials and the enabled flag independently', () => {
    const db = openDatabase({ file: ':memory:' });
    const repo = channelSettingsRepo(db);
    expect(repo.get('sms')).toBeUndefined();
    repo.setEnabled('sms', true, 1);
    repo.saveCredentials('sms', { secretBox: 'box-a', enc: Buffer.from([1, 2, 3]) }, 2);
    expect(repo.get('sms')).toEqual({
      channel: 'sms',
      enabled: true,
      secretBox: 'box-a',
      credentialsEnc: Buffer.from([1, 2, 3]),
      updatedAt: 2,
    });
    repo.setEnabled('sms', false, 3);
    expect(repo.get('sms')).toMatchObject({ enabled: false, secretBox: 'box-a' });
    repo.saveCredentials('sms', null, 4);
    expect(repo.get('sms')).toMatchObject({ enabled: false, secretBox: null, credentialsEnc: null });
    repo.saveCredentials('x', { secretBox: 'box-a', enc: Buffer.from([9]) }, 5);
    expect(repo.all().map((r) => [r.channel, r.enabled])).toEqual([
      ['sms', false],
      ['x', false],
    ]);
  });

  it('refuses a sealed blob without the id of the box that sealed it', () => {
    const db = openDatabase({ file: ':memory:' });
    expect(() =>
      db.prepare("INSERT INTO channel_settings (channel, credentials_enc, updated_at) VALUES ('x', x'01', 1)").run(),
    ).toThrow(/CHECK/);
  });
});
