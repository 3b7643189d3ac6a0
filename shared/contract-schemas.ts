/** Argument schemas for every command: the renderer and the browser are untrusted. */
import { z } from 'zod';
import { CHANNEL_IDS } from './channels';
import type { CommandArgs, CommandName } from './contract';
import { playbookSchema } from './domain/broadcast/playbook';
import { INCIDENT_KINDS, OPERATOR_ACTIONS, TEMPLATE_PHASES } from './domain/vocabulary';
import { REPORT_FORMATS } from './domain/review/report-format';
import { AUDIENCE_CHANNELS, MAPPED_FIELDS } from './audience';
import { ANNOUNCEMENT_KINDS } from './domain/broadcast/announcements';
import { DRILL_FAULTS } from './rehearsal';

const none = z.object({}).strict();
/** An imported recording travels as one string; 200k chat messages are about 25 MB of JSON. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const channel = z.enum(CHANNEL_IDS);
const operator = z.string().trim().min(1).max(80);
const incidentId = z.string().min(1).max(200).brand<'IncidentId'>();
const sessionId = z.string().min(1).max(300).brand<'SessionId'>();
const kind = z.enum(INCIDENT_KINDS);
const phase = z.enum(TEMPLATE_PHASES);
const lang = z.string().regex(/^[a-z]{2}$/);
/** ISO 3166 alpha-2, for phone numbers written without +country code. */
const country = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 country code');
const link = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), 'must be http(s)');
const draft = z
  .object({
    subject: z.string().max(300).optional(),
    body: z.string().trim().min(1).max(20_000),
    link: link.optional(),
  })
  .strict();
const httpUrl = z
  .string()
  .url()
  .max(500)
  .refine((u) => /^https?:\/\//.test(u), 'must be http(s)');
const deskSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('simulator'),
      scenario: z.string().regex(/^[a-z0-9-]{1,60}$/),
      speed: z.number().positive().max(1000),
    })
    .strict(),
  z.object({ kind: z.literal('url'), url: httpUrl }).strict(),
  z.object({ kind: z.literal('live'), eventName: z.string().trim().min(1).max(200) }).strict(),
]);
const announcementKind = z.enum(ANNOUNCEMENT_KINDS);
const announcementId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const announcementInput = z.object({
  kind: announcementKind,
  lang,
  sendAt: z.number().int().positive(),
  draft,
  channels: z.array(channel).min(1).max(20),
  newEvent: z
    .object({ start: z.number().int().positive(), durationMinutes: z.number().int().min(1).max(1440), link })
    .strict()
    .optional(),
});

const sourceId = z.string().regex(/^[a-z]+(-[0-9]+)?$/);
/** A host name or address: no scheme, path or credentials (the URL is built from it). */
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:]+\]$/, 'a host name or IP address');
/** Where a platform is, when not at its usual address (a stand-in for tests, a proxy): http(s) only. */
const platformBaseUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/]+/, 'an http:// or https:// URL');
const signalSourceSettings = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('obs'),
      host,
      port: z.number().int().min(1).max(65_535),
      password: z.string().max(200).optional(),
      inputs: z.array(z.string().trim().min(1).max(200)).max(32),
    })
    .strict(),
  z
    .object({ kind: z.literal('probe'), input: z.string().trim().min(1).max(2000), listen: z.boolean().optional() })
    .strict(),
  z
    .object({
      kind: z.literal('youtube'),
      signIn: z.uuid(),
      broadcastId: z.string().trim().min(1).max(100),
      dailyQuota: z.number().int().min(100).max(100_000_000).optional(),
      watchHours: z.number().min(0.25).max(48).optional(),
      replaces: sourceId.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('zoom'),
      accountId: z.string().trim().min(1).max(200),
      clientId: z.string().trim().min(1).max(200),
      clientSecret: z.string().max(500).optional(),
      subscriptionId: z.string().trim().min(1).max(200),
      webinarId: z
        .string()
        .trim()
        .regex(/^[0-9]{9,13}$/, 'the webinar id: 9 to 13 digits'),
      baseUrl: platformBaseUrl.optional(),
    })
    .strict(),
]);

/**
 * Each schema's output is its command's argument type (checked by the compiler): a schema that lets through
 * something the handler does not expect, or refuses something the contract promises, does not build.
 */
export const commandArgSchemas: { [K in CommandName]: z.ZodType<CommandArgs<K>, unknown> } = {
  'app.info': none,
  'desk.list': none,
  'desk.open': z.object({ source: deskSource }).strict(),
  'desk.close': z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict(),
  'live.snapshot': none,
  'simulator.list': none,
  'simulator.play': z
    .object({ scenario: z.string().regex(/^[a-z0-9-]{1,60}$/), speed: z.number().positive().max(1000) })
    .strict(),
  'source.connect': z.object({ url: httpUrl }).strict(),
  'source.watchEvent': z.object({ eventName: z.string().trim().min(1).max(200) }).strict(),
  'source.list': none,
  'source.add': z.object({ settings: signalSourceSettings }).strict(),
  'source.remove': z.object({ id: sourceId }).strict(),
  'source.signIn': z
    .object({
      clientId: z.string().trim().min(1).max(300),
      clientSecret: z.string().max(300).optional(),
      baseUrl: platformBaseUrl.optional(),
    })
    .strict(),
  'source.signInResult': z.object({ flowId: z.uuid() }).strict(),
  'source.signInCancel': z.object({ flowId: z.uuid() }).strict(),
  'source.test': z.union([z.object({ settings: signalSourceSettings }).strict(), z.object({ id: sourceId }).strict()]),
  'incident.list': z.object({ sessionId: sessionId.optional() }).strict(),
  'incident.open': z.object({ kind, title: z.string().trim().min(1).max(200), operator }).strict(),
  'incident.transition': z
    .object({
      incidentId,
      action: z.enum(OPERATOR_ACTIONS),
      operator,
      note: z.string().max(1000).optional(),
    })
    .strict(),
  'incident.keepOpen': z.object({ incidentId, operator }).strict(),
  'playbook.list': none,
  'playbook.save': z.object({ playbook: playbookSchema }).strict(),
  'broadcast.compose': z
    .object({ incidentId, phase, lang, newTime: z.string().max(100).optional(), link: link.optional() })
    .strict(),
  'broadcast.preview': z
    .object({
      draft,
      channels: z.array(channel).max(20),
      incidentId: incidentId.optional(),
      phase: phase.optional(),
      lang: lang.optional(),
    })
    .strict(),
  'broadcast.send': z
    .object({
      incidentId,
      phase,
      lang,
      draft,
      operator,
      channels: z.array(channel).max(20),
      skipped: z.array(z.object({ channel, reason: z.string().trim().min(3).max(300) }).strict()).max(20),
      newTime: z.string().max(100).optional(),
    })
    .strict(),
  'announcement.list': none,
  'announcement.compose': z
    .object({
      kind: announcementKind,
      lang,
      minutes: z.number().int().min(1).max(600).optional(),
      backAt: z.string().trim().min(1).max(100).optional(),
      newTime: z.string().trim().min(1).max(100).optional(),
      link: link.optional(),
    })
    .strict(),
  'announcement.schedule': announcementInput.extend({ operator }).strict(),
  'announcement.edit': announcementInput.extend({ id: announcementId, operator }).strict(),
  'announcement.cancel': z.object({ id: announcementId, operator }).strict(),
  'announcement.sendNow': z.object({ id: announcementId, operator }).strict(),
  'audience.previewImport': z
    .object({
      fileName: z.string().trim().min(1).max(300),
      content: z.string().min(1).max(MAX_IMPORT_BYTES),
      mapping: z.partialRecord(z.enum(MAPPED_FIELDS), z.string().min(1).max(200)).optional(),
      consent: z
        .object({ email: z.enum(['registered', 'column', 'none']), sms: z.enum(['column', 'none']) })
        .strict()
        .optional(),
      defaultCountry: country.optional(),
    })
    .strict(),
  'audience.confirmImport': z.object({ previewId: z.uuid() }).strict(),
  'audience.importZoom': z.object({ sourceId }).strict(),
  'audience.list': z
    .object({
      query: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'audience.counts': none,
  'audience.optOut': z
    .object({ personId: z.number().int().positive(), channel: z.enum(AUDIENCE_CHANNELS), operator })
    .strict(),
  'audience.settings': none,
  'audience.saveSettings': z
    .object({
      defaultCountry: country.optional(),
      unsubscribeBaseUrl: z.union([z.literal(''), link]).optional(),
    })
    .strict(),
  'outbox.list': z.object({ incidentId: incidentId.optional() }).strict(),
  'outbox.retry': z.object({ id: z.number().int().positive() }).strict(),
  'outbox.skip': z.object({ id: z.number().int().positive(), reason: z.string().trim().min(3).max(300) }).strict(),
  'channel.list': none,
  'channel.configure': z
    .object({
      channel,
      enabled: z.boolean(),
      credentials: z.record(z.string().max(60), z.string().max(4000)).optional(),
    })
    .strict(),
  'channel.test': z.object({ channel }).strict(),
  'channel.health': none,
  'channel.sendTest': z.object({ channel }).strict(),
  'statusPage.info': none,
  'review.list': z.object({ query: z.string().max(200) }).strict(),
  'review.timeline': z
    .object({
      sessionId,
      from: z.number().int().optional(),
      to: z.number().int().optional(),
      maxPoints: z.number().int().min(10).max(5000).optional(),
    })
    .strict(),
  'review.detail': z.object({ sessionId, from: z.number().int(), to: z.number().int() }).strict(),
  'review.export': z.object({ sessionId, format: z.enum(REPORT_FORMATS) }).strict(),
  'review.import': z.object({ content: z.string().min(2).max(MAX_IMPORT_BYTES) }).strict(),
  'review.replay': z.object({ sessionId, speed: z.number().positive().max(1000) }).strict(),
  'rehearsal.state': none,
  'rehearsal.backToLive': none,
  'drill.start': z
    .object({ fault: z.enum([...DRILL_FAULTS, 'random']), speed: z.number().positive().max(100).optional() })
    .strict(),
  'drill.end': none,
  'drill.list': none,
};
