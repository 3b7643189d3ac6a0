/**
 * The shareable review report: one self-contained, print-friendly HTML file. Inline CSS, inline SVG
 * charts, no scripts and no external references, so it opens the same offline, in a mail client or
 * on paper. Chat lines and posts are hostile text: every value goes through escapeHtml, and a strict
 * Content-Security-Policy meta tag keeps the page inert even if something slipped through.
 */
import { CHANNEL_IDS, CHANNEL_SPECS, type ChannelId } from '../../channels';
import { postAt } from './event-time';
import type { EventFigures, IncidentFigures, RoundFigures } from './figures-types';
import { duration, escapeHtml as h, isoUtc, offset, rate } from './format';
import { reportCharts, type ChartOptions } from './report-charts';
import { timelineMarkers } from './timeline';
import type { OutboxEntryView } from '../broadcast/outbox-entry';
import type { RecordedEvent } from './recorded-event';

export interface ReportOptions extends ChartOptions {
  /** Heading; defaults to "Review: <event name>". */
  title?: string;
  /** Leave the charts out (e.g. for a quick text-only export). */
  charts?: boolean;
}

const CSS = `
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #1d3557;padding-bottom:2px;margin-top:28px}h3{font-size:14px;margin:18px 0 6px}
.meta{color:#555}table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f1f3f5;font-weight:600}td.n{text-align:right;white-space:nowrap}.flag{color:#b00020;font-weight:600}.ok{color:#2a7d2a}
.post{border-left:3px solid #457b9d;padding:2px 8px;margin:6px 0}.post .text{white-space:pre-wrap;font-family:inherit}
.chart{display:block;margin:8px 0 14px;max-width:100%}.tick{fill:#555}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}table,.chart,.post,section.incident{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/**
 * Hostile text beside other text: a right-to-left override (U+202E) in an event name or an error would reverse
 * the rest of its paragraph (the source URL, the start time), so a value carrying bidi controls is its own
 * <bdi> island. Text without them is left as it is.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const t = (value: unknown) => {
  const escaped = h(value);
  return BIDI_CONTROLS.test(escaped) ? `<bdi>${escaped}</bdi>` : escaped;
};
const row = (label: string, value: string, cls = '') =>
  `<tr><th>${h(label)}</th><td${cls ? ` class="${cls}"` : ''}>${value}</td></tr>`;
const flag = (bad: boolean, text: string) => `<span class="${bad ? 'flag' : 'ok'}">${h(text)}</span>`;
const channelLabel = (c: ChannelId) => CHANNEL_SPECS[c]?.label ?? c;
const channels = (list: readonly ChannelId[]) => (list.length ? h(list.map(channelLabel).join(', ')) : '—');

function summary(f: EventFigures): string {
  const worst = f.worstSilence ? `${h(duration(f.worstSilence.gap.ms))} (${h(f.worstSilence.incidentId)})` : '—';
  const c = f.coverage;
  return `<table class="figures">${[
    row('Duration', h(duration(f.totals.durationMs))),
    row('Incidents', `${f.incidentCount} (${f.falseAlarms} false alarm${f.falseAlarms === 1 ? '' : 's'})`),
    row('Time to detect (mean / max)', `${h(duration(f.timeToDetect.meanMs))} / ${h(duration(f.timeToDetect.maxMs))}`),
    row(
      'Time to first public update (mean / max)',
      `${h(duration(f.timeToFirstUpdate.meanMs))} / ${h(duration(f.timeToFirstUpdate.maxMs))}`,
    ),
    row(
      'Incidents never announced',
      flag(f.timeToFirstUpdate.withoutUpdate > 0, String(f.timeToFirstUpdate.withoutUpdate)),
    ),
    row('Worst silence during an incident', worst),
    row('Playbook deadlines missed', flag(f.deadlinesMissed > 0, String(f.deadlinesMissed))),
    row('Update rounds', String(c.rounds)),
    row('Channels reached at least once', channels(c.channelsReached)),
    row(
      'Rounds that reached a single channel',
      flag(
        c.singleChannelRounds > 0,
        `${c.singleChannelRounds}${c.singleChannelRounds > 0 ? ' — “and those who don’t have Facebook?”' : ''}`,
      ),
    ),
    row('Rounds that reached nobody', flag(c.roundsReachedNobody > 0, String(c.roundsReachedNobody))),
    row('Failed / skipped deliveries', `${c.failed} / ${c.skipped}`),
    row('Chat messages / complaints', `${f.totals.chatMessages} / ${f.totals.complaints}`),
    row('Peak viewers', String(f.totals.peakViewers)),
  ].join('')}</table>`;
}

function roundsTable(rounds: readonly RoundFigures[], start: number, falseAlarm: boolean): string {
  if (rounds.length === 0)
    return `<p${falseAlarm ? '' : ' class="flag"'}>No public update was sent for this incident.</p>`;
  const cell = (r: RoundFigures, outcome: string) =>
    r.deliveries
      .filter((d) => d.outcome === outcome)
      .map(
        (d) =>
          `${h(channelLabel(d.channel))}${d.delayMs !== undefined ? ` (+${h(duration(d.delayMs))})` : ''}${d.reason ? `: ${t(d.reason)}` : ''}`,
      )
      .join('<br>') || '—';
  const rows = rounds.map(
    (r) =>
      `<tr><td class="n">${r.round}</td><td class="n">${h(offset(r.at, start))}</td><td>${h(r.phase)}</td><td>${t(r.operator)}</td>` +
      `<td${r.singleChannel || r.reachedNobody ? ' class="flag"' : ''}>${cell(r, 'sent')}${r.singleChannel ? '<br>single channel only' : ''}</td>` +
      `<td>${cell(r, 'skipped')}</td><td${r.failed.length ? ' class="flag"' : ''}>${cell(r, 'failed')}</td><td>${cell(r, 'undelivered')}</td></tr>`,
  );
  return `<table><tr><th>#</th><th>At</th><th>Phase</th><th>By</th><th>Sent (delay)</th><th>Skipped</th><th>Failed</th><th>Not delivered</th></tr>${rows.join('')}</table>`;
}

function incidentSection(i: IncidentFigures, start: number): string {
  const basis =
    i.detect.basis === 'truth'
      ? `from the true start of the fault${i.detect.truth?.label ? ` “${t(i.detect.truth.label)}”` : ''}`
      : 'from the first evidence';
  const c = i.complaints;
  const deadlines = i.deadlines.length
    ? `<table><tr><th>Deadline</th><th>Due</th><th>Answered</th><th>Late by</th><th>Met</th></tr>${i.deadlines
        .map(
          (d) =>
            `<tr><td>${h(d.kind)}</td><td class="n">${h(offset(d.dueAt, start))}</td><td class="n">${d.metAt !== undefined ? h(offset(d.metAt, start)) : 'never'}</td><td class="n">${h(duration(d.lateByMs))}</td><td>${flag(!d.met, d.met ? 'met' : 'missed')}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>No playbook deadline fell due.</p>';
  return `<section class="incident"><h3>${h(i.incidentId)} — ${h(i.kind)}: ${t(i.title)}</h3>
<p class="meta">${i.falseAlarm ? 'dismissed as a false alarm' : h(i.status)}, severity ${h(i.severity)}; playbook “${t(i.playbook.name)}”: first update within ${h(duration(i.playbook.firstUpdateDeadlineMs))}, then every ${h(duration(i.playbook.cadenceMs))}.</p>
<table class="figures">${[
    row(
      'Open',
      `${h(offset(i.openedAt, start))} → ${i.closedAt !== undefined ? h(offset(i.closedAt, start)) : 'still open at the end'} (${h(duration(i.durationMs))})`,
    ),
    row('Time to detect', `${h(duration(i.detect.ms))} <span class="meta">${basis}</span>`),
    row(
      'Time to acknowledge',
      i.acknowledge ? `${h(duration(i.acknowledge.ms))} by ${t(i.acknowledge.operator)}` : flag(true, 'never'),
    ),
    row('Time to first public update', i.firstUpdate ? h(duration(i.firstUpdate.ms)) : flag(!i.falseAlarm, 'never')),
    row('Public updates', String(i.updates)),
    row(
      'Longest silence',
      `${h(duration(i.longestSilence.ms))} (${h(offset(i.longestSilence.from, start))} → ${h(offset(i.longestSilence.to, start))})`,
    ),
    row('Complaints before the first update', `${c.before} (${h(rate(c.beforePerMin))})`),
    row('Complaints after the first update', `${c.after} (${h(rate(c.afterPerMin))})`),
    row('Channels reached', channels(i.coverage.channelsReached)),
    row(
      'Single-channel rounds',
      flag(i.coverage.singleChannel, i.coverage.singleChannel ? i.coverage.singleChannelRounds.join(', ') : 'none'),
    ),
  ].join('')}</table>${deadlines}${roundsTable(i.coverage.rounds, start, i.falseAlarm)}</section>`;
}

function timelineTable(event: RecordedEvent, start: number): string {
  const rows = timelineMarkers(event).map(
    (m) =>
      `<tr><td class="n">${h(offset(m.ts, start))}</td><td>${h(m.type)}</td><td>${h(m.incidentId ?? '')}</td><td>${m.channel ? h(channelLabel(m.channel)) : ''}</td><td>${t(m.author ?? '')}</td>` +
      `<td>${t(m.label)}${m.detail && m.type !== 'post' ? `<br><span class="meta">${t(m.detail)}</span>` : ''}</td></tr>`,
  );
  return `<table><tr><th>At</th><th>Type</th><th>Incident</th><th>Channel</th><th>Who</th><th>What</th></tr>${rows.join('')}</table>`;
}

function postsSection(event: RecordedEvent, start: number): string {
  const rounds = new Map(event.rounds.map((r) => [`${r.incidentId}:${r.round}`, r]));
  const by = new Map<ChannelId, OutboxEntryView[]>();
  for (const p of event.posts) by.set(p.channel, [...(by.get(p.channel) ?? []), p]);
  if (by.size === 0) return '<p>Nothing was posted.</p>';
  return CHANNEL_IDS.filter((c) => by.has(c))
    .map((c) => {
      const posts = (by.get(c) ?? [])
        .map((p) => ({ p, at: postAt(p, event, rounds.get(`${p.incidentId}:${p.round}`)) }))
        .sort((a, b) => a.at - b.at);
      const items = posts.map(({ p, at }) => {
        const why =
          p.status === 'failed'
            ? ` — ${t(p.lastError ?? '')}`
            : p.status === 'skipped'
              ? ` — ${t(p.skipReason ?? '')}`
              : '';
        const head = `${h(offset(at, start))} · ${h(p.status)}${why} · ${h(p.incidentId ?? 'no incident')}${p.round !== undefined ? ` round ${p.round}` : ''} · ${h(p.phase)}`;
        return `<div class="post"><div class="meta">${head}</div>${p.subject ? `<strong>${t(p.subject)}</strong>` : ''}<div class="text">${t(p.text)}</div>${p.link ? `<div class="meta">${h(p.link)}</div>` : ''}</div>`;
      });
      return `<h3>${h(channelLabel(c))} (${posts.length})</h3>${items.join('')}`;
    })
    .join('');
}

function truthTable(event: RecordedEvent, start: number): string {
  if (event.session.truth.length === 0) return '';
  const rows = event.session.truth.map(
    (f) =>
      `<tr><td>${h(f.kind)}</td><td class="n">${h(offset(f.startTs, start))}</td><td class="n">${h(offset(f.endTs, start))}</td><td>${t(f.label ?? '')}</td></tr>`,
  );
  return `<h2>Scripted faults (ground truth)</h2><table><tr><th>Fault</th><th>From</th><th>To</th><th>Label</th></tr>${rows.join('')}</table>`;
}

export function renderReportHtml(event: RecordedEvent, figures: EventFigures, opts: ReportOptions = {}): string {
  const s = event.session;
  const start = s.startedAt;
  const title = opts.title ?? `Review: ${s.eventName}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${CSS}</style></head><body><main>
<h1>${t(title)}</h1>
<p class="meta">${t(s.eventName)}${s.scenario ? ` · scenario ${t(s.scenario)}` : ''} · source ${t(s.sourceUrl)} · started ${h(isoUtc(start))} · ${h(duration(figures.totals.durationMs))}${s.speed !== 1 ? ` · played at ${h(s.speed)}×` : ''} · exported ${h(isoUtc(event.exportedAt))}. Times are offsets from the start.</p>
<h2>Summary</h2>${summary(figures)}
${opts.charts === false ? '' : `<h2>Signals, chat and posts</h2>${reportCharts(event, opts)}`}
<h2>Incidents</h2>${figures.incidents.length ? figures.incidents.map((i) => incidentSection(i, start)).join('\n') : '<p>No incident.</p>'}
<h2>Timeline</h2>${timelineTable(event, start)}
<h2>Posts per channel, as posted</h2>${postsSection(event, start)}
${truthTable(event, start)}
</main></body></html>
`;
}
