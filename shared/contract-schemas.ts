/** Argument schemas for every command: the renderer and the browser are untrusted. */
import { z } from 'zod';
import type { CommandName } from './contract';

const none = z.object({}).strict();

export const commandArgSchemas: { [K in CommandName]: z.ZodType } = {
  'app.info': none,
  'live.snapshot': none,
  'simulator.list': none,
  'simulator.play': z.object({ scenario: z.string().regex(/^[a-z0-9-]{1,60}$/), speed: z.number().positive().max(1000) }).strict(),
  'source.connect': z
    .object({ url: z.string().url().max(500).refine((u) => /^https?:\/\//.test(u), 'must be http(s)') })
    .strict(),
};
