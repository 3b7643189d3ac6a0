/**
 * What the fuzz harness throws at Onair: every source payload (hello, chat message and batch, health sample,
 * end of event, unknown events), every contract command's arguments, and raw socket.io frames. Each
 * generator mixes well-formed values, values at and past the limits (timestamps around the session window,
 * strings around their length caps, half an emoji) and anything at all, so both the refusals and the
 * accepted paths get exercised.
 */
import fc from 'fast-check';
import { CHANNEL_IDS } from '../../shared/channels';
import { commandArgSchemas } from '../../shared/contract-schemas';
import { REPORT_FORMATS } from '../../shared/domain/review/report-format';
import { INCIDENT_KINDS, OPERATOR_ACTIONS, TEMPLATE_PHASES } from '../../shared/domain/vocabulary';
import { LIMITS } from '../../shared/schemas';

const DAY = 86_400_000;
export const SOURCE_EVENTS = ['source.hello', 'chat.message', 'chat.batch', 'health.sample', 'source.ended'] as const;

/** Anything a JavaScript value can be, shallow enough to stay fast. */
const junk = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Mostly `good`, sometimes anything. */
const maybe = <T>(good: fc.Arbitrary<T>, junkWeight = 1) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: junkWeight, arbitrary: junk });

/** Every key present, or any subset of them. */
const shape = <T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(model) },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
  );

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oneCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

/** Short text, text with lone surrogates, and text around the `max` length limit. */
const text = (max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.string({ maxLength: 24 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.oneof(oneCodePoint, loneSurrogate), maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ minLength: max - 1, maxLength: max + 1 }) },
  );

const ODD_NUMBERS = [0, -0, -1, 1.5, NaN, Infinity, -Infinity, 8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, 1e308];

/** Timestamps for a session that started at `t0`: inside its window, around its edges, and not numbers at all. */
const timestamp = (t0: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: t0 - 60_000, max: t0 + 60_000 }) },
    { weight: 4, arbitrary: fc.integer({ min: t0 - 2 * DAY, max: t0 + 2 * DAY }) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  );

const DEEP = (() => {
  let v: unknown = [];
  for (let i = 0; i < 20_000; i++) v = [v];
  return v;
})();

export function sourcePayloads(t0: number) {
  const ts = maybe(timestamp(t0));
  const chatMessage = shape({
    id: maybe(
      fc.oneof(
        fc.constantFrom('m1', 'm2', 'm3', 'post-1'),
        fc.string({ minLength: 1, maxLength: 8 }),
        text(LIMITS.idMax),
      ),
    ),
    author: maybe(fc.oneof(fc.constantFrom('giulia', 'Organiser'), text(LIMITS.authorMax))),
    text: maybe(fc.oneof(fc.constantFrom('no audio', 'ciao', ''), text(LIMITS.chatTextMax))),
    ts,
    lang: maybe(fc.constantFrom('en', 'it', 'pt-BR', 'x', 'much-too-long')),
  });
  const level = (min: number, max: number) =>
    maybe(fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(...ODD_NUMBERS)));
  const health = shape({
    ts,
    audioLevelDb: level(-200, 20),
    audioPacketsPerSec: level(0, 100_000),
    videoFps: level(0, 1000),
    bitrateKbps: level(0, 1_000_000),
    droppedFrames: maybe(fc.integer({ min: -1, max: 1_000_001 })),
    streamState: maybe(fc.constantFrom('online', 'offline', 'buffering')),
    viewers: maybe(fc.integer({ min: -1, max: 100_000_001 })),
  });
  const truth = fc.array(
    shape({
      kind: fc.constantFrom('audio-loss', 'chat-flood', 'gremlins'),
      startTs: ts,
      endTs: ts,
      label: maybe(text(200)),
    }),
    { maxLength: 3 },
  );
  const hello = shape({
    source: maybe(fc.oneof(fc.constantFrom('sim', 'fuzz'), text(200))),
    eventName: maybe(fc.oneof(fc.constant('Launch'), text(300))),
    scenario: maybe(fc.oneof(fc.constantFrom('calm', 'fuzz'), text(100))),
    startedAt: maybe(
      fc.oneof(fc.integer({ min: t0 - 8 * DAY, max: t0 + 8 * DAY }), fc.constant(t0), fc.constantFrom(...ODD_NUMBERS)),
    ),
    speed: maybe(fc.oneof(fc.constantFrom(1, 1, 60, 10_000, 0, -1, 10_001, NaN), fc.double())),
    now: maybe(timestamp(t0)),
    truth: maybe(truth),
  });
  const ended = fc.oneof(shape({ endedAt: ts }), junk);
  const batch = fc.oneof(
    { weight: 8, arbitrary: fc.array(chatMessage, { maxLength: 20 }) },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant(Array.from({ length: LIMITS.batchMax + 1 }, (_, i) => ({ id: `b${i}` }))) },
    { weight: 1, arbitrary: fc.constant([DEEP]) },
  );
  const payloadOf: Record<(typeof SOURCE_EVENTS)[number], fc.Arbitrary<unknown>> = {
    'source.hello': hello,
    'chat.message': fc.oneof({ weight: 12, arbitrary: chatMessage }, { weight: 1, arbitrary: fc.constant(DEEP) }),
    'chat.batch': batch,
    'health.sample': health,
    'source.ended': ended,
  };
  const known = fc.oneof(
    { weight: 1, arbitrary: fc.constant('source.hello' as const) },
    { weight: 6, arbitrary: fc.constantFrom('chat.message' as const, 'chat.batch' as const) },
    { weight: 4, arbitrary: fc.constant('health.sample' as const) },
    { weight: 1, arbitrary: fc.constant('source.ended' as const) },
  );
  return fc.oneof(
    { weight: 30, arbitrary: known.chain((event) => payloadOf[event].map((p) => ({ event, args: [p] as unknown[] }))) },
    {
      weight: 2,
      arbitrary: fc.record({
        event: fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'chat.delete'),
          fc.integer(),
        ),
        args: fc.array(junk, { maxLength: 2 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ event: fc.constantFrom(...SOURCE_EVENTS), args: fc.array(junk, { maxLength: 3 }) }),
    },
  );
}

/** Argument values by key, for every key some command takes: valid ones, near misses, and anything. */
function argValues(pool: { incidentIds: string[]; sessionIds: string[]; refusedUrl: string; playbook: unknown }) {
  const ids = (xs: string[], more: string[]) => fc.constantFrom(...xs, ...more);
  const draft = shape({
    subject: maybe(text(300)),
    body: maybe(
      fc.oneof(fc.constant('We know about the audio and are fixing it. Next update in 5 minutes.'), text(100)),
    ),
    link: maybe(fc.constantFrom('https://example.com/status', 'javascript:alert(1)', 'not a url')),
  });
  const good: Record<string, fc.Arbitrary<unknown>> = {
    scenario: fc.constantFrom('calm', 'audio-loss', 'no-such-scenario', '../../etc/passwd', 'UPPER'),
    speed: fc.constantFrom(1, 60, 1000, 0, -1, 1001, NaN),
    url: fc.constantFrom(pool.refusedUrl, 'javascript:alert(1)', 'ftp://127.0.0.1/', 'not a url'),
    sessionId: ids(pool.sessionIds, ['no-such-session', '']),
    kind: fc.constantFrom(...INCIDENT_KINDS, 'gremlins'),
    title: fc.oneof(fc.constant('Slides stuck'), text(200)),
    operator: fc.constantFrom('giulia', '', '   ', 'x'.repeat(81)),
    incidentId: ids(pool.incidentIds, ['inc-none', '']),
    action: fc.constantFrom(...OPERATOR_ACTIONS, 'explode'),
    note: text(1000),
    playbook: fc.oneof(fc.constant(pool.playbook), junk),
    phase: fc.constantFrom(...TEMPLATE_PHASES, 'gloat'),
    lang: fc.constantFrom('en', 'it', 'de', 'xx', 'EN', 'eng'),
    newTime: text(100),
    link: fc.constantFrom('https://example.com/status', 'javascript:alert(1)'),
    draft,
    channels: fc.array(fc.constantFrom(...CHANNEL_IDS, 'nope'), { maxLength: 3 }),
    skipped: fc.array(shape({ channel: fc.constantFrom(...CHANNEL_IDS, 'nope'), reason: text(300) }), { maxLength: 3 }),
    id: fc.constantFrom(1, 2, 3, 0, -1, 1.5),
    reason: fc.oneof(fc.constant('not needed'), text(300)),
    channel: fc.constantFrom(...CHANNEL_IDS, 'nope', '__proto__'),
    enabled: fc.boolean(),
    credentials: fc.dictionary(fc.oneof(fc.constantFrom('author', 'url', 'host', '__proto__'), text(60)), text(100), {
      maxKeys: 3,
    }),
    query: text(200),
    from: fc.oneof(fc.integer(), fc.constantFrom(...ODD_NUMBERS)),
    to: fc.oneof(fc.integer(), fc.constantFrom(...ODD_NUMBERS)),
    maxPoints: fc.constantFrom(10, 5000, 9, 5001, 100),
    format: fc.constantFrom(...REPORT_FORMATS, 'pdf'),
    content: fc.constantFrom('{}', 'not json', '{"format":"onair-event"}', '[]', '"'),
  };
  return (key: string) => maybe(good[key] ?? junk);
}

const COMMAND_NAMES = Object.keys(commandArgSchemas);

/** A command name (mostly real) and arguments shaped for it (mostly), or anything. */
export function commandCalls(pool: Parameters<typeof argValues>[0]) {
  const valueFor = argValues(pool);
  const keysOf = (name: string): string[] => {
    const s = (commandArgSchemas as Record<string, { shape?: Record<string, unknown> }>)[name];
    return s?.shape ? Object.keys(s.shape) : [];
  };
  const argsFor = (name: string) => {
    const keys = keysOf(name);
    const model = Object.fromEntries(keys.map((k) => [k, valueFor(k)]));
    return fc.oneof(
      { weight: 6, arbitrary: fc.record(model, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ ...model, extra: junk }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: junk },
    );
  };
  const name = fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...COMMAND_NAMES) },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'APP.INFO') },
    { weight: 1, arbitrary: junk },
  );
  return name.chain((n) => argsFor(typeof n === 'string' ? n : '').map((args) => ({ name: n as unknown, args })));
}

/** Raw socket.io frames: "<type>[<attachments>-][<namespace>,][<ack id>]<JSON>", broken in every part. */
export const socketIoFrames = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('0', '1', '2', '2', '2', '3', '4', '5', '6', '7', 'x', ''),
        fc.constantFrom('', '', '1-', '2-', '-'),
        fc.constantFrom('', '', '', '/', '/admin,', '/,'),
        fc.constantFrom('', '', '7', '99999999999999999999'),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc
            .tuple(fc.constantFrom(...SOURCE_EVENTS, 'connect', 'disconnect', 'x'), fc.jsonValue({ maxDepth: 3 }))
            .map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 20 }),
          fc.constant(''),
        ),
      )
      .map((parts) => parts.join('')),
  },
);
