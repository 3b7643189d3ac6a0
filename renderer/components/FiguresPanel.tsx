/** The review's numbers: how fast we saw it, how fast and how widely we spoke, what the audience said. */
import { kindLabel, statusLabel } from './incident-labels';
import { phaseLabel } from '../../shared/domain/labels';
import { CHANNEL_SPECS } from '../../shared/channels';
import type { EventFigures, IncidentFigures } from '../../shared/domain/review/figures-types';
import { formatDuration } from './format';

const d = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatDuration(ms));

export function FiguresPanel({ figures }: { figures: EventFigures }) {
  const f = figures;
  return (
    <div className="figures" data-testid="figures">
      <div className="stat-row">
        <Fig
          label="Incidents"
          value={String(f.incidentCount)}
          sub={`${f.falseAlarms} false alarm${f.falseAlarms === 1 ? '' : 's'}`}
          id="fig-incidents"
        />
        <Fig label="Time to detect" value={d(f.timeToDetect.maxMs)} sub="worst" id="fig-ttd" />
        <Fig
          label="First public update"
          value={d(f.timeToFirstUpdate.maxMs)}
          sub={f.timeToFirstUpdate.withoutUpdate ? `${f.timeToFirstUpdate.withoutUpdate} never updated` : 'worst'}
          id="fig-ttfu"
          bad={!!f.timeToFirstUpdate.withoutUpdate}
        />
        <Fig label="Longest silence" value={d(f.worstSilence?.gap.ms)} sub="between public updates" id="fig-silence" />
        <Fig label="Deadlines missed" value={String(f.deadlinesMissed)} id="fig-missed" bad={f.deadlinesMissed > 0} />
        <Fig
          label="Channels reached"
          value={String(f.coverage.channelsReached.length)}
          sub={
            f.coverage.singleChannelRounds
              ? `${f.coverage.singleChannelRounds} single-channel round(s)`
              : `${f.coverage.rounds} rounds`
          }
          id="fig-channels"
          bad={f.coverage.singleChannelRounds > 0}
        />
      </div>
      {f.incidents.map((i) => (
        <IncidentFiguresTable key={i.incidentId} f={i} />
      ))}
    </div>
  );
}

function Fig(p: { label: string; value: string; sub?: string; id: string; bad?: boolean }) {
  return (
    <div className={`stat${p.bad ? ' stat-bad' : ''}`}>
      <div className="stat-label">{p.label}</div>
      <div className="stat-value" data-testid={p.id}>
        {p.value}
      </div>
      {p.sub && <div className="muted">{p.sub}</div>}
    </div>
  );
}

function IncidentFiguresTable({ f }: { f: IncidentFigures }) {
  return (
    <table className="fig-table" data-testid="incident-figures" data-incident={f.incidentId}>
      <caption>
        <bdi>{f.title}</bdi>{' '}
        <span className="muted">
          ({kindLabel(f.kind)}, {statusLabel(f.status).toLowerCase()})
        </span>
      </caption>
      <tbody>
        <tr>
          <th>Time to detect</th>
          <td data-testid="inc-ttd">{d(f.detect.ms)}</td>
          <td className="muted">from {f.detect.basis === 'truth' ? 'the fault’s true start' : 'the first evidence'}</td>
        </tr>
        <tr>
          <th>Time to acknowledge</th>
          <td data-testid="inc-tta">{d(f.acknowledge?.ms)}</td>
          <td className="muted">{f.acknowledge ? `by ${f.acknowledge.operator}` : 'nobody acknowledged'}</td>
        </tr>
        <tr>
          <th>Time to first public update</th>
          <td data-testid="inc-ttfu">{d(f.firstUpdate?.ms)}</td>
          <td className="muted">
            {f.updates} update{f.updates === 1 ? '' : 's'} in all
          </td>
        </tr>
        <tr>
          <th>Longest silence</th>
          <td data-testid="inc-silence">{d(f.longestSilence.ms)}</td>
          <td className="muted">
            playbook: first within {d(f.playbook.firstUpdateDeadlineMs)}, then every {d(f.playbook.cadenceMs)}
          </td>
        </tr>
        <tr>
          <th>Deadlines</th>
          <td data-testid="inc-deadlines">
            {f.deadlines.filter((x) => x.met).length}/{f.deadlines.length} met
          </td>
          <td className="muted">
            {f.deadlines
              .filter((x) => !x.met)
              .map((x) => `${x.kind === 'first-update' ? 'first update' : 'next update'} late by ${d(x.lateByMs)}`)
              .join('; ')}
          </td>
        </tr>
        <tr>
          <th>Complaints</th>
          <td data-testid="inc-complaints">
            {f.complaints.before} before / {f.complaints.after} after
          </td>
          <td className="muted">the first update</td>
        </tr>
        {f.coverage.rounds.map((r) => (
          <tr key={r.round}>
            <th>
              Update {r.round} ({phaseLabel(r.phase).toLowerCase()})
            </th>
            <td colSpan={2}>
              {r.deliveries.map((x) => (
                <span
                  key={x.channel}
                  className={`chip st-${x.outcome === 'undelivered' ? 'queued' : x.outcome}`}
                  title={x.reason ?? x.text}
                >
                  {CHANNEL_SPECS[x.channel].label}
                  {x.delayMs !== undefined ? ` +${Math.round(x.delayMs / 1000)}s` : ''}
                </span>
              ))}
              {r.singleChannel && <span className="chip st-failed">single channel only</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
