/**
 * Every event a source sends, from the raw socket.io arguments to the sink: each payload is checked against
 * its schema (shared/schemas.ts) and delivered, or quarantined with the reason. An event name the protocol
 * does not have is quarantined too. Nothing a source sends can throw out of here: a throw would escape
 * into socket.io-client's event loop and take the process down.
 */
import type { z } from 'zod';
import {
  chatMessageSchema,
  healthSampleSchema,
  LIMITS,
  parseWith,
  sourceEndedSchema,
  sourceHelloSchema,
} from '../../../../shared/schemas';
import type { SourceToClient } from '../../../../shared/source-protocol';
import type { ChatMessage } from '../../../../shared/types';
import type { SourceSink } from './source-adapter';
import { messageOf } from '../../../../shared/error-message';

type SourceEventName = keyof SourceToClient;

function checked<T>(
  sink: SourceSink,
  event: SourceEventName,
  schema: z.ZodType<T>,
  deliver: (v: T) => void,
): (raw: unknown) => void {
  return (raw) => {
    const r = parseWith(schema, raw);
    if (r.ok) deliver(r.value);
    else sink.quarantined(event, r.reason, raw);
  };
}

function handlers(sink: SourceSink): Record<SourceEventName, (raw: unknown) => void> {
  return {
    'source.hello': checked(sink, 'source.hello', sourceHelloSchema, (h) => sink.hello(h)),
    'chat.message': checked(sink, 'chat.message', chatMessageSchema, (m) => sink.chat([m])),
    'chat.batch': (raw) => {
      if (!Array.isArray(raw)) return sink.quarantined('chat.batch', 'not an array', raw);
      if (raw.length > LIMITS.batchMax)
        return sink.quarantined(
          'chat.batch',
          `batch of ${raw.length} exceeds ${LIMITS.batchMax}`,
          raw.slice(0, 3),
          'too-large',
        );
      const good: ChatMessage[] = [];
      for (const item of raw) {
        const r = parseWith(chatMessageSchema, item);
        if (r.ok) good.push(r.value);
        else sink.quarantined('chat.batch', r.reason, item);
      }
      if (good.length) sink.chat(good);
    },
    'health.sample': checked(sink, 'health.sample', healthSampleSchema, (h) => sink.health(h)),
    'source.ended': checked(sink, 'source.ended', sourceEndedSchema, (e) => sink.ended(e.endedAt)),
  };
}

/** The events a source may send, and the handler for each; `receive` takes anything a socket delivers. */
export function sourceEvents(sink: SourceSink, log?: (line: string) => void) {
  const known = handlers(sink);
  return {
    receive(event: unknown, args: readonly unknown[]): void {
      const name = typeof event === 'string' || typeof event === 'number' ? String(event) : typeof event;
      try {
        if (typeof event === 'string' && Object.hasOwn(known, event)) known[event as SourceEventName](args[0]);
        else sink.quarantined(name.slice(0, 100), 'not an event of the source protocol', args, 'unknown-event');
      } catch (err) {
        // A bug of ours, not the source's: keep the payload to look at, and keep the connection.
        const why = `could not be processed: ${messageOf(err)}`;
        try {
          sink.quarantined(name.slice(0, 100), why, args[0], 'failed');
        } catch {
          log?.(`${name.slice(0, 100)}: ${why}`);
        }
      }
    },
  };
}
