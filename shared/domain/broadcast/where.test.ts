import { describe, expect, it } from 'vitest';
import { renderTemplate } from './templates';
import { whereFor } from './where';

describe('whereFor', () => {
  it('names only the audience-facing channels, in the reader’s language', () => {
    expect(whereFor(['slack', 'status-page', 'webinar-chat'], 'en')).toBe('here in the chat and on our status page');
    expect(whereFor(['email', 'facebook', 'webinar-chat', 'status-page'], 'it')).toBe(
      'qui in chat, via e-mail, sulla nostra pagina di stato e su Facebook',
    );
    expect(whereFor(['sms'], 'de')).toBe('per SMS');
    expect(whereFor(['slack', 'teams'], 'fr')).toBeUndefined();
  });

  it('is what the templates promise', () => {
    const { body } = renderTemplate({
      kind: 'audio',
      phase: 'acknowledge',
      lang: 'en',
      vars: { eventName: 'Launch', where: whereFor(['webinar-chat', 'status-page'], 'en') },
    });
    expect(body).toContain('here in the chat and on our status page');
    expect(body).not.toMatch(/e-mail/);
    expect(
      renderTemplate({ kind: 'audio', phase: 'acknowledge', lang: 'es', vars: { eventName: 'Launch' } }).body,
    ).toContain('por e-mail');
  });
});
