import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_IDS, CHANNEL_SPECS, type ChannelId } from '../../channels';
import {
  X_URL_LENGTH,
  measureForChannel,
  previewAll,
  previewForChannel,
  smsInfo,
  stripFormatting,
} from './channel-preview';
import { renderTemplate } from './templates';

const LINK = 'https://status.example.com/events/suite-launch-2025/incidents/42?lang=en';
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 10}`).join(' ');

describe('measureForChannel', () => {
  it('counts each URL as 23 on X and as its length elsewhere', () => {
    const text = `See ${LINK} now`;
    expect(measureForChannel(text, 'x')).toBe(4 + X_URL_LENGTH + 4);
    expect(measureForChannel(text, 'webinar-chat')).toBe(text.length);
  });
  it('counts code points, not UTF-16 units', () => {
    expect(measureForChannel('ok 😀', 'email')).toBe(4);
  });
});

describe('previewForChannel: fitting each channel', () => {
  it.each(CHANNEL_IDS.map((c) => [c] as [ChannelId]))(
    '%s: a draft far over the limit is cut to the limit and keeps the link',
    (channel) => {
      const max = CHANNEL_SPECS[channel].maxLength;
      const p = previewForChannel(
        { subject: 'Audio problem', body: words(Math.ceil(max / 5) + 50), link: LINK },
        channel,
      );
      expect(p.truncated).toBe(true);
      expect(p.maxLength).toBe(max);
      expect(p.length).toBeLessThanOrEqual(max);
      expect(p.length).toBe(measureForChannel(p.text, channel));
      expect(p.text.endsWith(LINK)).toBe(true);
      expect(p.text).toMatch(channel === 'sms' ? /word\d\.\.\. https/ : /word\d…\n\nhttps/);
      expect(p.warnings.join(' ')).toMatch(/Shortened.*link was kept/);
    },
  );

  it.each(CHANNEL_IDS.map((c) => [c] as [ChannelId]))('%s: a draft exactly at the limit is left whole', (channel) => {
    const max = CHANNEL_SPECS[channel].maxLength;
    const body = 'a'.repeat(max);
    const p = previewForChannel({ body }, channel);
    expect(p).toMatchObject({ text: body, length: max, truncated: false });
    const over = previewForChannel({ body: body + 'a' }, channel);
    expect(over.truncated).toBe(true);
    expect(over.length).toBeLessThanOrEqual(max);
  });

  it('X: a long URL costs 23, so text that looks too long still fits', () => {
    const longUrl = `https://example.com/${'p'.repeat(200)}`;
    const body = 'b'.repeat(280 - X_URL_LENGTH - 2);
    const p = previewForChannel({ body, link: longUrl }, 'x');
    expect(p.text).toBe(`${body}\n\n${longUrl}`);
    expect(p.text.length).toBeGreaterThan(280);
    expect(p).toMatchObject({ length: 280, truncated: false });
    expect(previewForChannel({ body: body + 'b', link: longUrl }, 'x').truncated).toBe(true);
  });

  it('X: the rendered acknowledgement is cut at a word with the link at the end', () => {
    const m = renderTemplate({ kind: 'audio', phase: 'acknowledge', lang: 'en', vars: { eventName: 'Suite Launch' } });
    const p = previewForChannel({ subject: m.subject, body: m.body, link: LINK }, 'x');
    expect(p.length).toBeLessThanOrEqual(280);
    expect(p.text).not.toContain(m.subject); // X leaves the subject out
    expect(p.text).toMatch(/^We are sorry/);
    expect(p.text).toMatch(/[a-z]…\n\nhttps:/);
  });
});

describe('previewForChannel: formatting', () => {
  const draft = {
    subject: 'Audio problem',
    body: 'We are on it. Next update in 5 minutes.',
    link: 'https://s.example.com',
  };

  it('bolds the subject on markdown channels', () => {
    expect(previewForChannel(draft, 'slack').text).toBe(`*Audio problem*\n\n${draft.body}\n\n${draft.link}`);
    expect(previewForChannel(draft, 'teams').text.startsWith('**Audio problem**\n\n')).toBe(true);
    expect(previewForChannel(draft, 'discord').text.startsWith('**Audio problem**\n\n')).toBe(true);
  });

  it('keeps the subject separate on channels with a subject line, and warns when it is missing', () => {
    expect(previewForChannel(draft, 'email')).toMatchObject({
      subject: 'Audio problem',
      text: `${draft.body}\n\n${draft.link}`,
      warnings: [],
    });
    expect(previewForChannel({ body: draft.body }, 'status-page').warnings).toEqual([
      'Status page needs a subject line.',
    ]);
  });

  it('puts the subject on top as plain text elsewhere', () => {
    expect(previewForChannel(draft, 'linkedin').text).toBe(`Audio problem\n\n${draft.body}\n\n${draft.link}`);
  });

  it('does not repeat a link that is already in the body', () => {
    const p = previewForChannel({ body: `Details at ${draft.link} soon`, link: draft.link }, 'webinar-chat');
    expect(p.text).toBe(`Details at ${draft.link} soon`);
  });
});

describe('previewForChannel: SMS', () => {
  it('strips formatting and reports one GSM-7 segment for a short text', () => {
    const p = previewForChannel({ subject: 'x', body: '**Audio** is _back_.\n\nWe’re sorry — `thanks`…' }, 'sms');
    expect(p.text).toBe("Audio is back. We're sorry - thanks...");
    expect(p).toMatchObject({ segments: 1, encoding: 'GSM-7', warnings: [] });
  });

  it('warns about multiple segments over 160 characters', () => {
    expect(previewForChannel({ body: 'a'.repeat(160) }, 'sms')).toMatchObject({ segments: 1, warnings: [] });
    const p = previewForChannel({ body: 'a'.repeat(161) }, 'sms');
    expect(p.segments).toBe(2);
    expect(p.warnings.join(' ')).toMatch(/2 segments of 153 characters \(GSM-7\)/);
    expect(previewForChannel({ body: 'a'.repeat(459) }, 'sms').segments).toBe(3);
  });

  it('notes UCS-2 when a character is outside GSM-7', () => {
    const p = previewForChannel({ body: `Audio ok 😀 ${'a'.repeat(70)}` }, 'sms');
    expect(p.encoding).toBe('UCS-2');
    expect(p.warnings.join(' ')).toMatch(/outside GSM-7 \(😀\).*UCS-2, 67 characters per segment/);
    expect(p.segments).toBe(2);
  });

  it('keeps Italian accents in GSM-7', () => {
    expect(smsInfo('Il problema è risolto, città, perché').encoding).toBe('GSM-7');
    expect(smsInfo('È risolto').encoding).toBe('UCS-2');
    expect(smsInfo('costo 5€').segments).toBe(1);
  });

  it('stripFormatting leaves snake_case and plain text alone', () => {
    expect(stripFormatting('file_name_here and 2 * 3 = 6')).toBe('file_name_here and 2 * 3 = 6');
    expect(stripFormatting('See [status](https://s.example.com)')).toBe('See status https://s.example.com');
  });
});

describe('previewForChannel: channels without links', () => {
  const spec = CHANNEL_SPECS['webinar-chat'];
  const saved = spec.links;
  afterEach(() => {
    spec.links = saved;
  });

  it('drops the link and warns', () => {
    spec.links = false;
    const p = previewForChannel(
      { body: 'We are on it, see https://s.example.com for details', link: 'https://s.example.com' },
      'webinar-chat',
    );
    expect(p.text).not.toContain('https://');
    expect(p.warnings[0]).toMatch(/does not carry links/);
  });
});

describe('previewAll', () => {
  it('previews each requested channel', () => {
    const all = previewAll({ body: 'Hello' }, ['sms', 'x']);
    expect(Object.keys(all)).toEqual(['sms', 'x']);
    expect(all.sms?.segments).toBe(1);
  });
});
