import { describe, expect, it } from 'vitest';
import { loopbackLinkProblem } from './public-link';

const REASON = "the link points at this computer (127.0.0.1): set the status page's public URL in Channels";

describe('loopbackLinkProblem', () => {
  it.each([
    'http://127.0.0.1:41234/',
    'https://127.0.0.1/',
    'http://127.1.2.3/x',
    'http://localhost:8080/status',
    'http://LOCALHOST./',
    'http://status.localhost/',
    'http://[::1]:9000/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0:80/',
    'http://2130706433/', // 127.0.0.1 written as a number
    'http://0x7f.1/',
    ' http://127.0.0.1/ ',
  ])('refuses the link %s with the reason to give', (link) => {
    expect(loopbackLinkProblem({ link })).toBe(REASON);
  });

  it.each([
    'https://status.example.com/',
    'https://example.com/127.0.0.1',
    'http://10.0.0.5/',
    'https://localhost.example.com/',
    'https://[2001:db8::1]/',
    'mailto:help@example.com',
    'not a url',
  ])('lets %s through', (link) => {
    expect(loopbackLinkProblem({ link })).toBeNull();
  });

  it('no link at all is fine', () => {
    expect(loopbackLinkProblem({})).toBeNull();
    expect(loopbackLinkProblem({ link: '' })).toBeNull();
  });

  it('checks the link beside the text, not URLs the operator wrote into it', () => {
    const draft = { link: 'https://status.example.com/', body: 'Test it on http://127.0.0.1:5000/ first.' };
    expect(loopbackLinkProblem(draft)).toBeNull();
  });
});
