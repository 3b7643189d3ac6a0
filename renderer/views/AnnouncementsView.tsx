import { useEffect, useMemo, useState } from 'react';
import { CHANNEL_SPECS, type ChannelId } from '../../shared/channels';
import type { CommandResult } from '../../shared/contract';
import {
  ANNOUNCEMENT_KINDS,
  isPending,
  type AnnouncementKind,
  type AnnouncementView,
} from '../../shared/domain/broadcast/announcements';
import { LANGUAGES } from '../../shared/domain/vocabulary';
import { ToneFindings } from '../components/ToneFindings';
import { failureMessage } from '../components/format';
import { useAnnouncements } from '../hooks/useAnnouncements';
import { useChannels } from '../hooks/useChannels';
import { useCommandError, useReportError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';

const KIND_LABEL: Record<AnnouncementKind, string> = {
  'starting-soon': 'Starting soon',
  break: 'Short break',
  back: 'We are back',
  postponed: 'New date',
};

const local = (ts: number) => new Date(ts - new Date(ts).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const when = (ts: number) => new Date(ts).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The announcement queue, and the form that composes one (or edits a pending one). */
export function AnnouncementsView({ operator }: { operator: string }) {
  const t = useTransport();
  const report = useReportError();
  const queue = useAnnouncements();
  const [editing, setEditing] = useState<AnnouncementView | null>(null);
  const act = (cmd: 'announcement.cancel' | 'announcement.sendNow', a: AnnouncementView) =>
    void t.invoke(cmd, { id: a.id, operator }).catch(report(cmd === 'announcement.cancel' ? 'Cancelling' : 'Sending'));

  return (
    <div className="announcements" data-testid="announcements">
      <section className="panel">
        <h2>
          Announcement queue <span className="muted">each goes out on its own at its time</span>
        </h2>
        {queue.length === 0 ? (
          <p className="muted">Nothing scheduled.</p>
        ) : (
          <table className="data-table announcement-queue">
            <thead>
              <tr>
                <th>Time</th>
                <th>Kind</th>
                <th>Text</th>
                <th>Channels</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {queue.map((a) => (
                <tr
                  key={a.id}
                  data-testid={`announcement-${a.id}`}
                  className={`status-${a.status}${editing?.id === a.id ? ' editing' : ''}`}
                >
                  <td className="nowrap">{when(a.sendAt)}</td>
                  <td className="nowrap">{KIND_LABEL[a.kind]}</td>
                  <td>{a.subject ?? a.body.slice(0, 60)}</td>
                  <td>
                    {a.channels.map((c) => {
                      const status = a.deliveries.find((d) => d.channel === c)?.status;
                      return (
                        <div key={c} className="nowrap" title={CHANNEL_SPECS[c].label}>
                          {c}
                          {status && (
                            <>
                              : <span className={`st-${status}`}>{status}</span>
                            </>
                          )}
                        </div>
                      );
                    })}
                    {a.hasCalendarFile && <div className="muted">with a calendar file (.ics)</div>}
                  </td>
                  <td data-testid="announcement-status" className={`st-${a.status}`}>
                    {a.status === 'overdue' ? 'its time passed while Onair was closed: send now or cancel?' : a.status}
                  </td>
                  <td>
                    <div className="row nowrap">
                      {a.status === 'scheduled' && (
                        <button onClick={() => setEditing(a)} data-testid="announcement-edit">
                          Edit
                        </button>
                      )}
                      {a.status === 'overdue' && (
                        <button
                          className="primary"
                          onClick={() => act('announcement.sendNow', a)}
                          data-testid="announcement-send-now"
                        >
                          Send now
                        </button>
                      )}
                      {isPending(a.status) && (
                        <button onClick={() => act('announcement.cancel', a)} data-testid="announcement-cancel">
                          Cancel
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AnnouncementForm
        key={editing?.id ?? 'new'}
        operator={operator}
        editing={editing}
        onDone={() => setEditing(null)}
      />
    </div>
  );
}

function AnnouncementForm(p: { operator: string; editing: AnnouncementView | null; onDone(): void }) {
  const t = useTransport();
  const { enabled } = useChannels();
  const e = p.editing;
  const [kind, setKind] = useState<AnnouncementKind>(e?.kind ?? 'starting-soon');
  const [lang, setLang] = useState<string>(e?.lang ?? 'en');
  const [sendAt, setSendAt] = useState(() => local(e?.sendAt ?? Date.now() + 10 * 60_000));
  const [minutes, setMinutes] = useState(10);
  const [backAt, setBackAt] = useState('10:40');
  const [newStart, setNewStart] = useState(e?.newEvent ? local(e.newEvent.start) : '');
  const [duration, setDuration] = useState(e?.newEvent?.durationMinutes ?? 60);
  const [newLink, setNewLink] = useState(e?.newEvent?.link ?? '');
  const [subject, setSubject] = useState(e?.subject ?? '');
  const [body, setBody] = useState(e?.body ?? '');
  const [link, setLink] = useState(e?.link ?? '');
  const [off, setOff] = useState<ChannelId[]>([]);
  const [preview, setPreview] = useState<CommandResult<'broadcast.preview'> | null>(null);
  const { error, fail, clear } = useCommandError();
  const postponed = kind === 'postponed';
  const channels = useMemo(() => enabled.map((c) => c.channel).filter((c) => !off.includes(c)), [enabled, off]);

  // The template prefills the text; the operator edits it freely before scheduling.
  useEffect(() => {
    if (e) return;
    const newTime = postponed && newStart ? when(new Date(newStart).getTime()) : undefined;
    t.invoke('announcement.compose', {
      kind,
      lang,
      ...(kind === 'starting-soon' ? { minutes } : {}),
      ...(kind === 'break' ? { backAt } : {}),
      ...(newTime ? { newTime } : {}),
      ...(postponed && /^https?:\/\//.test(newLink) ? { link: newLink } : {}),
    }).then((d) => {
      setSubject(d.subject ?? '');
      setBody(d.body);
      setLink(d.link ?? '');
      clear();
    }, fail);
  }, [t, e, kind, lang, minutes, backAt, newStart, newLink, postponed, fail, clear]);

  const draft = useMemo(
    () => ({ ...(subject.trim() ? { subject } : {}), body, ...(link.trim() ? { link: link.trim() } : {}) }),
    [subject, body, link],
  );
  useEffect(() => {
    if (!draft.body.trim() || channels.length === 0) return;
    const h = setTimeout(() => void t.invoke('broadcast.preview', { draft, channels }).then(setPreview, fail), 200);
    return () => clearTimeout(h);
  }, [t, draft, channels, fail]);

  const submit = () => {
    const args = {
      kind,
      lang,
      sendAt: new Date(sendAt).getTime(),
      draft,
      channels,
      operator: p.operator,
      ...(postponed
        ? { newEvent: { start: new Date(newStart).getTime(), durationMinutes: duration, link: newLink.trim() } }
        : {}),
    };
    const done = e ? t.invoke('announcement.edit', { ...args, id: e.id }) : t.invoke('announcement.schedule', args);
    done.then(() => {
      clear();
      p.onDone();
    }, fail);
  };

  return (
    <section className="panel announcement-form">
      <h2>{e ? 'Edit announcement' : 'New announcement'}</h2>
      <div className="row">
        <label>
          Kind
          <select value={kind} onChange={(x) => setKind(x.target.value as AnnouncementKind)} data-testid="ann-kind">
            {ANNOUNCEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select value={lang} onChange={(x) => setLang(x.target.value)} data-testid="ann-lang">
            {LANGUAGES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Send at
          <input
            type="datetime-local"
            value={sendAt}
            onChange={(x) => setSendAt(x.target.value)}
            data-testid="ann-at"
          />
        </label>
      </div>
      {kind === 'starting-soon' && (
        <div className="row">
          <label>
            Minutes to start
            <input
              type="number"
              min={1}
              value={minutes}
              onChange={(x) => setMinutes(Number(x.target.value))}
              className="narrow"
            />
          </label>
        </div>
      )}
      {kind === 'break' && (
        <div className="row">
          <label>
            Back at
            <input
              value={backAt}
              onChange={(x) => setBackAt(x.target.value)}
              size={6}
              placeholder="10:40"
              data-testid="ann-back-at"
            />
          </label>
        </div>
      )}
      {postponed && (
        <div className="row">
          <label>
            New date
            <input type="datetime-local" value={newStart} onChange={(x) => setNewStart(x.target.value)} />
          </label>
          <label>
            Duration (min)
            <input
              type="number"
              min={1}
              value={duration}
              onChange={(x) => setDuration(Number(x.target.value))}
              className="narrow"
            />
          </label>
          <label className="grow">
            New link
            <input
              value={newLink}
              onChange={(x) => setNewLink(x.target.value)}
              placeholder="https://…"
              className="grow"
              data-testid="ann-new-link"
            />
          </label>
        </div>
      )}
      <label className="col">
        Subject
        <input value={subject} onChange={(x) => setSubject(x.target.value)} />
      </label>
      <label className="col">
        Message
        <textarea value={body} onChange={(x) => setBody(x.target.value)} rows={6} data-testid="ann-body" />
      </label>
      <label className="col">
        Link
        <input value={link} onChange={(x) => setLink(x.target.value)} placeholder="https://…" />
      </label>
      {preview && <ToneFindings findings={preview.tone} />}
      <h3>
        Channels <span className="muted">every enabled channel, at its own length</span>
      </h3>
      {enabled.length === 0 && <p className="muted">No channel is enabled: turn one on in Channels &amp; playbooks.</p>}
      <ul className="checklist">
        {enabled.map(({ channel: c }) => {
          const on = !off.includes(c);
          const pv = on ? preview?.previews[c] : undefined;
          return (
            <li key={c} data-channel={c}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(x) => setOff((o) => (x.target.checked ? o.filter((y) => y !== c) : [...o, c]))}
                />
                {CHANNEL_SPECS[c].label}
                {pv && (
                  <span className={`len ${pv.truncated ? 'len-cut' : ''}`}>
                    {pv.length}/{pv.maxLength}
                    {pv.truncated ? ' cut' : ''}
                  </span>
                )}
              </label>
              {pv && (
                <pre className="preview" data-testid={`ann-preview-${c}`}>
                  {pv.subject ? `${pv.subject}\n` : ''}
                  {pv.text}
                </pre>
              )}
              {pv?.warnings.map((w) => (
                <div key={w} className="muted">
                  ⚠ {w}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
      {error && <div className="error">{failureMessage(error)}</div>}
      <div className="row">
        <button
          className="primary"
          onClick={submit}
          disabled={!body.trim() || channels.length === 0}
          data-testid="ann-schedule"
        >
          {e ? 'Save' : 'Schedule'}
        </button>
        {e && <button onClick={p.onDone}>Discard changes</button>}
      </div>
    </section>
  );
}
