/**
 * The desk: every live event this console watches, and in a team those its other consoles watch, with what a
 * control room scans for (an open incident, the silence timer's colour, failing channels). Each opens in a
 * tab (a window on the desktop) of its own; an event watched elsewhere can be watched here too.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CHANNEL_SPECS } from '../../shared/channels';
import type { CommandResult, DeskEvent, DeskSource } from '../../shared/contract';
import { kindLabel, severityLabel } from '../components/incident-labels';
import { formatTime } from '../components/format';
import { useReportError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';
import { eventPageUrl, pageEvent } from '../transport/socket-transport';

const TIMER_LABEL: Record<DeskEvent['timer'], string> = {
  none: 'No incident',
  ok: 'Update not due yet',
  amber: 'Update due soon',
  red: 'Update overdue',
};

const sourceLabel = (s: DeskEvent['source']): string =>
  !s
    ? 'Replay'
    : s.kind === 'simulator'
      ? `Simulator · ${s.scenario}${s.speed === 1 ? '' : ` at ${s.speed}×`}`
      : s.kind === 'url'
        ? `Source · ${s.url}`
        : 'Live event (OBS, program probe)';

const openInTab = (id: string) => void window.open(eventPageUrl(id), `onair-event-${id}`);

export function DeskView() {
  const t = useTransport();
  const report = useReportError();
  const [events, setEvents] = useState<DeskEvent[] | null>(null);
  const here = pageEvent() ?? 'main';

  useEffect(() => {
    let alive = true;
    t.invoke('desk.list', {}).then((list) => alive && setEvents(list), report('Reading the desk'));
    const off = t.on('desk.changed', setEvents);
    return () => {
      alive = false;
      off();
    };
  }, [t, report]);

  const watchHere = (source: DeskSource) =>
    t
      .invoke('desk.open', { source })
      .then(async (opened) => {
        openInTab(opened.id);
        setEvents(await t.invoke('desk.list', {}));
      })
      .catch(report('Opening the event on this console'));
  const close = (e: DeskEvent) =>
    void t
      .invoke('desk.close', { id: e.id })
      .then(() => setEvents((list) => list?.filter((x) => x.id !== e.id) ?? null), report('Closing the event'));

  return (
    <section className="desk" aria-labelledby="desk-title">
      <h2 id="desk-title">Desk: every live event</h2>
      {!events ? (
        <p className="muted">Reading the desk…</p>
      ) : (
        <table className="data-table desk-table" data-testid="desk">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Incident</th>
              <th scope="col">Silence timer</th>
              <th scope="col">Channels failing</th>
              <th scope="col">Watched</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={`${e.where}:${e.id}`} data-testid="desk-event" data-event={e.id} data-timer={e.timer}>
                <th scope="row">
                  {e.eventName}
                  <div className="muted">{sourceLabel(e.source)}</div>
                </th>
                <td>
                  {e.top ? (
                    <>
                      {kindLabel(e.top.kind)} · {severityLabel(e.top.severity)}
                      <div className="muted">
                        {e.top.title}
                        {e.openIncidents > 1 && ` (+${e.openIncidents - 1} more open)`}
                      </div>
                    </>
                  ) : (
                    <span className="muted">None open</span>
                  )}
                </td>
                <td>
                  <span className={`desk-timer desk-timer-${e.timer}`} data-testid="desk-timer">
                    {TIMER_LABEL[e.timer]}
                  </span>
                  {e.nextDeadlineAt !== null && (
                    <div className="muted">due {formatTime(e.nextDeadlineAt, 'HH:mm:ss')}</div>
                  )}
                </td>
                <td>
                  {e.failingChannels.length ? (
                    <span className="desk-failing">
                      {e.failingChannels.map((c) => CHANNEL_SPECS[c].label).join(', ')}
                    </span>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td>
                  {e.where === 'here' ? 'On this console' : `On ${e.console ?? 'another console'}`}
                  {e.engine && <div className="muted">engine {e.engine === 'here' ? 'here' : 'on standby'}</div>}
                  {!e.connected && <div className="desk-failing">source not connected</div>}
                </td>
                <td className="desk-actions">
                  {e.where === 'team' ? (
                    e.source && (
                      <button type="button" onClick={() => void watchHere(e.source!)}>
                        Watch here too
                      </button>
                    )
                  ) : e.id === here ? (
                    <span className="muted">This page</span>
                  ) : (
                    <>
                      <button type="button" onClick={() => openInTab(e.id)} data-testid="desk-open">
                        Open
                      </button>
                      {e.id !== 'main' && (
                        <button type="button" onClick={() => close(e)}>
                          Stop watching
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <WatchAnotherEvent onWatch={watchHere} />
    </section>
  );
}

type Scenarios = CommandResult<'simulator.list'>;

/** Adds an event to this console: a real one (OBS and the probe), a socket.io source, or a simulator rehearsal. */
function WatchAnotherEvent({ onWatch }: { onWatch: (source: DeskSource) => Promise<unknown> }) {
  const t = useTransport();
  const [kind, setKind] = useState<DeskSource['kind']>('live');
  const [value, setValue] = useState('');
  const [scenarios, setScenarios] = useState<Scenarios>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => void t.invoke('simulator.list', {}).then(setScenarios, () => undefined), [t]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const source: DeskSource =
      kind === 'live'
        ? { kind, eventName: value.trim() }
        : kind === 'url'
          ? { kind, url: value.trim() }
          : { kind, scenario: value || (scenarios[0]?.name ?? 'calm'), speed: 1 };
    setBusy(true);
    void onWatch(source).finally(() => {
      setBusy(false);
      setValue('');
    });
  };
  return (
    <form className="desk-add" onSubmit={submit} aria-labelledby="desk-add-title">
      <h3 id="desk-add-title">Watch another event on this console</h3>
      <label>
        What{' '}
        <select
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as DeskSource['kind']);
            setValue('');
          }}
          data-testid="desk-add-kind"
        >
          <option value="live">A real event (OBS, program probe)</option>
          <option value="url">A socket.io source</option>
          <option value="simulator">A rehearsal on the simulator</option>
        </select>
      </label>{' '}
      {kind === 'simulator' ? (
        <label>
          Scenario{' '}
          <select value={value} onChange={(e) => setValue(e.target.value)} data-testid="desk-add-value">
            {scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {kind === 'live' ? 'Event name' : 'Source URL'}{' '}
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            placeholder={kind === 'live' ? 'Spring Launch' : 'http://127.0.0.1:4777'}
            data-testid="desk-add-value"
          />
        </label>
      )}{' '}
      <button type="submit" disabled={busy} data-testid="desk-add">
        {busy ? 'Opening…' : 'Watch it'}
      </button>
    </form>
  );
}
