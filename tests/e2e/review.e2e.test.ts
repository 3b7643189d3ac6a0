/**
 * After the event: a finished audio-loss run (operator steps taken through the same contract the UI uses),
 * reviewed in the real UI: timeline, figures, a marker's detail, the HTML report exported and checked.
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import { socketTransport } from '../../renderer/transport/socket-transport';
import { ARTIFACTS, launchBrowser, shot } from '../support/browser';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';

describe('review of a finished audio-loss event', () => {
  let app: ConsoleProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let socket: Socket;
  let t: Transport;

  beforeAll(async () => {
    app = await startConsoleProcess(['--scenario', 'audio-loss', '--speed', '30', '--once']);
    socket = io(new URL(app.url).origin, { transports: ['websocket'], ...app.socketAuth });
    t = socketTransport(socket);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    socket?.close();
    await browser?.close();
    await app?.stop();
  });

  it('shows the timeline and figures, details a post, and exports a self-contained HTML report', async () => {
    // The live part, played fast: detect, acknowledge, tell everyone, resolve.
    await expect
      .poll(async () => (await t.invoke('incident.list', {})).find((i) => i.kind === 'audio'), {
        timeout: 30_000,
        interval: 100,
      })
      .toBeTruthy();
    const incident = (await t.invoke('incident.list', {})).find((i) => i.kind === 'audio')!;
    await t.invoke('incident.transition', { incidentId: incident.id, action: 'acknowledge', operator: 'giulia' });
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'it' });
    await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: 'it',
      operator: 'giulia',
      draft: { subject: draft.subject, body: draft.body, link: 'https://status.example.com/' },
      channels: ['webinar-chat', 'status-page'],
      skipped: [],
    });
    await expect
      .poll(
        async () =>
          (await t.invoke('outbox.list', { incidentId: incident.id })).filter((p) => p.status === 'sent').length,
        { timeout: 10_000 },
      )
      .toBe(2);
    await expect
      .poll(async () => (await t.invoke('incident.list', {})).find((i) => i.id === incident.id)?.recoveryProposedAt, {
        timeout: 30_000,
        interval: 200,
      })
      .toBeTruthy();
    await t.invoke('incident.transition', { incidentId: incident.id, action: 'resolve', operator: 'giulia' });
    const sessionId = incident.sessionId!;

    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await page.getByTestId('tab-review').click();
    await page.locator(`[data-testid="history-item"][data-session="${sessionId}"]`).click();
    await expect.poll(() => page.getByTestId('timeline').isVisible(), { timeout: 10_000 }).toBe(true);

    const all = await t.invoke('incident.list', { sessionId });
    const summary = all.map((i) => `${i.kind}:${i.title}:${i.detectors.join('+')}:${i.status}`);
    expect(summary, summary.join(' | ')).toHaveLength(1);
    expect(await page.getByTestId('fig-incidents').textContent()).toBe('1');
    const ttd = (await page.getByTestId('inc-ttd').textContent())!;
    const [m, s] = ttd.split(':').map(Number);
    expect(m * 60 + s).toBeLessThanOrEqual(5); // audio loss seen within 5 s of its true start
    expect(await page.getByTestId('incident-figures').textContent()).toMatch(/from the fault’s true start/);
    expect(await page.getByTestId('inc-ttfu').textContent()).toMatch(/^\d\d:\d\d$/);
    await page.screenshot({ path: shot('review-timeline'), fullPage: true });

    // Click a post marker: its text as posted appears.
    const points = page.getByTestId('marker');
    await expect.poll(() => points.count()).toBeGreaterThan(3);
    const n = await points.count();
    const detailText = () =>
      page
        .getByTestId('marker-detail')
        .textContent({ timeout: 1000 })
        .catch(() => '');
    for (let i = 0; i < n; i++) {
      await points
        .nth(i)
        .click({ timeout: 2000 })
        .catch(() => {});
      if (
        /^\S+ · post\b|posted|webinar chat|status page/i.test((await detailText()) ?? '') &&
        /audio/i.test((await detailText()) ?? '')
      )
        break;
    }
    expect(await page.getByTestId('marker-detail').textContent()).toMatch(/audio/i);
    await page.screenshot({ path: shot('review-marker') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    const file = `${ARTIFACTS}/review-report.html`;
    await download.saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script|src="http/);
    expect(html).toContain('Launch webinar');
    const report = await browser.context.newPage();
    await report.goto(`file://${file}`);
    await report.screenshot({ path: shot('review-report'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
