/**
 * A YouTube Live broadcast watched from the Sources screen, in a real browser, against the Google stand-in
 * on 127.0.0.1: the producer enters the OAuth client, signs in (the console opens Google's page; the popup
 * follows the consent's redirect to Onair's loopback listener), cancels once, signs in, picks the live
 * broadcast and watches it; the row shows the quota. Viewers complain in Italian and English: the audio
 * incident opens with the chat evidence labelled YouTube, the guided first update goes out to the YouTube
 * chat (liveChatMessages.insert, within its 200 characters) and to the status page, and the console shows
 * our own post as ours, not as a complaint. Then Google revokes the sign-in: the row says so, signing in
 * again puts the source back online, and "Sign out and remove" revokes the token.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YOUTUBE_CHAT_MAX_LENGTH } from '../../shared/sources';
import { shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';
import { startGoogleStandIn, type GoogleStandIn } from '../support/google-standin';
import { poll } from '../support/poll';

const EVENT = 'Launch webinar';
const LIVE = { id: 'bc-live', title: 'Launch webinar: Suite 2027', chat: 'chat-bc-live' };
const COMPLAINTS: [author: string, text: string][] = [
  ['Giulia Rossi', 'non si sente niente'],
  ['Marco B.', 'no audio'],
  ['Anna K.', 'audio?'],
  ['Luca Ferri', 'non sento'],
  ['Sam Carter', "can't hear"],
  ['Paola V.', 'non si sente nulla!!'],
  ['Kim Lee', 'no sound'],
  ['Davide M.', 'AUDIO??'],
];

describe('a YouTube Live source in the web console', () => {
  const ctx = consoleInBrowser(['--event', EVENT]);
  let google: GoogleStandIn;

  beforeAll(async () => {
    const now = Date.now();
    google = await startGoogleStandIn({
      pollingIntervalMillis: 500, // the real pacing is measured elsewhere; here the chat is read twice a second
      dailyQuota: 1_000_000,
      broadcasts: [
        {
          id: LIVE.id,
          title: LIVE.title,
          lifeCycleStatus: 'live',
          liveChatId: LIVE.chat,
          scheduledStartTime: new Date(now - 600_000).toISOString(),
          boundStreamId: 's-1',
        },
        {
          id: 'bc-next',
          title: 'Quarterly results',
          lifeCycleStatus: 'ready',
          liveChatId: 'chat-bc-next',
          scheduledStartTime: new Date(now + 86_400_000).toISOString(),
        },
      ],
    });
  });
  afterAll(async () => {
    await google?.close();
  });

  const row = (page: Page) => page.locator('[data-testid="source-row"][data-source="youtube"]');
  /** The chat reads the stand-in answered so far: a batch added now is delivered by a later one. */
  const chatReads = () =>
    google.requests.filter((r) => r.method === 'GET' && r.path === '/youtube/v3/liveChat/messages').length;

  /** Clicks and returns the page the console opens (window.open) for Google's sign-in. */
  async function signInPopup(click: () => Promise<void>): Promise<Page> {
    const opened = ctx.browser.context.waitForEvent('page', { timeout: 10_000 });
    await click();
    return opened;
  }

  it('signs in, watches the broadcast, posts the first update into its chat and signs out', async () => {
    const { page, errors } = await openConsole(ctx);
    await expect.poll(() => page.getByTestId('event-name').textContent(), { timeout: 15_000 }).toBe(EVENT);
    await page.getByTestId('tab-sources').click();

    const form = page.getByTestId('add-youtube');
    await form.getByTestId('youtube-client-id').fill(google.app.clientId);
    await form.getByTestId('youtube-client-secret').fill(google.app.clientSecret);
    await form.getByTestId('youtube-advanced').click();
    await form.getByTestId('youtube-base-url').fill(google.baseUrl);

    // First the consent page is held: the form waits, and Cancel stops waiting.
    const held: Route[] = [];
    const isConsent = (u: URL) => u.origin === google.baseUrl && u.pathname === '/o/oauth2/v2/auth';
    await ctx.browser.context.route(isConsent, (route) => void held.push(route));
    // (Playwright announces a popup once its first navigation is through: here, once the route is let go.)
    const abandoned = ctx.browser.context.waitForEvent('page', { timeout: 10_000 });
    abandoned.catch(() => undefined); // awaited below; a failure before then is reported by that step
    await form.getByTestId('youtube-sign-in').click();
    await poll(() => held.length, { until: (n) => n === 1, what: 'the consent page requested' });
    expect(new URL(held[0].request().url()).searchParams.get('client_id')).toBe(google.app.clientId);
    await expect
      .poll(() => form.getByTestId('youtube-waiting').textContent())
      .toMatch(/Waiting for Google… finish signing in in your browser/);
    await page.screenshot({ path: shot('youtube-waiting') });
    await form.getByTestId('youtube-cancel').click();
    expect(await form.getByTestId('youtube-waiting').count()).toBe(0);
    expect(await form.getByTestId('youtube-sign-in').isEnabled()).toBe(true);
    // Main gave the sign-in up too: its loopback listener closes now, not at its own timeout minutes later.
    const listener = new URL(new URL(held[0].request().url()).searchParams.get('redirect_uri') ?? '');
    const listening = () =>
      fetch(listener).then(
        () => true,
        () => false,
      );
    await poll(listening, { until: (up) => !up, what: 'the cancelled sign-in’s listener closed' });
    await held[0].abort();
    await (await abandoned).close();
    await ctx.browser.context.unroute(isConsent);

    // Signing in: the popup follows the stand-in's 302 to Onair's listener, which says it is done.
    const popup = await signInPopup(() => form.getByTestId('youtube-sign-in').click());
    await expect.poll(() => popup.locator('body').textContent(), { timeout: 15_000 }).toContain('Signed in to Onair');
    expect(new URL(popup.url()).hostname).toBe('127.0.0.1');
    await popup.close();
    await expect
      .poll(() => form.getByTestId('youtube-account').textContent(), { timeout: 15_000 })
      .toContain(`Signed in as ${google.channel.title}`);
    const choices = form.getByTestId('youtube-broadcast');
    expect(await choices.evaluateAll((xs) => xs.map((x) => x.getAttribute('data-broadcast')))).toEqual([
      LIVE.id,
      'bc-next',
    ]);
    expect(await form.getByTestId('youtube-broadcasts').textContent()).toMatch(
      /Suite 2027\s*live.*Quarterly results\s*ready/,
    );
    expect(await form.locator(`[data-broadcast="${LIVE.id}"]`).isChecked()).toBe(true);
    expect(await form.getByTestId('youtube-daily-quota').inputValue()).toBe('10000');
    expect(await form.getByTestId('youtube-watch-hours').inputValue()).toBe('4');
    await form.screenshot({ path: shot('youtube-signed-in') });
    await form.getByTestId('youtube-daily-quota').fill('1000000'); // the stand-in's project has a raised quota
    await form.getByTestId('youtube-watch-hours').fill('0.25');
    await form.getByTestId('youtube-watch').click();

    await expect.poll(() => row(page).getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    expect(await form.getByTestId('youtube-account').count()).toBe(0); // the form is ready for another
    expect(await row(page).getByTestId('source-detail').textContent()).toContain(`“${LIVE.title}” · live`);
    expect(await row(page).getByTestId('source-settings').textContent()).toContain(
      `${google.channel.title} · “${LIVE.title}” · 1,000,000 units a day`,
    );
    expect(await row(page).getByTestId('source-remove').textContent()).toBe('Sign out and remove');
    // The quota as main reads it now (its pace is only known after the first chat read).
    await expect
      .poll(() => row(page).getByTestId('source-quota-line').textContent(), { timeout: 12_000 })
      .toMatch(/^[\d,]+ \/ 1,000,000 units today · chat read every 0\.5 s · resets \d\d:\d\d$/);
    expect(await page.locator('[data-testid="source-pill"][data-source="youtube"]').textContent()).toBe(
      'YouTube online',
    );
    await page.screenshot({ path: shot('youtube-source-online'), fullPage: true });

    // Viewers complain, a batch per chat read, over a few seconds.
    for (let i = 0; i < COMPLAINTS.length; i += 2) {
      const before = chatReads();
      google.addChat(COMPLAINTS.slice(i, i + 2).map(([author, text]) => ({ author, text })));
      await poll(chatReads, { until: (n) => n >= before + 2, what: 'the chat read again' });
    }
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
    await page.getByTestId('save-status-page').click();
    await expect.poll(() => page.getByTestId('msg-status-page').textContent()).toBe('Saved.');
    await page.getByTestId('tab-live').click();
    const card = page.locator('[data-testid="incident-card"][data-kind="audio"]');
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await card.locator('.evidence summary').click();
    const evidence = card.locator('.evidence li', { has: page.locator('.chat-platform') });
    await expect.poll(() => evidence.count()).toBeGreaterThanOrEqual(3);
    expect(new Set(await evidence.locator('.chat-platform').allTextContents())).toEqual(new Set(['YouTube']));
    const said = await evidence.locator('.chat-author').allTextContents();
    expect(said.every((a) => COMPLAINTS.some(([author]) => author === a))).toBe(true);
    await page.screenshot({ path: shot('youtube-incident') });

    // The guided first update: acknowledge, compose, every enabled channel, send.
    const alarm = page.getByTestId('incident-banner').locator('.banner-row', { hasText: 'Audio problem' });
    await alarm.getByTestId('banner-acknowledge').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');
    await card.getByTestId('compose-update').click();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await expect.poll(() => page.getByTestId('checklist-row').count()).toBe(2);
    for (const c of ['webinar-chat', 'status-page']) expect(await page.getByTestId(`send-${c}`).isChecked()).toBe(true);
    const chatRow = page.locator('[data-testid="checklist-row"][data-channel="webinar-chat"]');
    await expect.poll(() => chatRow.locator('.len').textContent()).toMatch(new RegExp(`/${YOUTUBE_CHAT_MAX_LENGTH}`));
    const chatText = (await chatRow.locator('pre.preview').textContent())!;
    const body = await page.getByTestId('composer-body').inputValue();
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('[data-testid="outbox-row"][data-status="sent"]').count(), { timeout: 15_000 })
      .toBe(2);
    await page.screenshot({ path: shot('youtube-update-sent') });

    // It reached YouTube's chat: one liveChatMessages.insert, with the update's text, within the limit.
    expect(google.posted).toHaveLength(1);
    expect(google.posted[0].liveChatId).toBe(LIVE.chat);
    expect(google.posted[0].messageText).toBe(chatText.trim());
    expect([...google.posted[0].messageText].length).toBeLessThanOrEqual(YOUTUBE_CHAT_MAX_LENGTH);
    expect(google.posted[0].messageText).toMatch(/audio/i);

    // The console reads our post back from the chat, and shows it as ours, never as a complaint.
    await page.getByTestId('composer-close').click();
    const own = page.locator('.chat-line-own', { hasText: google.posted[0].messageText });
    await expect.poll(() => own.count(), { timeout: 10_000 }).toBe(1);
    expect(await own.getAttribute('class')).not.toContain('chat-line-flag');
    expect(await own.locator('.chat-author').textContent()).toBe(google.channel.title);
    expect(await card.locator('.evidence').textContent()).not.toContain(google.channel.title);
    expect(await card.textContent()).toMatch(/1 public update(?!s)/);
    await page.screenshot({ path: shot('youtube-own-post') });

    // The other enabled channel: the status page has the update.
    await page.getByTestId('tab-settings').click();
    const statusUrl = (await page.getByTestId('status-page-link').getAttribute('href'))!;
    const status = await ctx.browser.context.newPage();
    await status.goto(statusUrl);
    const firstLine = body
      .split('\n')
      .find((l) => l.trim())!
      .trim();
    expect(await status.locator('article').first().textContent()).toContain(firstLine);
    await status.screenshot({ path: shot('youtube-status-page') });
    await status.close();

    // Google revokes Onair's access: the row says so and offers to sign in again, with the client remembered.
    google.revokeAll();
    await page.getByTestId('tab-sources').click();
    const refused = row(page).getByTestId('source-needs-sign-in');
    await expect.poll(() => refused.count(), { timeout: 10_000 }).toBe(1);
    expect(await refused.textContent()).toContain('Google refused the sign-in — Sign in again');
    expect(await row(page).getAttribute('data-status')).toBe('offline');
    expect(await refused.getByTestId('resign-client-id').inputValue()).toBe(google.app.clientId);
    await page.screenshot({ path: shot('youtube-needs-sign-in') });
    const again = await signInPopup(() => refused.getByTestId('source-sign-in-again').click());
    await expect.poll(() => again.locator('body').textContent(), { timeout: 15_000 }).toContain('Signed in to Onair');
    await again.close();
    await expect.poll(() => refused.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => row(page).getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    expect(await page.getByTestId('source-row').count()).toBe(2); // the same source, not a second one

    // Sign out and remove: the refresh token is revoked at Google.
    const revokes = () => google.requests.filter((r) => r.path === '/revoke').length;
    await row(page).getByTestId('source-remove').click();
    await expect.poll(() => row(page).count(), { timeout: 10_000 }).toBe(0);
    await poll(revokes, { until: (n) => n === 1, what: 'the sign-out at Google' });
    expect(errors).toEqual([]);
  }, 90_000);
});
