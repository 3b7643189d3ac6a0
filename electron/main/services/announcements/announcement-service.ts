/**
 * Scheduled announcements: composed once from a template, queued in SQLite, and at their time sent on each of
 * their channels through the outbox (one entry per channel, key `announcement:<id>:<channel>`, written in the
 * same transaction that marks the announcement sent, so a crash or restart never posts it twice).
 *
 * One timer on the injected clock, set to the earliest scheduled one (re-armed at least hourly, which also
 * catches a clock that jumped). At start() the queue resumes: what fell due while Onair was closed is marked
 * overdue and waits for the operator's "send now" or "cancel" (see triage in shared/domain).
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Disposable } from '../../../../shared/clock';
import type { CommandArgs } from '../../../../shared/contract';
import { renderAnnouncement } from '../../../../shared/domain/broadcast/announcement-templates';
import {
  isPending,
  newEventProblem,
  sendTimeProblem,
  triage,
  type AnnouncementInput,
  type AnnouncementView,
} from '../../../../shared/domain/broadcast/announcements';
import type { DraftInput } from '../../../../shared/domain/broadcast/broadcast-round';
import { whereFor } from '../../../../shared/domain/broadcast/where';
import { languageOr, type Language } from '../../../../shared/domain/vocabulary';
import { announcementKey, type AnnouncementRecord, type AnnouncementsRepo } from '../db/announcements-repo';
import type { Db } from '../db/open';
import { fail } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { CredentialsStore } from '../secrets/credentials-store';
import { createChannelPosts, type ChannelPostsDeps } from '../broadcasts/channel-posts';
import { calendarAttachment, calendarFile } from './calendar-file';
import { messageOf } from '../../../../shared/error-message';

/** The timer never sleeps longer than this, so a long wait survives timer limits and clock jumps. */
const MAX_SLEEP_MS = 60 * 60_000;

export interface AnnouncementServiceDeps extends ChannelPostsDeps {
  db: Db;
  repo: AnnouncementsRepo;
  credentials: CredentialsStore;
  hub: EventHub;
  clock: Clock;
  sessionId(): string | undefined;
  /** The link an announcement carries when the operator gives none (the status page). */
  defaultLink(): string;
  log?(line: string): void;
  newId?(): string;
}

export function createAnnouncementService(d: AnnouncementServiceDeps) {
  const log = d.log ?? (() => undefined);
  const newId = d.newId ?? randomUUID;
  const posts = createChannelPosts(d);
  let timer: Disposable | undefined;
  let stopped = false;

  const list = (): AnnouncementView[] => d.repo.list();
  const changed = () => d.hub.emit('announcements.changed', list());
  const get = (id: string) => d.repo.get(id) ?? fail('not-found', `no announcement ${id}`);

  function compose(a: CommandArgs<'announcement.compose'>): DraftInput & { lang: string } {
    if (a.kind === 'break' && !a.backAt) fail('bad-args', 'a break needs the time the event resumes (backAt)');
    const lang = languageOr(a.lang);
    const where = whereFor(
      d.credentials
        .describe()
        .filter((c) => c.enabled && c.configured)
        .map((c) => c.channel),
      lang,
    );
    const r = renderAnnouncement(a.kind, lang, { eventName: d.eventName(), ...a, where });
    return { subject: r.subject, body: r.body, link: a.link ?? d.defaultLink(), lang };
  }

  /** Checks an announcement and turns it into the stored record, with its .ics for a postponement. */
  function record(id: string, a: AnnouncementInput, operator: string): AnnouncementRecord {
    const now = d.clock.now();
    const problem =
      sendTimeProblem(a.sendAt, now) ??
      newEventProblem(a.kind, a.sendAt, a.newEvent) ??
      posts.problem(a.channels, [a.draft.link, a.newEvent?.link]);
    if (problem) fail('bad-args', problem);
    const channels = [...new Set(a.channels)];
    const notEnabled = channels.filter((c) => !d.credentials.isEnabled(c));
    if (notEnabled.length) fail('bad-args', `channels not enabled in settings: ${notEnabled.join(', ')}`);
    const ics = a.newEvent
      ? calendarFile({
          id,
          eventName: d.eventName(),
          description: a.draft.body,
          newEvent: a.newEvent,
          now,
        })
      : undefined;
    return {
      id,
      kind: a.kind,
      lang: languageOr(a.lang),
      subject: a.draft.subject,
      body: a.draft.body,
      link: a.draft.link,
      sendAt: a.sendAt,
      channels,
      newEvent: a.newEvent,
      ics,
      operator,
    };
  }

  function schedule(a: CommandArgs<'announcement.schedule'>): AnnouncementView {
    const r = record(newId(), a, a.operator);
    d.repo.insert(r, d.clock.now());
    tick();
    return get(r.id);
  }

  function edit(a: CommandArgs<'announcement.edit'>): AnnouncementView {
    if (!isPending(get(a.id).status)) fail('conflict', `announcement ${a.id} already went out or was cancelled`);
    if (!d.repo.update(record(a.id, a, a.operator), d.clock.now()))
      fail('conflict', `announcement ${a.id} already went out or was cancelled`);
    tick();
    return get(a.id);
  }

  function cancel(id: string): AnnouncementView {
    get(id);
    if (!d.repo.cancel(id, d.clock.now())) fail('conflict', `announcement ${id} already went out or was cancelled`);
    tick();
    return get(id);
  }

  async function sendNow(id: string): Promise<AnnouncementView> {
    const problem = posts.problem(get(id).channels);
    if (problem) fail('bad-args', problem);
    if (!(await send(id))) fail('conflict', `announcement ${id} already went out or was cancelled`);
    tick();
    return get(id);
  }

  /**
   * The announcement's template in another language, with the facts it was composed from; undefined when the
   * record does not keep them all (a start's minutes, a break's time), so those go in their one language.
   */
  function renderVariant(a: AnnouncementRecord): ((lang: Language) => { subject?: string; body: string }) | undefined {
    if (a.kind !== 'back' && !(a.kind === 'postponed' && a.newEvent)) return undefined;
    const where = whereFor.bind(
      null,
      d.credentials
        .describe()
        .filter((c) => c.enabled && c.configured)
        .map((c) => c.channel),
    );
    const newEvent = a.newEvent;
    return (lang) =>
      renderAnnouncement(a.kind, lang, {
        eventName: d.eventName(),
        where: where(lang),
        ...(newEvent
          ? {
              newTime: new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(newEvent.start),
            }
          : {}),
      });
  }

  /**
   * Marks it sent and enqueues its posts in one transaction; resolves once the outbox has them. False when it is
   * no longer pending.
   */
  async function send(id: string): Promise<boolean> {
    const a = d.repo.record(id);
    if (!a || !isPending(a.status)) return false;
    const now = d.clock.now();
    const channels = a.channels.filter((c) => d.credentials.isEnabled(c));
    const skipped = a.channels
      .filter((c) => !channels.includes(c))
      .map((channel) => ({ channel, reason: 'disabled in settings before it went out' }));
    let queued: Promise<unknown> | undefined; // awaited after the transaction, which may not return a promise
    d.db.transaction(() => {
      if (!d.repo.markSent(id, skipped, now)) return;
      queued = posts.enqueue(
        {
          draft: { subject: a.subject, body: a.body, link: a.link },
          render: renderVariant(a),
          sessionId: d.sessionId(),
          phase: a.kind === 'postponed' ? 'postponed' : 'manual',
          lang: a.lang,
          attachments: a.ics ? [calendarAttachment(a.ics)] : undefined,
        },
        channels,
        (channel) => announcementKey(id, channel),
      );
    })();
    if (!queued) return false;
    await queued;
    return true;
  }

  /** Sends what is due, marks what was missed, re-arms the timer, and tells the consoles. */
  function tick(): void {
    timer?.dispose();
    timer = undefined;
    if (stopped) return;
    const now = d.clock.now();
    const t = triage(d.repo.pending(), now);
    const notSent = (id: string, err: unknown) => log(`announcement ${id} not sent: ${messageOf(err)}`);
    for (const id of t.due) {
      try {
        send(id).catch((err: unknown) => notSent(id, err));
      } catch (err) {
        notSent(id, err);
      }
    }
    for (const id of t.overdue) d.repo.markOverdue(id, now);
    if (t.nextAt !== undefined) timer = d.clock.setTimer(Math.min(MAX_SLEEP_MS, t.nextAt - now), tick);
    changed();
  }

  return {
    list,
    compose,
    schedule,
    edit,
    cancel,
    sendNow,
    /** Resumes the queue after a start: sends what is due, marks what was missed while closed, arms the timer. */
    start: tick,
    dispose(): void {
      stopped = true;
      timer?.dispose();
    },
  };
}
export type AnnouncementService = ReturnType<typeof createAnnouncementService>;
