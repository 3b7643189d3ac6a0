/**
 * Rehearsals never reach the audience, clicked in the real UI: the console on its embedded simulator (a
 * rehearsal) with e-mail pointed at an SMTP peer and Slack at an HTTP peer. The banner and the composer say
 * it is a rehearsal, the first update lands in the sandbox outbox, and neither peer nor the status page gets
 * anything. Back to live leads to the real event; a replay that ends says so; a drill injects its fault at a
 * moment nobody is told, and the team's answer is scored and kept for the review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';
import { startPeer, type Peer } from '../support/http-peer';
import { startSmtpPeer } from '../support/smtp-peer';

const EVENT = 'Spring launch (live)';

async function configureChannels(page: Page, smtpPort: number, slackUrl: string) {
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('enable-email').check();
  await page.getByTestId('field-email-host').fill('127.0.0.1');
  await page.getByTestId('field-email-port').fill(String(smtpPort));
  await page.getByTestId('field-email-from').fill('Launch team <events@example.org>');
  await page.getByTestId('field-email-recipients').fill('ada@example.org, bob@example.org');
  await page.getByTestId('save-email').click();
  await expect.poll(() => page.getByTestId('msg-email').textContent()).toBe('Saved.');
  await page.getByTestId('enable-slack').check();
  await page.getByTestId('field-slack-webhookUrl').fill(`${slackUrl}/services/T000/B000/XXXX`);
  await page.getByTestId('save-slack').click();
  await expect.poll(() => page.getByTestId('msg-slack').textContent()).toBe('Saved.');
  await page.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
  await page.getByTestId('save-status-page').click();
  await expect.poll(() => page.getByTestId('msg-status-page').textContent()).toBe('Saved.');
  await page.getByTestId('tab-live').click();
}

/** Compose the update of the incident on `card` and send it to every enabled channel. */
async function postUpdate(page: Page, card: ReturnType<Page['locator']>, channels: number) {
  await card.getByTestId('compose-update').click();
  await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/\w/);
  await expect.poll(() => page.getByTestId('checklist-row').count()).toBe(channels);
  await expect.poll(() => page.getByTestId('composer-send').isEnabled()).toBe(true);
  await page.getByTestId('composer-send').click();
  await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
}

describe('rehearsals and drills', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let slack: Peer;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    slack = await startPeer(() => ({ status: 200, body: 'ok' }));
  });
  const ctx = consoleInBrowser(['--scenario', 'audio-loss', '--speed', '10']);
  afterAll(async () => {
    await smtp?.close();
    await slack?.close();
  });
  let page: Page;
  let errors: string[];

  it('keeps every post of a rehearsal in the sandbox: nothing reaches the SMTP or Slack peer, nor the status page', async () => {
    ({ page, errors } = await openConsole(ctx));
    const banner = page.getByTestId('rehearsal-banner');
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('rehearsal-message').textContent()).toMatch(/nothing you post reaches the audience/i);
    await configureChannels(page, smtp.port, slack.url);
    const statusPage = join(ctx.app.dataDir, 'status-page', 'index.html');
    const pageBefore = readFileSync(statusPage, 'utf8');

    // Audio dies at 60 s of the scenario (6 s at 10×).
    const card = page.locator('[data-testid="incident-card"][data-kind="audio"]');
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await card.getByTestId('compose-update').click();
    await expect.poll(() => page.getByTestId('composer-rehearsal').isVisible()).toBe(true);
    expect(await page.getByTestId('composer-rehearsal').textContent()).toMatch(/sandbox/);
    // Every channel row says so: webinar chat, e-mail, status page, Slack.
    await expect.poll(() => page.getByTestId('checklist-row').count()).toBe(4);
    expect(await page.locator('[data-testid="checklist-row"] [data-testid="rehearsal-tag"]').count()).toBe(4);
    await expect.poll(() => page.getByTestId('composer-send').isEnabled()).toBe(true);
    await page.screenshot({ path: shot('rehearsal-composer') });
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
    const rows = page.locator('[data-testid="outbox-row"][data-status="sent"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
    expect(await rows.first().textContent()).toMatch(/Rehearsal — not sent/);
    await page.getByTestId('composer-close').click();

    // The sandbox outbox shows what would have gone out, per channel.
    await page.getByTestId('sandbox-outbox').locator('summary').click();
    await expect.poll(() => page.getByTestId('sandbox-post').count()).toBe(4);
    const channels = await page.getByTestId('sandbox-post').evaluateAll((els) => els.map((e) => e.dataset.channel));
    expect(channels.sort()).toEqual(['email', 'slack', 'status-page', 'webinar-chat']);
    expect(await page.locator('[data-testid="sandbox-post"][data-channel="email"] pre').textContent()).toMatch(
      /audio/i,
    );
    await page.screenshot({ path: shot('rehearsal-sandbox') });
    expect(smtp.inbox).toEqual([]);
    expect(slack.requests).toEqual([]);
    expect(readFileSync(statusPage, 'utf8')).toBe(pageBefore);

    await card.getByTestId('action-resolve').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('resolved');
    expect(errors).toEqual([]);
  });

  it('leads back to live in one click: the Sources screen asks for the event, then the picker returns to it', async () => {
    const banner = page.getByTestId('rehearsal-banner');
    await page.getByTestId('back-to-live').click();
    const name = page.getByTestId('watch-event-name');
    await expect.poll(() => name.isVisible()).toBe(true);
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill(EVENT);
    await name.press('Enter');
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(EVENT);

    // Rehearse again from the picker, then one click back to the same real event.
    await page.getByTestId('scenario-select').selectOption('calm');
    await expect.poll(() => banner.isVisible()).toBe(true);
    await page.getByTestId('picker-back-to-live').click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(EVENT);
    await page.screenshot({ path: shot('rehearsal-back-to-live') });
    expect(errors).toEqual([]);
  });

  it('says "Replay ended" when a replay is over, with the picker still there', async () => {
    await page.getByTestId('tab-review').click();
    await page.locator('[data-testid="history-item"]', { hasText: 'rehearsal: audio-loss' }).first().click();
    await page.getByLabel('replay speed').selectOption('60');
    await page.getByTestId('replay').click();
    await expect.poll(() => page.getByTestId('rehearsal-banner').isVisible()).toBe(true);
    expect(await page.getByTestId('scenario-picker').isVisible()).toBe(true);
    const pill = page.getByTestId('connection-state');
    await expect.poll(() => pill.textContent(), { timeout: 30_000 }).toBe('Replay ended');
    expect(await page.getByTestId('rehearsal-ended').textContent()).toBe('Replay ended');
    await page.screenshot({ path: shot('rehearsal-replay-ended') });
    expect(errors).toEqual([]);
  });

  it('runs a drill: the fault comes unannounced, the team answers, and the score is kept for the review', async () => {
    await page.getByTestId('tab-live').click();
    // The replay's own audio incident is still open: a drill starts clean, so it is refused until that is closed.
    await page.getByTestId('drill-start').click();
    await expect
      .poll(() => page.getByTestId('drill-control').textContent())
      .toMatch(/resolve or close the open incident/);
    const open = page.locator(
      '[data-testid="incident-card"]:not([data-status="resolved"]):not([data-status="false-alarm"])',
    );
    // One card at a time, each gone from the open ones before the next: a resolved card loses its buttons.
    for (let left = await open.count(); left > 0; left--) {
      const card = open.first();
      const carried = card.getByTestId('carry-resolve');
      await ((await carried.count()) > 0 ? carried : card.getByTestId('action-resolve')).click();
      await expect.poll(() => open.count()).toBe(left - 1);
    }
    await page.getByTestId('drill-fault').selectOption('audio-loss');
    await page.getByTestId('drill-speed').selectOption('10');
    await page.getByTestId('drill-start').click();
    await expect.poll(() => page.getByTestId('drill-running').isVisible()).toBe(true);
    // The console never says when the fault comes.
    expect(await page.getByTestId('drill-running').textContent()).not.toMatch(/\d+\s*s\b|at \d/);

    const card = page.locator('[data-testid="incident-card"][data-kind="audio"][data-status="detected"]');
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    await card.getByTestId('action-acknowledge').click();
    const answered = page.locator('[data-testid="incident-card"][data-kind="audio"][data-status="acknowledged"]');
    await expect.poll(() => answered.count()).toBe(1);
    await postUpdate(page, answered, 4);
    await page.getByTestId('composer-close').click();
    await answered.getByTestId('action-resolve').click();

    // Resolving ends the drill: the score against the playbook, every channel covered in time.
    const score = page.getByTestId('drill-score');
    await expect.poll(() => score.getAttribute('data-scored'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByTestId('drill-overall').textContent()).toMatch(/^\d+\/100$/);
    const lines = await page.getByTestId('drill-line').allTextContents();
    expect(lines.some((l) => /Acknowledged/.test(l))).toBe(true);
    expect(lines.filter((l) => /First update/.test(l))).toHaveLength(4);
    expect(await page.locator('[data-testid="drill-line"][data-met="false"]').allTextContents()).toEqual([]);
    await page.screenshot({ path: shot('rehearsal-drill-score') });
    expect(smtp.inbox).toEqual([]);
    expect(slack.requests).toEqual([]);

    await page.getByTestId('tab-review').click();
    await expect.poll(() => page.getByTestId('drill-row').count()).toBe(1);
    expect(await page.getByTestId('drill-row-score').textContent()).toMatch(/^\d+\/100$/);
    expect(await page.getByTestId('drill-row-trend').textContent()).toBe('first drill');
    await page.getByTestId('drill-history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('rehearsal-drill-history') });
    expect(errors).toEqual([]);
  }, 60_000); // the fault comes within 2–12 s at 10×, unannounced
});
