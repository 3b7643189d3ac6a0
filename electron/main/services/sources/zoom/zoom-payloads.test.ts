import { describe, expect, it } from 'vitest';
import { readEvent, readFrame } from './zoom-payloads';

const WEBINAR = '81234567890';
const AT = 1_760_000_000_123;

/** An event as Zoom puts it in a message frame's content. */
const content = (event: string, object: Record<string, unknown>, eventTs: unknown = AT) =>
  JSON.stringify({ event, event_ts: eventTs, payload: { account_id: 'acc-1', object } });

const webinar = { id: WEBINAR, uuid: 'w-uuid==', host_id: 'h-1', topic: 'Launch', type: 5, duration: 60 };
const chatMessage = {
  date_time: '2026-05-12T12:34:56Z',
  sender_session_id: 's-1',
  sender_name: 'Giulia R.',
  sender_type: 'attendee',
  recipient_type: 'everyone',
  message_id: 'msg-1',
  message_content: 'non si sente niente',
};

describe("Zoom's WebSocket frames", () => {
  it('tells Zoom accepting the connection from refusing it, and a heartbeat answer', () => {
    expect(readFrame('{"module":"build_connection","success":true,"content":"ok"}')).toEqual({ kind: 'connected' });
    expect(readFrame('{"module":"build_connection","success":false,"content":"Invalid Token"}')).toEqual({
      kind: 'connection-refused',
      reason: 'Invalid Token',
    });
    expect(readFrame('{"module":"heartbeat","success":true}')).toEqual({ kind: 'heartbeat' });
  });

  it('hands on the content of a message frame, as the string Zoom sends', () => {
    const event = content('webinar.alert', { ...webinar, issues: ['High CPU occupation'] });
    expect(readFrame(JSON.stringify({ module: 'message', content: event }))).toEqual({
      kind: 'message',
      content: event,
    });
  });

  it('lets a module it does not know pass as such, and refuses what is not a frame', () => {
    expect(readFrame('{"module":"announcement"}')).toEqual({ kind: 'other', module: 'announcement' });
    expect(readFrame('not json')).toEqual({ kind: 'malformed', reason: 'not JSON' });
    expect(readFrame('{"content":"x"}')).toMatchObject({ kind: 'malformed', reason: /module/ });
    expect(readFrame('{"module":"message","content":{"event":"x"}}')).toMatchObject({
      kind: 'malformed',
      reason: /^message: content/,
    });
    expect(readFrame('{"module":"build_connection"}')).toMatchObject({ kind: 'malformed', reason: /success/ });
  });
});

describe("the configured webinar's events", () => {
  it("reads a chat message with Zoom's id, sender and text, stamped when it was sent", () => {
    const r = readEvent(
      content('webinar.chat_message_sent', { id: Number(WEBINAR), uuid: 'u', chat_message: chatMessage }),
      WEBINAR,
    );
    expect(r).toEqual({
      kind: 'event',
      event: {
        kind: 'chat',
        message: {
          id: 'msg-1',
          author: 'Giulia R.',
          text: 'non si sente niente',
          ts: Date.parse('2026-05-12T12:34:56Z'),
        },
      },
    });
  });

  it('gives a chat message without an id a stable one, and the event time when it has no send time', () => {
    const { message_id: _id, date_time: _at, ...bare } = chatMessage;
    const read = () => readEvent(content('webinar.chat_message_sent', { id: WEBINAR, chat_message: bare }), WEBINAR);
    const first = read();
    expect(first).toMatchObject({
      kind: 'event',
      event: { message: { id: expect.stringMatching(/^zoom-1760000000123-[0-9a-f]{16}$/), ts: AT } },
    });
    expect(read()).toEqual(first);
  });

  it('reads joins and leaves by participant UUID, else by user id', () => {
    const joined = readEvent(
      content('webinar.participant_joined', {
        ...webinar,
        participant: {
          user_id: '16778240',
          user_name: 'Ada',
          id: '',
          join_time: '',
          email: '',
          participant_uuid: 'p-ada',
        },
      }),
      WEBINAR,
    );
    expect(joined).toEqual({
      kind: 'event',
      event: { kind: 'joined', at: AT, participant: { person: 'p-ada', session: '16778240' } },
    });
    const left = readEvent(
      content('webinar.participant_left', {
        ...webinar,
        participant: { user_id: '16779264', email: '', participant_uuid: '' },
      }),
      WEBINAR,
    );
    expect(left).toEqual({
      kind: 'event',
      event: { kind: 'left', at: AT, participant: { person: '16779264', session: '16779264' } },
    });
  });

  it("reads an alert's issues exactly as Zoom words them", () => {
    const issues = [
      'Unstable audio quality',
      'Unstable video quality',
      'Unstable screen share quality',
      'High CPU occupation',
      'Call Reconnection',
    ];
    expect(readEvent(content('webinar.alert', { ...webinar, issues }), WEBINAR)).toEqual({
      kind: 'event',
      event: { kind: 'alert', sample: { ts: AT, platformIssues: issues } },
    });
  });

  it('reads the start and the end with the topic', () => {
    expect(readEvent(content('webinar.started', webinar), WEBINAR)).toEqual({
      kind: 'event',
      event: { kind: 'started', at: AT, topic: 'Launch' },
    });
    expect(readEvent(content('webinar.ended', webinar), WEBINAR)).toEqual({
      kind: 'event',
      event: { kind: 'ended', at: AT, topic: 'Launch' },
    });
  });
});

describe('events Onair ignores or refuses', () => {
  it("ignores another webinar's events and events it does not read, saying which", () => {
    expect(readEvent(content('webinar.alert', { ...webinar, id: 999, issues: ['x'] }), WEBINAR)).toEqual({
      kind: 'ignored',
      name: 'webinar.alert',
      why: `of webinar 999, not ${WEBINAR}`,
    });
    expect(readEvent(content('user.created', { id: 'u-1' }), WEBINAR)).toEqual({
      kind: 'ignored',
      name: 'user.created',
      why: 'not an event Onair reads',
    });
  });

  it.each([
    ['content that is not JSON', '{"event":', 'message', /not JSON/],
    ['an event without a time', content('webinar.alert', webinar, 'soon'), 'message', /event_ts/],
    [
      'a webinar event without its webinar id',
      content('webinar.alert', { issues: ['x'] }),
      'webinar.alert',
      /^payload: object\.id/,
    ],
    [
      'a chat message without its text',
      content('webinar.chat_message_sent', { id: WEBINAR, chat_message: { ...chatMessage, message_content: 42 } }),
      'webinar.chat_message_sent',
      /^payload: object\.chat_message\.message_content/,
    ],
    [
      'a sender name past the limit',
      content('webinar.chat_message_sent', {
        id: WEBINAR,
        chat_message: { ...chatMessage, sender_name: 'x'.repeat(101) },
      }),
      'webinar.chat_message_sent',
      /^as a chat message: author/,
    ],
    ['an alert with no issue', content('webinar.alert', { ...webinar, issues: [] }), 'webinar.alert', /issues/],
    [
      'a join with an empty user id and no participant UUID',
      content('webinar.participant_joined', { ...webinar, participant: { user_id: '' } }),
      'webinar.participant_joined',
      /neither user_id nor participant_uuid/,
    ],
    [
      'a join without a user id',
      content('webinar.participant_joined', { ...webinar, participant: { user_name: 'Ada' } }),
      'webinar.participant_joined',
      /user_id/,
    ],
  ])('refuses %s, with the reason and the event', (_, raw, name, reason) => {
    const r = readEvent(raw, WEBINAR);
    expect(r).toMatchObject({ kind: 'malformed', name, reason });
  });
});
