/**
 * Scheduled announcements. Status changes are guarded UPDATEs (`WHERE status IN ('scheduled', 'overdue')`),
 * so the timer firing and the operator cancelling at the same moment cannot both win: the loser sees `false`.
 * Deliveries are read from the outbox entries the announcement enqueued (`announcement:<id>:<channel>`).
 */
import type { ChannelId, DeliveryStatus } from '../../../../shared/channels';
import type {
  AnnouncementKind,
  AnnouncementStatus,
  AnnouncementView,
  NewEventDate,
} from '../../../../shared/domain/broadcast/announcements';
import type { Language } from '../../../../shared/domain/vocabulary';
import type { Db } from './open';

/** What the service stores for a new announcement (or an edit of a pending one). */
export interface AnnouncementRecord {
  id: string;
  kind: AnnouncementKind;
  lang: Language;
  subject?: string;
  body: string;
  link?: string;
  sendAt: number;
  channels: ChannelId[];
  newEvent?: NewEventDate;
  /** The .ics calendar file of a postponement. */
  ics?: string;
  operator: string;
}

interface Row {
  id: string;
  kind: AnnouncementKind;
  lang: Language;
  subject: string | null;
  body: string;
  link: string | null;
  send_at: number;
  channels: string;
  status: AnnouncementStatus;
  new_event: string | null;
  ics: string | null;
  operator: string;
  skipped: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

/** The key of an announcement's outbox entry on one channel: stable, so a restart never posts it twice. */
export const announcementKey = (id: string, channel: ChannelId): string => `announcement:${id}:${channel}`;

export function announcementsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO announcements (id, kind, lang, subject, body, link, send_at, channels, status, new_event, ics, operator,
       created_at, updated_at)
     VALUES (@id, @kind, @lang, @subject, @body, @link, @sendAt, @channels, 'scheduled', @newEvent, @ics, @operator,
       @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE announcements SET kind = @kind, lang = @lang, subject = @subject, body = @body, link = @link,
       send_at = @sendAt, channels = @channels, status = 'scheduled', new_event = @newEvent, ics = @ics,
       operator = @operator, updated_at = @now
     WHERE id = @id AND status IN ('scheduled', 'overdue')`,
  );
  const setStatus = db.prepare(
    "UPDATE announcements SET status = ?, updated_at = ? WHERE id = ? AND status IN ('scheduled', 'overdue')",
  );
  const markSent = db.prepare(
    "UPDATE announcements SET status = 'sent', sent_at = ?, updated_at = ?, skipped = ? WHERE id = ? AND status IN ('scheduled', 'overdue')",
  );
  const markOverdue = db.prepare(
    "UPDATE announcements SET status = 'overdue', updated_at = ? WHERE id = ? AND status = 'scheduled'",
  );
  const byId = db.prepare('SELECT * FROM announcements WHERE id = ?');
  const all = db.prepare('SELECT * FROM announcements ORDER BY send_at, created_at LIMIT ?');
  const pending = db.prepare(
    "SELECT id, status, send_at AS sendAt FROM announcements WHERE status IN ('scheduled', 'overdue')",
  );
  const deliveries = db.prepare(
    "SELECT channel, status FROM outbox_entries WHERE idempotency_key LIKE ? ESCAPE '\\' ORDER BY channel",
  );

  const params = (r: AnnouncementRecord, now: number) => ({
    id: r.id,
    kind: r.kind,
    lang: r.lang,
    subject: r.subject ?? null,
    body: r.body,
    link: r.link ?? null,
    sendAt: r.sendAt,
    channels: JSON.stringify(r.channels),
    newEvent: r.newEvent ? JSON.stringify(r.newEvent) : null,
    ics: r.ics ?? null,
    operator: r.operator,
    now,
  });

  const likeKey = (id: string) => `announcement:${id.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`;
  const toView = (r: Row): AnnouncementView => ({
    id: r.id,
    kind: r.kind,
    lang: r.lang,
    subject: r.subject ?? undefined,
    body: r.body,
    link: r.link ?? undefined,
    sendAt: r.send_at,
    channels: JSON.parse(r.channels) as ChannelId[],
    status: r.status,
    newEvent: r.new_event ? (JSON.parse(r.new_event) as NewEventDate) : undefined,
    hasCalendarFile: r.ics !== null,
    operator: r.operator,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at ?? undefined,
    skipped: JSON.parse(r.skipped) as AnnouncementView['skipped'],
    deliveries: deliveries.all(likeKey(r.id)) as { channel: ChannelId; status: DeliveryStatus }[],
  });
  const row = (id: string) => byId.get(id) as Row | undefined;

  return {
    insert: (r: AnnouncementRecord, now: number): void => void insert.run(params(r, now)),
    /** Replaces a pending announcement (it is scheduled again); false once it went out or was cancelled. */
    update: (r: AnnouncementRecord, now: number): boolean => update.run(params(r, now)).changes === 1,
    cancel: (id: string, now: number): boolean => setStatus.run('cancelled', now, id).changes === 1,
    /** pending → sent, with the channels left out; false when someone else already sent or cancelled it. */
    markSent: (id: string, skipped: AnnouncementView['skipped'], now: number): boolean =>
      markSent.run(now, now, JSON.stringify(skipped), id).changes === 1,
    markOverdue: (id: string, now: number): boolean => markOverdue.run(now, id).changes === 1,
    get: (id: string): AnnouncementView | undefined => {
      const r = row(id);
      return r ? toView(r) : undefined;
    },
    /** The stored record of a pending announcement, with its .ics, for sending it. */
    record: (id: string): (AnnouncementRecord & { status: AnnouncementStatus }) | undefined => {
      const r = row(id);
      if (!r) return undefined;
      const v = toView(r);
      return { ...v, ics: r.ics ?? undefined };
    },
    /** By send time, at most `limit`. */
    list: (limit = 500): AnnouncementView[] => (all.all(limit) as Row[]).map(toView),
    pending: (): { id: string; status: AnnouncementStatus; sendAt: number }[] =>
      pending.all() as { id: string; status: AnnouncementStatus; sendAt: number }[],
  };
}
export type AnnouncementsRepo = ReturnType<typeof announcementsRepo>;
