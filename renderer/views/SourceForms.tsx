/**
 * The Sources screen's forms: watch a real event, add OBS Studio, add the program probe (the platforms' are in
 * PlatformForms.tsx).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { SignalSourceSettings, SourceTestResult } from '../../shared/sources';
import { ErrorLine } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { formatDb } from '../components/format';
import { useReportedCommandError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';

const OBS_DEFAULTS = { host: '127.0.0.1', port: 4455 };

/** A Test button's answer, as one line. */
export function TestResultLine({ result, testId }: { result: SourceTestResult | null; testId: string }) {
  if (!result) return null;
  const level = result.ok && result.levelDb !== undefined ? `; first level ${formatDb(result.levelDb)}` : '';
  return (
    <div className={result.ok ? 'test-ok' : 'test-failed'} data-testid={testId} data-ok={result.ok}>
      {result.ok ? '✔' : '✖'} {result.detail}
      {level}
    </div>
  );
}

export function SourceForm(p: { title: string; testId: string; onSubmit(): void; children: ReactNode }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSubmit();
  };
  return (
    <form className="panel source-form" data-testid={p.testId} onSubmit={submit}>
      <h2>{p.title}</h2>
      {p.children}
    </form>
  );
}

/** Test, then Add: both send the same settings; Test never stores anything. */
export function useTestAndAdd(what: string) {
  const t = useTransport();
  const { error, failAs, clear } = useReportedCommandError();
  const [result, setResult] = useState<SourceTestResult | null>(null);
  const [busy, setBusy] = useState<'test' | 'add' | null>(null);
  const run = <T,>(step: 'test' | 'add', call: () => Promise<T>, done: (v: T) => void) => {
    clear();
    setBusy(step);
    call()
      .then(done, failAs(`${step === 'test' ? 'Testing' : 'Adding'} ${what}`))
      .finally(() => setBusy(null));
  };
  return {
    error,
    result,
    busy,
    test: (settings: SignalSourceSettings, then?: (r: SourceTestResult) => void) =>
      run(
        'test',
        () => t.invoke('source.test', { settings }),
        (r) => {
          setResult(r);
          then?.(r);
        },
      ),
    add: (settings: SignalSourceSettings, then: () => void) =>
      run(
        'add',
        () => t.invoke('source.add', { settings }),
        () => {
          setResult(null);
          then();
        },
      ),
  };
}

export function AddObsForm() {
  const [host, setHost] = useState(OBS_DEFAULTS.host);
  const [port, setPort] = useState(String(OBS_DEFAULTS.port));
  const [password, setPassword] = useState('');
  const [audioInputs, setAudioInputs] = useState<string[]>([]);
  const [marked, setMarked] = useState<string[]>([]);
  const c = useTestAndAdd('OBS Studio');
  const settings = (): SignalSourceSettings => ({
    kind: 'obs',
    host: host.trim(),
    port: Number(port),
    ...(password ? { password } : {}),
    inputs: marked,
  });
  const test = () =>
    c.test(settings(), (r) => {
      const found = r.ok ? (r.audioInputs ?? []) : [];
      setAudioInputs(found);
      setMarked((m) => m.filter((name) => found.includes(name)));
    });
  const reset = () => {
    setPassword('');
    setAudioInputs([]);
    setMarked([]);
  };
  const toggle = (name: string, on: boolean) => setMarked((m) => (on ? [...m, name] : m.filter((x) => x !== name)));
  return (
    <SourceForm title="Add OBS Studio" testId="add-obs" onSubmit={() => c.add(settings(), reset)}>
      <p className="muted">
        OBS 28 or later: Tools → WebSocket Server Settings. Onair reads the microphones&apos; meters and the stream.
      </p>
      <div className="row">
        <Field label="Host" value={host} onChange={setHost} size={14} testId="obs-host" />
        <Field label="Port" value={port} onChange={setPort} inputMode="numeric" size={6} testId="obs-port" />
        <Field
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="off"
          size={12}
          testId="obs-password"
        />
      </div>
      {audioInputs.length > 0 && (
        <fieldset className="audio-inputs" data-testid="obs-audio-inputs">
          <legend>The program&apos;s microphones (none ticked: every input with a meter)</legend>
          {audioInputs.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={marked.includes(name)}
                onChange={(e) => toggle(name, e.target.checked)}
                data-testid="obs-input"
                data-input={name}
              />
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <TestResultLine result={c.result} testId="obs-test-result" />
      <div className="row">
        <button type="button" onClick={test} disabled={c.busy !== null} data-testid="obs-test">
          {c.busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button type="submit" className="primary" disabled={c.busy !== null} data-testid="obs-add">
          Add
        </button>
        <ErrorLine error={c.error} testId="obs-error" />
      </div>
    </SourceForm>
  );
}

export function AddProbeForm() {
  const [input, setInput] = useState('');
  const [listen, setListen] = useState(false);
  const c = useTestAndAdd('the program probe');
  const settings = (): SignalSourceSettings => ({ kind: 'probe', input: input.trim(), ...(listen ? { listen } : {}) });
  const reset = () => {
    setInput('');
    setListen(false);
  };
  return (
    <SourceForm title="Add program probe" testId="add-probe" onSubmit={() => c.add(settings(), reset)}>
      <p className="muted">
        Listens to what the audience gets: the platform&apos;s HLS playback URL, an RTMP or SRT pull, or a capture
        device; or, with Listen, receives the encoder&apos;s RTMP push.
      </p>
      <Field
        label="Input"
        stacked
        value={input}
        onChange={setInput}
        placeholder={listen ? 'rtmp://127.0.0.1:1935/live' : 'https://…/live.m3u8, rtmp://…, srt://…'}
        testId="probe-input"
      />
      <label className="check">
        <input
          type="checkbox"
          checked={listen}
          onChange={(e) => setListen(e.target.checked)}
          data-testid="probe-listen"
        />
        Listen for the encoder to push here
      </label>
      <TestResultLine result={c.result} testId="probe-test-result" />
      <div className="row">
        <button
          type="button"
          onClick={() => c.test(settings())}
          disabled={c.busy !== null || !input.trim()}
          data-testid="probe-test"
        >
          {c.busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button type="submit" className="primary" disabled={c.busy !== null || !input.trim()} data-testid="probe-add">
          Add
        </button>
        <ErrorLine error={c.error} testId="probe-error" />
      </div>
    </SourceForm>
  );
}

export function WatchEventForm() {
  const t = useTransport();
  const [name, setName] = useState('');
  const { error, failAs, clear } = useReportedCommandError();
  const watch = () => {
    if (!name.trim()) return;
    clear();
    t.invoke('source.watchEvent', { eventName: name.trim() }).then(() => setName(''), failAs('Watching the event'));
  };
  return (
    <SourceForm title="Watch a real event" testId="watch-event" onSubmit={watch}>
      <p className="muted">
        The simulator is for rehearsals. For the real webinar, name it here: Onair opens the event now, and OBS and the
        probe feed it.
      </p>
      <div className="row">
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Event name"
          className="grow"
          data-testid="watch-event-name"
        />
        <button type="submit" className="primary" disabled={!name.trim()} data-testid="watch-event-start">
          Watch
        </button>
        <ErrorLine error={error} testId="watch-event-error" />
      </div>
    </SourceForm>
  );
}
