/**
 * The audience commands through the contract (in the style of contract.test.ts, on the in-memory pair):
 * preview → confirm, the counts event, an opt-out by hand, the settings, and the errors the contract names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandFailed, type Transport } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';

let onair: Onair;
let t: Transport;

beforeAll(async () => {
  onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: '0.0.0-test',
    log: () => {},
    source: { kind: 'simulator', scenario: 'calm', speed: 50 },
  });
  t = inMemoryTransport(onair.dispatcher, onair.hub);
});
afterAll(() => onair.close());

const ZOOM = [
  'First Name,Last Name,Email,City,Country/Region,Phone,Organization,Job Title,Registration Time,Approval Status',
  'Anna,Rossi,anna@example.com,Milano,Italy,+39 347 123 4567,ACME,,2026-11-20 09:00:00,approved',
  'Ben,Miller,ben@@example.com,London,UK,,ACME,,2026-11-20 09:01:00,approved',
  '',
].join('\n');

const codeOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof CommandFailed ? err.error.code : String(err);
};

describe('audience.*', () => {
  it('previews, confirms, counts, and records an opt-out by hand', async () => {
    const preview = await t.invoke('audience.previewImport', { fileName: 'zoom.csv', content: ZOOM });
    expect(preview).toMatchObject({ layout: 'zoom', valid: 1, rows: 2 });
    expect(preview.problems).toEqual([{ line: 3, reason: 'bad e-mail address "ben@@example.com"' }]);
    expect((await t.invoke('audience.counts', {})).people).toBe(0); // a preview stores nothing

    const changed = new Promise((resolve) => {
      const off = t.on('audience.changed', (c) => (off(), resolve(c)));
    });
    const result = await t.invoke('audience.confirmImport', { previewId: preview.previewId });
    expect(result).toEqual({ fileName: 'zoom.csv', added: 1, updated: 0, skipped: 1 });
    expect(await changed).toMatchObject({ people: 1, reachable: { email: 1, sms: 0 } });
    // A preview is confirmed once.
    expect(await codeOf(t.invoke('audience.confirmImport', { previewId: preview.previewId }))).toBe('not-found');

    const [anna] = await t.invoke('audience.list', { query: 'anna' });
    expect(anna.consents).toEqual([{ channel: 'email', source: 'import: zoom.csv', at: expect.any(Number) }]);
    const after = await t.invoke('audience.optOut', { personId: anna.id, channel: 'email', operator: 'Giulia' });
    expect(after.optOuts).toEqual([{ channel: 'email', source: 'operator: Giulia', at: expect.any(Number) }]);
    expect((await t.invoke('audience.counts', {})).reachable.email).toBe(0);
    expect(await codeOf(t.invoke('audience.optOut', { personId: 999, channel: 'sms', operator: 'G' }))).toBe(
      'not-found',
    );
  });

  it('keeps its settings and refuses bad ones', async () => {
    const saved = await t.invoke('audience.saveSettings', {
      defaultCountry: 'de',
      unsubscribeBaseUrl: 'https://events.example.com/unsubscribe',
    });
    expect(saved).toEqual({ defaultCountry: 'DE', unsubscribeBaseUrl: 'https://events.example.com/unsubscribe' });
    expect(await t.invoke('audience.settings', {})).toEqual(saved);
    expect(await codeOf(t.invoke('audience.saveSettings', { unsubscribeBaseUrl: 'javascript:alert(1)' }))).toBe(
      'bad-args',
    );
    expect(await codeOf(t.invoke('audience.saveSettings', { defaultCountry: 'Germany' }))).toBe('bad-args');
  });

  it('a file that is not CSV is bad-args', async () => {
    const code = await codeOf(
      t.invoke('audience.previewImport', { fileName: 'x.csv', content: 'Email\n"never closed' }),
    );
    expect(code).toBe('bad-args');
  });
});
