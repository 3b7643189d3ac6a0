/**
 * Compose one update, see it on every channel at that channel's length, hear what the tone check says,
 * and cover every enabled channel (send, or skip with a reason) before it goes out.
 */
import { useEffect, useMemo, useState } from 'react';
import { CHANNEL_SPECS } from '../../shared/channels';
import type { CommandResult, DeadlineAlarm, IncidentView } from '../../shared/contract';
import type { Playbook } from '../../shared/domain/broadcast/playbook';
import { Dialog } from '../components/Dialog';
import { SilenceTimer } from '../components/SilenceTimer';
import type { LiveFeed } from '../hooks/useLiveFeed';
import { useSessionNow } from '../hooks/useSessionNow';
import { ChannelAlarms } from '../components/ChannelAlarms';
import { ErrorLine } from '../components/ErrorNotice';
import { phaseLabel } from '../../shared/domain/labels';
import { RehearsalNotice, RehearsalTag } from '../components/RehearsalNotice';
import { OutboxStatus } from '../components/OutboxStatus';
import { ToneFindings } from '../components/ToneFindings';
import { useChannelHealth } from '../hooks/useChannelHealth';
import { useChannels } from '../hooks/useChannels';
import { useCommandError } from '../hooks/useErrorNotices';
import { useOutbox } from '../hooks/useOutbox';
import {
  canSend,
  coverage,
  isTicked,
  noChoices,
  sendTargets,
  skipReason,
  tick,
  withDefaultSkips,
  writeReason,
} from '../state/broadcast-checklist';
import { useTransport } from '../transport/TransportContext';
import { TEMPLATE_PHASES, type TemplatePhase } from '../../shared/domain/vocabulary';

const LANGS = [
  ['en', 'English'],
  ['it', 'Italiano'],
  ['es', 'Español'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
] as const;

const defaultPhase = (i: IncidentView): TemplatePhase =>
  i.status === 'resolved' || i.status === 'mitigated' ? 'resolved' : i.rounds ? 'update' : 'acknowledge';

export function BroadcastComposer(p: {
  incident: IncidentView;
  operator: string;
  /** The incident's playbook and the live clock: the silence timer stays in sight while the update is written. */
  playbook: Playbook;
  feed: Pick<LiveFeed, 'anchor' | 'session'>;
  /** A missed deadline of this incident, shown inside the composer (the banner is behind it). */
  alarm: DeadlineAlarm | undefined;
  onClose(): void;
  returnFocus(): HTMLElement | null;
}) {
  const t = useTransport();
  const now = useSessionNow(p.feed);
  const { updateChannels: enabled } = useChannels(); // in a team, with the other consoles' channels
  const outbox = useOutbox(p.incident.id);
  const health = useChannelHealth();
  const [phase, setPhase] = useState<TemplatePhase>(() => defaultPhase(p.incident));
  const [lang, setLang] = useState('en');
  const [newTime, setNewTime] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [link, setLink] = useState('');
  const [choices, setChoices] = useState(noChoices);
  const [preview, setPreview] = useState<CommandResult<'broadcast.preview'> | null>(null);
  const { error, fail, clear } = useCommandError();
  const { error: previewError, fail: failPreview, clear: clearPreview } = useCommandError();
  const [sentRound, setSentRound] = useState<number | null>(null);

  useEffect(() => {
    t.invoke('broadcast.compose', { incidentId: p.incident.id, phase, lang, ...(newTime ? { newTime } : {}) }).then(
      (d) => {
        setSubject(d.subject ?? '');
        setBody(d.body);
        setLink(d.link ?? '');
        setChoices((ch) => withDefaultSkips(ch, d.skipped));
      },
      fail,
    );
  }, [t, p.incident.id, phase, lang, newTime, fail]);

  const draft = useMemo(
    () => ({ ...(subject ? { subject } : {}), body, ...(link ? { link } : {}) }),
    [subject, body, link],
  );
  useEffect(() => {
    if (!draft.body.trim()) return;
    const h = setTimeout(
      () =>
        t
          .invoke('broadcast.preview', {
            draft,
            channels: enabled.map((c) => c.channel),
            incidentId: p.incident.id,
            phase,
            lang,
          })
          .then((pv) => {
            setPreview(pv);
            clearPreview();
          }, failPreview),
      200,
    );
    return () => clearTimeout(h);
  }, [t, draft, enabled, p.incident.id, phase, lang, failPreview, clearPreview]);

  const checklist = useMemo(() => coverage(enabled, choices), [enabled, choices]);

  const submit = () => {
    clear();
    const { channels, skipped } = sendTargets(enabled, choices);
    t.invoke('broadcast.send', {
      incidentId: p.incident.id,
      phase,
      lang,
      draft,
      operator: p.operator,
      channels,
      skipped,
      ...(phase === 'postponed' && newTime ? { newTime } : {}),
    }).then((r) => setSentRound(r.round), fail);
  };

  return (
    <Dialog
      labelledBy="composer-title"
      onClose={p.onClose}
      returnFocus={p.returnFocus}
      className="composer"
      testId="composer"
    >
      <div className="composer-head">
        <h2 id="composer-title">Public update · {p.incident.title}</h2>
        <SilenceTimer incident={p.incident} playbook={p.playbook} now={now} compact />
        {p.alarm && (
          <span className="composer-deadline" role="status" data-testid="composer-deadline">
            {p.alarm.deadline === 'first-update' ? 'First-update deadline missed' : 'Next update overdue'}
          </span>
        )}
        <span className="spacer" />
        <button onClick={p.onClose} data-testid="composer-close">
          Close
        </button>
      </div>
      <RehearsalNotice />
      <div className="composer-grid">
        <div className="composer-left">
          <div className="row">
            <label>
              Template
              <select
                value={phase}
                onChange={(e) => setPhase(e.target.value as TemplatePhase)}
                data-testid="composer-phase"
              >
                {TEMPLATE_PHASES.map((x) => (
                  <option key={x} value={x}>
                    {phaseLabel(x)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Language
              <select value={lang} onChange={(e) => setLang(e.target.value)} data-testid="composer-lang">
                {LANGS.map(([k, n]) => (
                  <option key={k} value={k}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            {phase === 'postponed' && (
              <label>
                New date
                <input value={newTime} onChange={(e) => setNewTime(e.target.value)} placeholder="Thursday 15:00 CET" />
              </label>
            )}
          </div>
          <label className="col">
            Subject
            <input value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="composer-subject" />
          </label>
          <label className="col">
            Message
            <textarea rows={7} value={body} onChange={(e) => setBody(e.target.value)} data-testid="composer-body" />
          </label>
          <label className="col">
            Link (status page)
            <input value={link} onChange={(e) => setLink(e.target.value)} data-testid="composer-link" />
          </label>
          <ErrorLine error={previewError} testId="preview-error" />
          <ToneFindings findings={preview?.tone ?? []} />
        </div>
        <div className="composer-right">
          <h3>
            Channels <span className="muted">every enabled channel: send, or skip with a reason</span>
          </h3>
          <ul className="checklist" data-testid="checklist">
            {enabled.map((c) => {
              const pv = preview?.previews[c.channel];
              return (
                <li key={c.channel} data-testid="checklist-row" data-channel={c.channel}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={isTicked(choices, c)}
                      disabled={!c.configured}
                      onChange={(e) => setChoices((ch) => tick(ch, c.channel, e.target.checked))}
                      data-testid={`send-${c.channel}`}
                    />
                    {CHANNEL_SPECS[c.channel].label}
                    {c.onOtherConsole && !c.enabled && (
                      <span className="muted" data-testid="on-other-console">
                        {' '}
                        · sent from another console
                      </span>
                    )}
                    <RehearsalTag />
                    {pv && (
                      <span className={`len ${pv.truncated ? 'len-cut' : ''}`}>
                        {pv.length}/{pv.maxLength}
                        {pv.truncated ? ' cut' : ''}
                      </span>
                    )}
                  </label>
                  {!isTicked(choices, c) && (
                    <input
                      className="reason"
                      placeholder="Why skip this channel?"
                      value={skipReason(choices, c)}
                      onChange={(e) => setChoices((ch) => writeReason(ch, c.channel, e.target.value))}
                      data-testid={`skip-${c.channel}`}
                    />
                  )}
                  {isTicked(choices, c) && pv && (
                    <pre className="preview">
                      {pv.subject ? `${pv.subject}\n` : ''}
                      {pv.text}
                    </pre>
                  )}
                  <AlsoSentIn languages={preview?.languages?.[c.channel]} lang={lang} />
                  <ChannelAlarms health={health.filter((h) => h.channel === c.channel)} incidentId={p.incident.id} />
                  {pv?.warnings.map((w) => (
                    <div key={w} className="muted">
                      ⚠ {w}
                    </div>
                  ))}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
      <div className="composer-foot">
        <ErrorLine error={error} testId="composer-error" />
        {!checklist.ok && (
          <span className="muted" data-testid="coverage-missing">
            Not covered yet: {checklist.missing.map((c) => CHANNEL_SPECS[c].label).join(', ')}
          </span>
        )}
        {sentRound && (
          <span className="ok" data-testid="composer-sent">
            Update {sentRound} queued on every checked channel.
          </span>
        )}
        <span className="spacer" />
        <button
          className="primary"
          disabled={!canSend(checklist, body, sentRound !== null)}
          onClick={submit}
          data-testid="composer-send"
        >
          {sentRound !== null ? 'Sent' : 'Send update'}
        </button>
      </div>
      <OutboxStatus entries={outbox} />
    </Dialog>
  );
}

/** Under an e-mail/SMS preview: the audience's other languages this round also goes out in, from the template. */
function AlsoSentIn(p: { languages: { lang: string; people: number }[] | undefined; lang: string }) {
  if (!p.languages?.length) return null;
  const list = p.languages
    .map((l, i) => `${l.lang} (${l.people}${i === 0 ? (l.people === 1 ? ' person' : ' people') : ''})`)
    .join(', ');
  return (
    <div className="muted" data-testid="also-sent-in">
      also sent in: {list} — from the template; your edits are in {p.lang} only
    </div>
  );
}
