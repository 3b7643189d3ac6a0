/** Channels (credentials sealed in main; secrets shown masked) and playbooks (deadline and cadence). */
import { useEffect, useState } from 'react';
import { CHANNEL_SPECS, type ChannelId, type ChannelSettingsView } from '../../shared/channels';
import type { ChannelHealth } from '../../shared/domain/broadcast/channel-health';
import { deliveryState } from '../components/ChannelAlarms';
import { formatTime } from '../components/format';
import { useChannelHealth } from '../hooks/useChannelHealth';
import type { Playbook } from '../../shared/domain/broadcast/playbook';
import { ErrorLine } from '../components/ErrorNotice';
import { useChannels } from '../hooks/useChannels';
import { useCommandError, useReportError } from '../hooks/useErrorNotices';
import { usePlaybooks } from '../hooks/usePlaybooks';
import { useTransport } from '../transport/TransportContext';

export function SettingsView() {
  const t = useTransport();
  const report = useReportError();
  const { channels } = useChannels();
  const health = useChannelHealth();
  const playbooks = usePlaybooks();
  const [statusUrl, setStatusUrl] = useState<string | null>(null);
  useEffect(
    () =>
      void t.invoke('statusPage.info', {}).then((s) => setStatusUrl(s.url), report('Finding the status page address')),
    [t, report],
  );
  return (
    <div className="settings">
      <section className="panel">
        <h2>Channels</h2>
        <p className="muted">
          Where public updates go. Credentials are stored encrypted and never shown again; leave •••• to keep a stored
          secret.
          {statusUrl && (
            <>
              {' '}
              The public status page is served at{' '}
              <a href={statusUrl} target="_blank" rel="noreferrer" data-testid="status-page-link">
                {statusUrl}
              </a>{' '}
              (with Atom and RSS feeds).
            </>
          )}
        </p>
        <div className="channel-grid">
          {channels.map((c) => (
            <ChannelForm key={c.channel} view={c} health={health.find((h) => h.channel === c.channel)} />
          ))}
        </div>
      </section>
      <section className="panel">
        <h2>Playbooks</h2>
        <p className="muted">
          How fast the first public word must go out, and how often updates follow while an incident lasts.
        </p>
        {playbooks.list.map((p) => (
          <PlaybookForm key={p.kind} playbook={p} onSaved={playbooks.reload} />
        ))}
      </section>
    </div>
  );
}

/** A yes/no credential is stored as text: what the channel itself reads as yes (email.ts: true, 1, yes). */
const isOn = (v: string | undefined) => /^(true|1|yes)$/i.test(v?.trim() ?? '');

function ChannelForm({ view, health }: { view: ChannelSettingsView; health: ChannelHealth | undefined }) {
  const t = useTransport();
  const spec = CHANNEL_SPECS[view.channel];
  const [fields, setFields] = useState<Record<string, string>>(view.fields);
  const [enabled, setEnabled] = useState(view.enabled);
  const [msg, setMsg] = useState<string | null>(null);
  const { error, fail, clear } = useCommandError();
  /** A field's value as the form shows it: a choice field left empty holds its first choice. */
  const fieldValue = (key: string) => {
    const choices = spec.credentialFields.find((f) => f.key === key)?.choices;
    const v = fields[key] ?? '';
    return choices ? v.trim().toLowerCase() || choices[0] : v;
  };
  const attempt = () => {
    setMsg(null);
    clear();
  };
  const save = () => {
    attempt();
    return t
      .invoke('channel.configure', {
        channel: view.channel,
        enabled,
        ...(spec.credentialFields.length ? { credentials: fields } : {}),
      })
      .then((v) => setMsg(v.configured ? 'Saved.' : 'Saved; credentials still missing.'), fail);
  };
  const test = () => {
    attempt();
    return t
      .invoke('channel.test', { channel: view.channel })
      .then((r) => setMsg(`${r.ok ? '✔' : '✖'} ${r.detail}`), fail);
  };
  const sendTest = () => {
    attempt();
    return t
      .invoke('channel.sendTest', { channel: view.channel })
      .then((r) => setMsg(`${r.ok ? '✔' : '✖'} ${r.detail}`), fail);
  };
  return (
    <form
      className={`channel-form ${view.enabled ? 'on' : ''}`}
      data-testid={`channel-${view.channel}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <header>
        <label className="check">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            data-testid={`enable-${view.channel}`}
          />
          <strong>{spec.label}</strong>
        </label>
        {/* Red only for a channel in use that cannot post; an unused one is just grey. */}
        <span
          className={`st ${view.configured ? 'st-sent' : view.enabled ? 'st-failed' : 'st-unused'}`}
          data-testid={`state-${view.channel}`}
        >
          {view.configured ? 'configured' : view.enabled ? 'not configured' : 'not used'}
        </span>
      </header>
      <DeliveryLine channel={view.channel} health={health} inUse={view.enabled} />
      {view.error && <div className="error">{view.error}</div>}
      {spec.credentialFields
        .filter((f) => !f.shownWhen || fieldValue(f.shownWhen.key) === f.shownWhen.value)
        .map((f) =>
          f.toggle ? (
            <label key={f.key} className="check switch-field">
              <input
                type="checkbox"
                role="switch"
                className="switch"
                checked={isOn(fields[f.key])}
                onChange={(e) => setFields({ ...fields, [f.key]: String(e.target.checked) })}
                data-testid={`field-${view.channel}-${f.key}`}
              />
              {f.label}
            </label>
          ) : (
            <label key={f.key} className="col">
              {f.label}
              {f.choices ? (
                <select
                  value={fieldValue(f.key)}
                  onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
                  data-testid={`field-${view.channel}-${f.key}`}
                >
                  {[...f.choices, ...(f.choices.includes(fieldValue(f.key)) ? [] : [fieldValue(f.key)])].map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              ) : (
                <input
                  type={f.secret ? 'password' : 'text'}
                  value={fields[f.key] ?? ''}
                  placeholder={f.placeholder}
                  autoComplete="off"
                  onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
                  data-testid={`field-${view.channel}-${f.key}`}
                />
              )}
            </label>
          ),
        )}
      <div className="row">
        <button type="submit" className="primary" data-testid={`save-${view.channel}`}>
          Save
        </button>
        <button type="button" onClick={() => void test()}>
          Test connection
        </button>
        <button type="button" onClick={() => void sendTest()} data-testid={`send-test-${view.channel}`}>
          Send a test message
        </button>
        {msg && (
          <span className="muted" data-testid={`msg-${view.channel}`}>
            {msg}
          </span>
        )}
        <ErrorLine error={error} testId={`error-${view.channel}`} />
      </div>
    </form>
  );
}

/** What the channel really did: last delivery, last failure, and its alarm. */
function DeliveryLine(p: { channel: ChannelId; health: ChannelHealth | undefined; inUse: boolean }) {
  const { channel, health } = p;
  const state = deliveryState(health, p.inUse);
  return (
    <div className={state.bad ? 'error' : 'muted'} data-testid={`delivery-${channel}`}>
      {health?.alarm && p.inUse ? `Alarm: ${health.alarm.reason}. ` : ''}
      {state.text}
      {health?.lastTest && (
        <span data-testid={`last-test-${channel}`}>
          {' '}
          · test message {health.lastTest.ok ? 'sent' : 'failed'} {formatTime(health.lastTest.at)}
        </span>
      )}
    </div>
  );
}

function PlaybookForm({ playbook, onSaved }: { playbook: Playbook; onSaved(): void }) {
  const t = useTransport();
  const [first, setFirst] = useState(playbook.firstUpdateDeadlineMs / 60_000);
  const [cadence, setCadence] = useState(playbook.cadenceMs / 60_000);
  const [msg, setMsg] = useState<string | null>(null);
  const { error, fail, clear } = useCommandError();
  const save = () => {
    setMsg(null);
    clear();
    return t
      .invoke('playbook.save', {
        playbook: {
          ...playbook,
          firstUpdateDeadlineMs: Math.round(first * 60_000),
          cadenceMs: Math.round(cadence * 60_000),
        },
      })
      .then(() => {
        setMsg('Saved.');
        onSaved();
      }, fail);
  };
  return (
    <div className="row playbook" data-testid={`playbook-${playbook.kind}`}>
      <strong className="pb-name">{playbook.name}</strong>
      <label>
        First public update within{' '}
        <input type="number" min={0.25} step={0.25} value={first} onChange={(e) => setFirst(Number(e.target.value))} />{' '}
        min
      </label>
      <label>
        then every{' '}
        <input
          type="number"
          min={0.5}
          step={0.5}
          value={cadence}
          onChange={(e) => setCadence(Number(e.target.value))}
        />{' '}
        min
      </label>
      <button onClick={() => void save()}>Save</button>
      {msg && <span className="muted">{msg}</span>}
      <ErrorLine error={error} />
    </div>
  );
}
