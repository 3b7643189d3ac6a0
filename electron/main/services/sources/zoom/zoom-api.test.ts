import { describe, expect, it } from 'vitest';
import { readWebinarAnswer } from './zoom-api';

const answer = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });

describe('"Get a webinar", understood', () => {
  it("takes the webinar's topic", () => {
    expect(readWebinarAnswer(answer(200, { id: 123, topic: 'Quarterly results', type: 5 }), '123')).toEqual({
      kind: 'found',
      topic: 'Quarterly results',
    });
  });

  it('says a webinar Zoom does not know is not there, with what Zoom said', () => {
    expect(readWebinarAnswer(answer(404, { code: 3001, message: 'Webinar does not exist: 999.' }), '999')).toEqual({
      kind: 'not-found',
      reason: 'Zoom has no webinar 999 on this account: check the webinar id (Zoom: Webinar does not exist: 999.)',
    });
  });

  it('tells a refused token and a missing scope from any other failure', () => {
    expect(readWebinarAnswer(answer(401, { code: 124, message: 'Invalid access token.' }), '1')).toEqual({
      kind: 'failed',
      reason: "Zoom refused the app's access token (Zoom: Invalid access token.)",
    });
    const scope = { code: 4711, message: 'Invalid access token, does not contain scopes:[webinar:read:admin].' };
    expect(readWebinarAnswer(answer(400, scope), '1')).toMatchObject({
      kind: 'failed',
      reason: /^the Zoom app may not read webinars/,
    });
    expect(readWebinarAnswer(answer(500, {}), '1')).toEqual({
      kind: 'failed',
      reason: 'Zoom answered 500 on webinar 1',
    });
    expect(readWebinarAnswer(answer(200, { id: 1 }), '1')).toMatchObject({ kind: 'failed', reason: /not understood/ });
  });
});
