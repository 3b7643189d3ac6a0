/**
 * The review as Markdown, for a ticket, a wiki or a chat with the team. Chat lines and posts are
 * hostile: markdown punctuation is backslash-escaped and <, >, & become entities, so a line can
 * neither inject HTML nor break a table or a link.
 */
import { CHANNEL_IDS, CHANNEL_SPECS, type ChannelId } from '../../channels';
import type { EventFigures, IncidentFigures } from './figures-types';
import { postAt } from './event-time';
import { duration, isoUtc, offset, rate } from './format';
import { timelineMarkers } from './timeline';
import type { RecordedEvent } from './recorded-event';

const MD_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Escape one line of text for inline Markdown (table cells included): emphasis, code, link brackets and
 * table pipes everywhere, block markers (#, -, +, "1.") only where they would start a block, and bidi
 * controls kept inside the value (see isolateBidi).
 */
export function escapeMarkdown(value: unknown): string {
  return isolateBidi(
    String(value ?? '')
      .replace(/[<>&]/g, (c) => MD_ENTITIES[c])
      .replace(/[\\`*_[\]|~]/g, '\\$&')
      .replace(/\r\n|\r|\n/g, ' ')
      .replace(/^(\s*)([#+\-=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
  );
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);
const PDI = '\u2069';

/**
 * A right-to-left override (U+202E) in a name or a post would reverse the rest of its line or paragraph
 * wherever the Markdown is read, so a value carrying bidi controls is wrapped in FSI … PDI, Unicode's own
 * isolation for plain text (UAX #9): the PDI closes every embedding and override the value opened. A PDI of
 * the value's own that has no opener in it would close ours early instead, so it is dropped (it does nothing
 * where it stands anyway).
 */
function isolateBidi(text: string): string {
  if (!BIDI_CONTROLS.test(text)) return text;
  let open = 0;
  let out = '';
  for (const c of text) {
    if (ISOLATE_OPENERS.has(c)) open++;
    else if (c === PDI && open === 0) continue;
    else if (c === PDI) open--;
    out += c;
  }
  return `\u2068${out}${PDI}`;
}

const e = escapeMarkdown;
const label = (c: ChannelId) => CHANNEL_SPECS[c]?.label ?? c;
const list = (cs: readonly ChannelId[]) => (cs.length ? cs.map(label).join(', ') : '—');
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

function incident(i: IncidentFigures, start: number): string {
  const c = i.complaints;
  const figures = table(
    ['Figure', 'Value'],
    [
      [
        'Open',
        `${e(offset(i.openedAt, start))} → ${i.closedAt !== undefined ? e(offset(i.closedAt, start)) : 'still open'} (${e(duration(i.durationMs))})`,
      ],
      [
        'Time to detect',
        `${e(duration(i.detect.ms))} (${i.detect.basis === 'truth' ? 'from the true fault start' : 'from the first evidence'})`,
      ],
      [
        'Time to acknowledge',
        i.acknowledge ? `${e(duration(i.acknowledge.ms))} by ${e(i.acknowledge.operator)}` : '**never**',
      ],
      ['Time to first public update', i.firstUpdate ? e(duration(i.firstUpdate.ms)) : '**never**'],
      ['Public updates', String(i.updates)],
      ['Longest silence', e(duration(i.longestSilence.ms))],
      [
        'Complaints before / after the first update',
        `${c.before} (${e(rate(c.beforePerMin))}) / ${c.after} (${e(rate(c.afterPerMin))})`,
      ],
      ['Channels reached', e(list(i.coverage.channelsReached))],
      ['Single-channel rounds', i.coverage.singleChannel ? `**${i.coverage.singleChannelRounds.join(', ')}**` : 'none'],
    ],
  );
  const deadlines = i.deadlines.length
    ? table(
        ['Deadline', 'Due', 'Answered', 'Late by', 'Met'],
        i.deadlines.map((d) => [
          e(d.kind),
          e(offset(d.dueAt, start)),
          d.metAt !== undefined ? e(offset(d.metAt, start)) : 'never',
          e(duration(d.lateByMs)),
          d.met ? 'met' : '**missed**',
        ]),
      )
    : '_No playbook deadline fell due._';
  const rounds = i.coverage.rounds.length
    ? table(
        ['#', 'At', 'Phase', 'By', 'Sent', 'Skipped', 'Failed'],
        i.coverage.rounds.map((r) => [
          String(r.round),
          e(offset(r.at, start)),
          e(r.phase),
          e(r.operator),
          e(
            r.deliveries
              .filter((d) => d.outcome === 'sent')
              .map((d) => `${label(d.channel)} (+${duration(d.delayMs)})`)
              .join(', ') || '—',
          ) + (r.singleChannel ? ' **single channel**' : ''),
          e(
            r.deliveries
              .filter((d) => d.outcome === 'skipped')
              .map((d) => `${label(d.channel)}: ${d.reason ?? ''}`)
              .join('; ') || '—',
          ),
          e(
            r.deliveries
              .filter((d) => d.outcome === 'failed')
              .map((d) => `${label(d.channel)}: ${d.reason ?? ''}`)
              .join('; ') || '—',
          ),
        ]),
      )
    : '**No public update was sent.**';
  return [
    `### ${e(i.incidentId)} — ${e(i.kind)}: ${e(i.title)}`,
    '',
    `${i.falseAlarm ? 'dismissed as a false alarm' : e(i.status)}, severity ${e(i.severity)}`,
    '',
    figures,
    '',
    deadlines,
    '',
    rounds,
  ].join('\n');
}

export function renderReportMarkdown(event: RecordedEvent, figures: EventFigures): string {
  const s = event.session;
  const start = s.startedAt;
  const f = figures;
  const out: string[] = [
    `# Review: ${e(s.eventName)}`,
    '',
    `${s.scenario ? `Scenario ${e(s.scenario)} · ` : ''}started ${e(isoUtc(start))} · ${e(duration(f.totals.durationMs))}. Times are offsets from the start.`,
    '',
    '## Summary',
    '',
    table(
      ['Figure', 'Value'],
      [
        ['Incidents', `${f.incidentCount} (${f.falseAlarms} false alarm${f.falseAlarms === 1 ? '' : 's'})`],
        ['Time to detect (mean / max)', `${e(duration(f.timeToDetect.meanMs))} / ${e(duration(f.timeToDetect.maxMs))}`],
        [
          'Time to first public update (mean / max)',
          `${e(duration(f.timeToFirstUpdate.meanMs))} / ${e(duration(f.timeToFirstUpdate.maxMs))}`,
        ],
        ['Incidents never announced', String(f.timeToFirstUpdate.withoutUpdate)],
        [
          'Worst silence',
          f.worstSilence ? `${e(duration(f.worstSilence.gap.ms))} (${e(f.worstSilence.incidentId)})` : '—',
        ],
        ['Playbook deadlines missed', String(f.deadlinesMissed)],
        ['Update rounds', String(f.coverage.rounds)],
        ['Channels reached', e(list(f.coverage.channelsReached))],
        [
          'Rounds that reached a single channel',
          f.coverage.singleChannelRounds > 0 ? `**${f.coverage.singleChannelRounds}**` : '0',
        ],
        ['Failed / skipped deliveries', `${f.coverage.failed} / ${f.coverage.skipped}`],
        ['Chat messages / complaints', `${f.totals.chatMessages} / ${f.totals.complaints}`],
        ['Peak viewers', String(f.totals.peakViewers)],
      ],
    ),
    '',
    '## Incidents',
    '',
    ...(f.incidents.length ? f.incidents.flatMap((i) => [incident(i, start), '']) : ['_No incident._', '']),
    '## Timeline',
    '',
    table(
      ['At', 'Type', 'Incident', 'Channel', 'Who', 'What'],
      timelineMarkers(event).map((m) => [
        e(offset(m.ts, start)),
        e(m.type),
        e(m.incidentId ?? ''),
        m.channel ? e(label(m.channel)) : '',
        e(m.author ?? ''),
        e(m.label),
      ]),
    ),
    '',
    '## Posts per channel, as posted',
    '',
  ];
  const rounds = new Map(event.rounds.map((r) => [`${r.incidentId}:${r.round}`, r]));
  for (const c of CHANNEL_IDS) {
    const posts = event.posts.filter((p) => p.channel === c);
    if (posts.length === 0) continue;
    out.push(`### ${e(label(c))}`, '');
    for (const p of posts) {
      out.push(
        `- ${e(offset(postAt(p, event, rounds.get(`${p.incidentId}:${p.round}`)), start))} · ${e(p.status)} · ${e(p.incidentId ?? 'no incident')}${p.round !== undefined ? ` round ${p.round}` : ''}`,
        '',
      );
      for (const line of (p.subject ? `${p.subject}\n${p.text}` : p.text).split(/\r\n|\r|\n/))
        out.push(`  > ${e(line)}`);
      out.push('');
    }
  }
  return out.join('\n');
}
