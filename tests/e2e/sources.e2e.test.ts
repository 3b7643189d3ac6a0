/**
 * The Sources screen in a real browser: signal sources join the watched event and say on their own when they
 * cannot deliver. A program probe on an HLS URL that answers 404 (a local http server) and an OBS Studio on
 * a port where nothing listens both turn offline with the reason, in their row and in the top bar's pill;
 * a source is removed; "Watch a real event" replaces the simulator's event in the top bar. Then a real OBS
 * Studio (under Xvfb, as the integration tests start it): its audio inputs to tick, its meters, a muted
 * microphone, and its stream dropping shown in the top bar while the simulator still says online.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';
import { freePort } from '../support/free-port';
import { addWavInput, startObs, startRtmpIngest, streamTo, type ObsPeer } from '../support/obs-peer';
import { speechWav } from '../support/speech-wav';

describe('the Sources screen', () => {
  // At 5×, so the first add meets the real-time sources' refusal of a fast simulator.
  const ctx = consoleInBrowser(['--scenario', 'calm', '--speed', '5']);
  let missing: Server;
  let missingUrl: string;
  let obsPort: number;

  beforeAll(async () => {
    missing = createServer((_req, res) => res.writeHead(404).end('not found'));
    await new Promise<void>((resolve) => missing.listen(0, '127.0.0.1', resolve));
    missingUrl = `http://127.0.0.1:${(missing.address() as AddressInfo).port}/live/program.m3u8`;
    obsPort = await freePort();
  });
  afterAll(async () => {
    await new Promise((resolve) => missing?.close(resolve));
  });

  const row = (page: Page, id: string) => page.locator(`[data-testid="source-row"][data-source="${id}"]`);
  const pill = (page: Page, id: string) => page.locator(`[data-testid="source-pill"][data-source="${id}"]`);

  it('shows each source offline with its reason, removes one, and switches to a real event', async () => {
    const { page, errors } = await openConsole(ctx);
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('online');
    await page.getByTestId('tab-sources').click();
    await expect.poll(() => row(page, 'simulator').count()).toBe(1);

    // The probe reads the wall clock: it refuses to join a simulator at 5×, inline and in the error strip.
    const probeForm = page.getByTestId('add-probe');
    await probeForm.getByTestId('probe-input').fill(missingUrl);
    await probeForm.getByTestId('probe-add').click();
    await expect.poll(() => probeForm.getByTestId('probe-error').getAttribute('data-code')).toBe('conflict');
    expect(await probeForm.getByTestId('probe-error').textContent()).toMatch(/1×/);
    await expect.poll(() => page.getByTestId('error-notice').count()).toBe(1);
    await page.getByTestId('speed-select').selectOption('1');
    await expect.poll(() => row(page, 'simulator').textContent()).not.toMatch(/5×/);

    // Test first: the server's answer, without adding anything.
    await probeForm.getByTestId('probe-test').click();
    const probeTest = probeForm.getByTestId('probe-test-result');
    await expect.poll(() => probeTest.getAttribute('data-ok'), { timeout: 20_000 }).toBe('false');
    // The server's 404 as ffmpeg reports it; on a CI machine loaded by the whole suite ffmpeg can take longer
    // than the Test's 10 s to start and say so, and the Test then answers that no audio came.
    expect(await probeTest.textContent()).toMatch(/404|no audio from .* within 10 s/);
    expect(await row(page, 'probe').count()).toBe(0);

    await probeForm.getByTestId('probe-add').click();
    await expect.poll(() => probeForm.getByTestId('probe-error').count()).toBe(0);
    await expect.poll(() => row(page, 'probe').getAttribute('data-status'), { timeout: 20_000 }).toBe('offline');
    expect(await row(page, 'probe').getByTestId('source-last-error').textContent()).toMatch(/404/);
    expect(await pill(page, 'probe').getAttribute('data-status')).toBe('offline');
    expect(await pill(page, 'probe').getAttribute('title')).toMatch(/404/);

    // OBS where nothing listens.
    const obsForm = page.getByTestId('add-obs');
    expect(await obsForm.getByTestId('obs-host').inputValue()).toBe('127.0.0.1');
    expect(await obsForm.getByTestId('obs-port').inputValue()).toBe('4455');
    await obsForm.getByTestId('obs-port').fill(String(obsPort));
    await obsForm.getByTestId('obs-test').click();
    const obsTest = obsForm.getByTestId('obs-test-result');
    await expect.poll(() => obsTest.getAttribute('data-ok'), { timeout: 10_000 }).toBe('false');
    expect(await obsTest.textContent()).toContain(`nothing listens at ws://127.0.0.1:${obsPort}`);
    await obsForm.getByTestId('obs-add').click();
    await expect.poll(() => row(page, 'obs').getAttribute('data-status'), { timeout: 15_000 }).toBe('offline');
    expect(await row(page, 'obs').getByTestId('source-last-error').textContent()).toContain(
      `nothing listens at ws://127.0.0.1:${obsPort}`,
    );
    await expect.poll(() => pill(page, 'obs').textContent()).toMatch(/^OBS offline( · retry \d+)?$/);
    expect(await pill(page, 'obs').getAttribute('title')).toContain('nothing listens');

    // A stored source's own Test button.
    await row(page, 'obs').getByTestId('source-test').click();
    await expect
      .poll(() => row(page, 'obs').getByTestId('source-test-result').textContent(), { timeout: 10_000 })
      .toMatch(/✖ nothing listens/);
    await expect.poll(() => page.getByTestId('stream-badge').getAttribute('data-state')).toBe('online');
    await page.screenshot({ path: shot('sources-offline') });

    await row(page, 'obs').getByTestId('source-remove').click();
    await expect.poll(() => row(page, 'obs').count()).toBe(0);
    expect(await pill(page, 'obs').count()).toBe(0);
    expect(await row(page, 'probe').count()).toBe(1);

    // A real event: the simulator's event gives way to it; the probe stays.
    expect(await page.getByTestId('event-name').textContent()).not.toBe('Quarterly results');
    const watch = page.getByTestId('watch-event');
    expect(await watch.textContent()).toMatch(/simulator is for rehearsals/);
    await watch.getByTestId('watch-event-name').fill('Quarterly results');
    await watch.getByTestId('watch-event-start').click();
    await expect
      .poll(() => page.getByTestId('event-name').textContent(), { timeout: 10_000 })
      .toBe('Quarterly results');
    await expect.poll(() => page.getByTestId('connection-state').textContent()).toBe('Live event online');
    expect(await row(page, 'simulator').count()).toBe(0);
    expect(await row(page, 'probe').count()).toBe(1);
    expect(await page.getByTestId('speed-select').count()).toBe(0);
    await page.screenshot({ path: shot('sources-real-event') });

    await page.getByTestId('tab-live').click();
    await expect.poll(() => page.getByTestId('stream-state').textContent()).toBe('—');
    await page.screenshot({ path: shot('sources-live-tab') });

    // Back to rehearsing: the picker plays a scenario again, at 1× since the probe is still there.
    await page.getByTestId('scenario-select').selectOption('calm');
    await expect
      .poll(() => page.getByTestId('connection-state').textContent(), { timeout: 10_000 })
      .toBe('Simulator online');
    expect(await page.getByTestId('speed-select').inputValue()).toBe('1');
    expect(errors).toEqual([]);
  }, 90_000);
});

describe('the Sources screen with a real OBS Studio', () => {
  const PASSWORD = 'onair-e2e-password';
  const ctx = consoleInBrowser(['--scenario', 'calm', '--speed', '1']);
  let peer: ObsPeer;

  beforeAll(async () => {
    peer = await startObs({ password: PASSWORD });
    const control = await peer.control();
    await addWavInput(control, 'Talk', speechWav().path);
    await addWavInput(control, 'Music', speechWav().path);
  }, 60_000);
  afterAll(async () => {
    await peer?.stop();
  });

  it("lists OBS's audio inputs to tick, shows the ticked one's meter, its mute, and the stream dropping", async () => {
    const { page, errors } = await openConsole(ctx);
    await page.getByTestId('tab-sources').click();

    const form = page.getByTestId('add-obs');
    await form.getByTestId('obs-port').fill(String(peer.port));
    await form.getByTestId('obs-password').fill(PASSWORD);
    await form.getByTestId('obs-test').click();
    await expect
      .poll(() => form.getByTestId('obs-test-result').getAttribute('data-ok'), { timeout: 10_000 })
      .toBe('true');
    expect(await form.getByTestId('obs-test-result').textContent()).toMatch(/OBS \d+\.\d+.*obs-websocket/);
    const inputs = await form.getByTestId('obs-input').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-input')));
    expect(inputs).toEqual(expect.arrayContaining(['Talk', 'Music']));
    await form.locator('[data-testid="obs-input"][data-input="Talk"]').check();
    await form.getByTestId('obs-add').click();

    const obs = page.locator('[data-testid="source-row"][data-source="obs"]');
    await expect.poll(() => obs.getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    expect(await page.locator('[data-testid="source-pill"][data-source="obs"]').textContent()).toBe('OBS connected');
    expect(await obs.textContent()).toContain('microphones: Talk · password set');
    const talk = obs.locator('[data-testid="input-meter"][data-input="Talk"]');
    await expect.poll(() => talk.count(), { timeout: 10_000 }).toBe(1);
    expect(await obs.locator('[data-testid="input-meter"][data-input="Music"]').count()).toBe(0);

    const control = await peer.control();
    await control.call('SetInputMute', { inputName: 'Talk', inputMuted: true });
    await expect.poll(() => talk.locator('.badge-muted').count(), { timeout: 10_000 }).toBe(1);

    // The muted microphone that hears a voice, judged while on air (not during a reconnect, which nobody
    // hears): the evidence names the source and the input. (The file's silence may have opened the audio
    // incident first, as a silent microphone: the evidence joins it.)
    await page.getByTestId('tab-live').click();
    const muted = page.locator('[data-testid="incident-card"]', { hasText: 'OBS Studio · Talk: muted' }).first();
    await expect.poll(() => muted.count(), { timeout: 30_000 }).toBe(1);
    await muted.locator('.evidence summary').click();
    expect(await muted.locator('.evidence').textContent()).toContain('OBS Studio · Talk: muted');
    await page.getByTestId('tab-sources').click();

    // The stream drops at the ingest: OBS says reconnecting, and the top bar says so over the simulator's "online".
    const ingest = await startRtmpIngest();
    const badge = page.getByTestId('stream-badge');
    try {
      await streamTo(control, ingest);
      await expect
        .poll(() => obs.getByTestId('source-delivers').textContent(), { timeout: 15_000 })
        .toMatch(/stream ?online/);
      expect(await obs.getByTestId('source-delivers').textContent()).toMatch(/congestion ?\d+%/);
      await expect.poll(() => badge.getAttribute('data-state')).toBe('online');
      await page.screenshot({ path: shot('sources-obs') });
      await ingest.kill();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('reconnecting');
      expect(await badge.getAttribute('title')).toMatch(/OBS Studio: reconnecting/);
      expect(await badge.getAttribute('title')).toMatch(/Simulator: online/);
      await page.getByTestId('tab-live').click();
      await expect.poll(() => page.getByTestId('stream-state').textContent()).toBe('reconnecting');
      await page.screenshot({ path: shot('sources-obs-stream-dropped') });
    } finally {
      await control.call('StopStream').catch(() => undefined);
      await ingest.kill();
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
