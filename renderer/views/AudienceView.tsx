/**
 * The audience list: import a registrant export (file → preview with its problem rows → confirm), the counts
 * each channel reaches, the people with their consents, an opt-out by hand, and the audience settings. A running
 * Zoom source's registrants are imported the same way, previewed first.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  MAPPED_FIELDS,
  type AudienceCounts,
  type AudiencePerson,
  type AudienceSettings,
  type ColumnMapping,
  type ImportConsent,
  type ImportPreview,
  type MappedField,
} from '../../shared/audience';
import type { SourceView } from '../../shared/sources';
import { ErrorLine } from '../components/ErrorNotice';
import { useCommandError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';

const LAYOUT_LABEL: Record<ImportPreview['layout'], string> = {
  zoom: 'Zoom webinar registrants',
  gotowebinar: 'GoToWebinar registrants',
  eventbrite: 'Eventbrite attendees',
  teams: 'Microsoft Teams webinar registrations',
  on24: 'ON24 registrants',
  custom: 'your column mapping',
};
const FIELD_LABEL: Record<MappedField, string> = {
  email: 'E-mail',
  firstName: 'First name',
  lastName: 'Last name',
  name: 'Full name',
  phone: 'Phone',
  language: 'Language',
  emailConsent: 'E-mail consent (yes/no)',
  smsConsent: 'SMS consent (yes/no)',
};

/** The warning main enforces (broadcast.send and announcements refuse e-mail to the list without it). */
const UNSUBSCRIBE_WARNING = 'set the public unsubscribe address in Audience: without it no attendee can unsubscribe';

/** The saved base URL is empty (the local server on 127.0.0.1) or names this computer; main checks it in full. */
function unsubscribeUnreachable(base: string): boolean {
  let host: string;
  try {
    host = new URL(base.trim()).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  return /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1?)\.?$/.test(host);
}

const zoomIdsOf = (sources: SourceView[]) => sources.filter((x) => x.kind === 'zoom').map((x) => x.id);

function Counts({ c }: { c: AudienceCounts | null }) {
  if (!c) return null;
  return (
    <p className="audience-counts" data-testid="audience-counts">
      {c.people} people · e-mail reaches {c.reachable.email} ({c.consented.email} consented, {c.optedOut.email} opted
      out) · SMS reaches {c.reachable.sms} ({c.consented.sms} consented, {c.optedOut.sms} opted out)
    </p>
  );
}

function PreviewPanel(p: {
  preview: ImportPreview;
  /** Absent for registrants read from a platform's API: there are no columns to map. */
  onMapping?(m: ColumnMapping, consent: ImportConsent): void;
  onConfirm(): void;
}) {
  const { preview } = p;
  const [mapping, setMapping] = useState<ColumnMapping>(preview.mapping);
  const [consent, setConsent] = useState<ImportConsent>(preview.consent);
  return (
    <section className="panel audience-preview" data-testid="audience-preview">
      <h3>
        {preview.fileName}: {LAYOUT_LABEL[preview.layout]}
      </h3>
      <p className="audience-summary" data-testid="audience-preview-summary">
        {preview.rows} rows: {preview.valid} to import, {preview.problems.length} with problems; e-mail consent{' '}
        {preview.consentCounts.email}, SMS consent {preview.consentCounts.sms}
      </p>
      <details className="advanced" open={preview.layout === 'custom'} hidden={!p.onMapping}>
        <summary>Columns and consent</summary>
        <div className="audience-mapping">
          {MAPPED_FIELDS.map((f) => (
            <label key={f} className="col">
              {FIELD_LABEL[f]}
              <select
                value={mapping[f] ?? ''}
                data-testid={`audience-map-${f}`}
                onChange={(e) => setMapping({ ...mapping, [f]: e.target.value || undefined })}
              >
                <option value="">—</option>
                {preview.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className="col">
            E-mail consent
            <select
              value={consent.email}
              onChange={(e) => setConsent({ ...consent, email: e.target.value as ImportConsent['email'] })}
            >
              <option value="registered">everyone who registered</option>
              <option value="column">only where the consent column says yes</option>
              <option value="none">none</option>
            </select>
          </label>
          <label className="col">
            SMS consent
            <select
              value={consent.sms}
              onChange={(e) => setConsent({ ...consent, sms: e.target.value as ImportConsent['sms'] })}
            >
              <option value="column">only where the SMS consent column says yes</option>
              <option value="none">none</option>
            </select>
          </label>
        </div>
        <div className="row">
          <button onClick={() => p.onMapping?.(mapping, consent)} data-testid="audience-apply-mapping">
            Preview again with these columns
          </button>
        </div>
      </details>
      {preview.problems.length > 0 && (
        <table className="data-table problems" data-testid="audience-problems">
          <thead>
            <tr>
              <th>Line</th>
              <th>Problem (not imported)</th>
            </tr>
          </thead>
          <tbody>
            {preview.problems.slice(0, 500).map((x) => (
              <tr key={x.line}>
                <td>{x.line}</td>
                <td>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.sample.length > 0 && (
        <table className="data-table" data-testid="audience-sample">
          <thead>
            <tr>
              <th>Line</th>
              <th>Name</th>
              <th>E-mail</th>
              <th>Phone</th>
              <th>Language</th>
              <th>Consent</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s) => (
              <tr key={s.line}>
                <td>{s.line}</td>
                <td>{s.name}</td>
                <td>{s.email}</td>
                <td>{s.phone}</td>
                <td>{s.language}</td>
                <td>{s.consents.join(', ') || 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button className="primary" disabled={preview.valid === 0} onClick={p.onConfirm} data-testid="audience-confirm">
          Import {preview.valid} people
        </button>
      </div>
    </section>
  );
}

export function AudienceView({ operator }: { operator: string }) {
  const t = useTransport();
  const { error, fail, clear } = useCommandError();
  const [counts, setCounts] = useState<AudienceCounts | null>(null);
  const [people, setPeople] = useState<AudiencePerson[]>([]);
  const [query, setQuery] = useState('');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [settings, setSettings] = useState<AudienceSettings | null>(null);
  const [savedBase, setSavedBase] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [zoomSources, setZoomSources] = useState<string[]>([]);
  const [fromZoom, setFromZoom] = useState(false);

  const refresh = useCallback(() => {
    t.invoke('audience.counts', {}).then(setCounts, fail);
    t.invoke('audience.list', { query, limit: 100 }).then(setPeople, fail);
  }, [t, query, fail]);
  useEffect(() => {
    refresh();
    return t.on('audience.changed', (c) => {
      setCounts(c);
      refresh();
    });
  }, [t, refresh]);
  const loaded = useCallback((s: AudienceSettings) => {
    setSettings(s);
    setSavedBase(s.unsubscribeBaseUrl);
  }, []);
  useEffect(() => void t.invoke('audience.settings', {}).then(loaded, fail), [t, fail, loaded]);
  useEffect(() => {
    t.invoke('source.list', {}).then((s) => setZoomSources(zoomIdsOf(s)), fail);
    return t.on('sources.changed', (s) => setZoomSources(zoomIdsOf(s)));
  }, [t, fail]);

  const previewFile = (f: { name: string; content: string }, mapping?: ColumnMapping, consent?: ImportConsent) => {
    clear();
    setDone(null);
    t.invoke('audience.previewImport', { fileName: f.name, content: f.content, mapping, consent }).then((p) => {
      setFromZoom(false);
      setPreview(p);
    }, fail);
  };
  const importZoom = (sourceId: string) => {
    clear();
    setDone(null);
    t.invoke('audience.importZoom', { sourceId }).then((p) => {
      setFromZoom(true);
      setPreview(p);
    }, fail);
  };
  const confirm = () => {
    if (!preview) return;
    t.invoke('audience.confirmImport', { previewId: preview.previewId }).then((r) => {
      setPreview(null);
      setDone(`${r.fileName}: ${r.added} added, ${r.updated} updated, ${r.skipped} rows with problems left out`);
    }, fail);
  };

  return (
    <div className="audience" data-testid="audience-view">
      <div className="audience-main">
        <section className="panel">
          <h2>
            Audience{' '}
            <span className="muted">
              e-mail and SMS go to the people on this list who consented on that channel and did not opt out
            </span>
          </h2>
          <Counts c={counts} />
          <ErrorLine error={error} block testId="audience-error" />
          <label className="col">
            Registrant export (Zoom, GoToWebinar, Eventbrite, Teams, ON24 or any CSV)
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="audience-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                void f.text().then((content) => {
                  setFile({ name: f.name, content });
                  previewFile({ name: f.name, content });
                }, fail);
              }}
            />
          </label>
          {zoomSources.length > 0 && (
            <div className="row">
              {zoomSources.map((id) => (
                <button key={id} data-testid={`audience-import-zoom-${id}`} onClick={() => importZoom(id)}>
                  Import registrants from Zoom{zoomSources.length > 1 ? ` (${id})` : ''}
                </button>
              ))}
            </div>
          )}
          {done && (
            <p className="ok" data-testid="audience-imported">
              {done}
            </p>
          )}
        </section>
        {preview && (fromZoom || file) && (
          <PreviewPanel
            key={preview.previewId} // a new preview starts from its own mapping
            preview={preview}
            onMapping={fromZoom || !file ? undefined : (m, c) => previewFile(file, m, c)}
            onConfirm={confirm}
          />
        )}
        <section className="panel">
          <h2>People</h2>
          <label className="col">
            Search
            <input placeholder="Name, e-mail, phone" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          {people.length === 0 ? (
            <p className="muted">{query ? 'Nobody matches.' : 'Nobody yet: import a registrant export.'}</p>
          ) : (
            <table className="data-table" data-testid="audience-people">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>E-mail</th>
                  <th>Phone</th>
                  <th>Consent</th>
                  <th>Opted out</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.email}</td>
                    <td>{p.phone}</td>
                    <td title={p.consents.map((c) => `${c.channel}: ${c.source}`).join('\n')}>
                      {p.consents.map((c) => c.channel).join(', ')}
                    </td>
                    <td title={p.optOuts.map((o) => `${o.channel}: ${o.source}`).join('\n')}>
                      {p.optOuts.map((o) => o.channel).join(', ')}
                    </td>
                    <td>
                      <div className="row nowrap">
                        {(['email', 'sms'] as const)
                          .filter((ch) => !p.optOuts.some((o) => o.channel === ch))
                          .map((ch) => (
                            <button
                              key={ch}
                              data-testid={`audience-optout-${ch}-${p.id}`}
                              onClick={() =>
                                t
                                  .invoke('audience.optOut', { personId: p.id, channel: ch, operator })
                                  .then(refresh, fail)
                              }
                            >
                              Opt out of {ch === 'email' ? 'e-mail' : 'SMS'}
                            </button>
                          ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {settings && (
        <SettingsPanel
          settings={settings}
          onChange={setSettings}
          onSaved={loaded}
          unreachable={savedBase !== null && unsubscribeUnreachable(savedBase)}
        />
      )}
    </div>
  );
}

/** The audience settings; Save says "Saved." (or why not) next to it, as the channel forms do. */
function SettingsPanel(p: {
  settings: AudienceSettings;
  onChange(s: AudienceSettings): void;
  onSaved(s: AudienceSettings): void;
  unreachable: boolean;
}) {
  const t = useTransport();
  const { settings } = p;
  const { error, fail, clear } = useCommandError();
  const [msg, setMsg] = useState<string | null>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    setMsg(null);
    clear();
    t.invoke('audience.saveSettings', settings).then((s) => {
      p.onSaved(s);
      setMsg('Saved.');
    }, fail);
  };
  return (
    <form className="panel audience-settings" onSubmit={save}>
      <h2>Settings</h2>
      {p.unreachable && (
        <div className="warning" role="alert" data-testid="audience-unsubscribe-warning">
          E-mail to the list is refused: {UNSUBSCRIBE_WARNING}.
        </div>
      )}
      <label className="col">
        Default country for phone numbers
        <input
          value={settings.defaultCountry}
          size={3}
          maxLength={2}
          className="narrow"
          data-testid="audience-country"
          onChange={(e) => p.onChange({ ...settings, defaultCountry: e.target.value })}
        />
      </label>
      <label className="col">
        Unsubscribe base URL (where the unsubscribe server is reachable publicly)
        <input
          value={settings.unsubscribeBaseUrl}
          placeholder="https://events.example.com/unsubscribe"
          data-testid="audience-unsubscribe-url"
          onChange={(e) => p.onChange({ ...settings, unsubscribeBaseUrl: e.target.value })}
        />
      </label>
      <div className="row">
        <button type="submit" className="primary" data-testid="audience-save-settings">
          Save
        </button>
        {msg && (
          <span className="muted" data-testid="audience-settings-msg">
            {msg}
          </span>
        )}
        <ErrorLine error={error} testId="audience-settings-error" />
      </div>
    </form>
  );
}
