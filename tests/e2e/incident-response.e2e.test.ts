/**
 * The producer's path through a broken webinar, clicked in the real UI: audio dies → banner →
 * acknowledge → compose → every enabled channel covered → update sent → the silence timer resets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { openConsole } from '../support/console-in-browser';
import { consoleOnExternalSimulator } from '../support/external-simulator';
import { startPeer } from '../support/http-peer';

describe('incident response in the web console', () => {
  // A live event to Onair (an external source): the update really goes out, to Slack's stand-in too.
  const ctx = consoleOnExternalSimulator({ scenario: 'audio-loss', speed: 10 });
  let slack: Awaited<ReturnType<typeof startPeer>>;
  beforeAll(async () => {
    slack = await startPeer(() => ({ status: 200, body: 'ok' }));
  });
  afterAll(() => slack?.close());

  it('detects the audio loss, guides the first update to every channel and resets the silence timer', async () => {
    const { page, errors } = await openConsole(ctx);

    // Set up a Slack channel through the settings screen (a local peer stands in for Slack).
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('enable-slack').check();
    await page.getByTestId('field-slack-webhookUrl').fill(`${slack.url}/services/T000/B000/XXXX`);
    await page.getByTestId('save-slack').click();
    await expect.poll(() => page.getByTestId('msg-slack').textContent()).toBe('Saved.');
    await page.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
    await page.getByTestId('save-status-page').click();
    await expect.poll(() => page.getByTestId('msg-status-page').textContent()).toBe('Saved.');
    await page.getByTestId('tab-live').click();

    // Audio dies at 60 s of the scenario (6 s at 10×): the banner must come up on its own.
    await expect.poll(() => page.getByTestId('incident-banner').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('banner-title').first().textContent()).toMatch(/audio/i);
    await page.screenshot({ path: shot('incident-banner') });

    await page.getByTestId('banner-acknowledge').first().click();
    const card = page.locator('[data-testid="incident-card"][data-kind="audio"]');
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');

    await card.getByTestId('compose-update').click();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await page.getByTestId('composer-lang').selectOption('it');
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await expect.poll(() => page.getByTestId('tone-ok').isVisible()).toBe(true);

    // Every enabled channel is on the checklist; send to all of them.
    await expect.poll(() => page.getByTestId('checklist-row').count()).toBe(3);
    for (const c of ['webinar-chat', 'status-page', 'slack'])
      await expect.poll(() => page.getByTestId(`send-${c}`).isChecked()).toBe(true);
    // Each channel shows the message at its own length.
    await expect.poll(() => page.locator('[data-testid="checklist-row"] .len').count()).toBe(3);
    expect(await page.locator('[data-testid="checklist-row"][data-channel="slack"] pre.preview').textContent()).toMatch(
      /audio/i,
    );
    await page.screenshot({ path: shot('composer') });
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('[data-testid="outbox-row"][data-status="sent"]').count(), { timeout: 15_000 })
      .toBe(3);
    await page.screenshot({ path: shot('composer-sent') });

    expect(slack.requests).toHaveLength(1);
    expect(JSON.parse(slack.requests[0].body).text).toMatch(/audio/i);

    await page.getByTestId('composer-close').click();
    const level = card.getByTestId('silence-timer');
    await expect.poll(() => level.getAttribute('data-level')).toBe('ok');
    const [mm] = (await card.getByTestId('silence-value').textContent())!.split(':').map(Number);
    expect(mm).toBeLessThan(1);
    expect(await card.textContent()).toMatch(/1 public update(?!s)/);
    await page.screenshot({ path: shot('after-first-update') });
    expect(errors).toEqual([]);
  });
});
