/**
 * The timeline of an event as markers (what happened when, and who did it) and incident bands (when each
 * incident was open). One list feeds the chart markers, the report's action log and the timeline CSV.
 */
import { kindLabel, phaseLabel, statusLabel } from '../labels';
import { CHANNEL_SPECS, type ChannelId } from '../../channels';
import type { Severity } from '../incident';
import type { EpochMs } from '../../types';
import { eventRange, incidentClosedAt, postAt } from './event-time';
import type { IncidentKind } from '../vocabulary';
import type { RecordedEvent } from './recorded-event';

type MarkerType = 'detection' | 'operator' | 'post' | 'incident-open' | 'incident-close' | 'connection';

export interface TimelineMarker {
  ts: EpochMs;
  type: MarkerType;
  channel?: ChannelId;
  /** One line, for a chart tooltip or a table row. */
  label: string;
  /** The full text: the post as posted, the operator's note, the connection error. */
  detail: string;
  incidentId?: string;
  /** Incident status reached, post delivery status, or connection status. */
  status?: string;
  /** Operator, detector, or the posting round's operator. */
  author?: string;
}

export interface IncidentBand {
  id: string;
  kind: IncidentKind;
  from: EpochMs;
  to: EpochMs;
  severity: Severity;
}

const TYPE_ORDER: Record<MarkerType, number> = {
  connection: 0,
  detection: 1,
  'incident-open': 2,
  operator: 3,
  post: 4,
  'incident-close': 5,
};
const ENGINE = 'onair';

function incidentMarkers(event: RecordedEvent, out: TimelineMarker[]): void {
  for (const inc of event.incidents) {
    const firstByDetector = new Map<string, EpochMs>();
    for (const e of inc.evidence)
      if (e.detector !== 'operator' && e.ts < (firstByDetector.get(e.detector) ?? Infinity))
        firstByDetector.set(e.detector, e.ts);
    for (const [detector, ts] of firstByDetector) {
      out.push({
        ts,
        type: 'detection',
        label: `${detector}: first evidence`,
        detail: inc.title,
        incidentId: inc.id,
        author: detector,
      });
    }
    const kind = kindLabel(inc.kind);
    for (const t of inc.transitions) {
      const base = { ts: t.at, incidentId: inc.id, status: t.to, author: t.operator, detail: t.note ?? '' };
      if (t.from === null) out.push({ ...base, type: 'incident-open', label: `${kind} opened: ${inc.title}` });
      else if (t.to === 'resolved' || t.to === 'false-alarm')
        out.push({
          ...base,
          type: 'incident-close',
          label: `${kind} ${t.to === 'resolved' ? 'resolved' : 'dismissed as a false alarm'} by ${t.operator}`,
        });
      else
        out.push({
          ...base,
          type: t.operator === ENGINE ? 'detection' : 'operator',
          label: `${statusLabel(t.to)} by ${t.operator}`,
        });
    }
    const kept = inc.carriedOver?.keptOpen;
    if (kept)
      out.push({
        ts: kept.at,
        type: 'operator',
        label: `Kept open after the carry-over by ${kept.operator}`,
        detail: inc.title,
        incidentId: inc.id,
        author: kept.operator,
      });
  }
}

export function timelineMarkers(event: RecordedEvent): TimelineMarker[] {
  const out: TimelineMarker[] = [];
  for (const c of event.connection) {
    out.push({
      ts: c.since,
      type: 'connection',
      label: `source ${c.status}`,
      detail: c.lastError ?? '',
      status: c.status,
    });
  }
  incidentMarkers(event, out);
  for (const r of event.rounds) {
    const detail = [r.subject, r.body, r.link].filter(Boolean).join('\n');
    out.push({
      ts: r.at,
      type: 'operator',
      label: `Update ${r.round} (${phaseLabel(r.phase).toLowerCase()}) sent by ${r.operator}`,
      detail,
      incidentId: r.incidentId,
      status: r.phase,
      author: r.operator,
    });
  }
  const rounds = new Map(event.rounds.map((r) => [`${r.incidentId}:${r.round}`, r]));
  for (const p of event.posts) {
    const round =
      p.incidentId === undefined || p.round === undefined ? undefined : rounds.get(`${p.incidentId}:${p.round}`);
    const why =
      p.status === 'failed' ? `: ${p.lastError ?? 'failed'}` : p.status === 'skipped' ? `: ${p.skipReason ?? ''}` : '';
    out.push({
      ts: postAt(p, event, round),
      type: 'post',
      channel: p.channel,
      label: `${CHANNEL_SPECS[p.channel]?.label ?? p.channel} ${p.status}${why}`,
      detail: p.subject ? `${p.subject}\n${p.text}` : p.text,
      ...(p.incidentId !== undefined ? { incidentId: p.incidentId } : {}),
      status: p.status,
      ...(round ? { author: round.operator } : {}),
    });
  }
  return out.sort((a, b) => a.ts - b.ts || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
}

/** When each incident was open: from opening to close, or to the end of the event. */
export function incidentBands(event: RecordedEvent): IncidentBand[] {
  const end = eventRange(event).to;
  return event.incidents
    .map((i) => ({
      id: i.id,
      kind: i.kind,
      from: i.openedAt,
      to: Math.max(i.openedAt, incidentClosedAt(i) ?? end),
      severity: i.severity,
    }))
    .sort((a, b) => a.from - b.from);
}
