/**
 * Reaching the real audience, clicked in the real UI: e-mail against a local SMTP peer, the status page's public
 * URL and the unsubscribe base URL in their settings, a Zoom registrant export imported through the Audience tab
 * (its broken rows reported by line, left out), then an incident's first update e-mailed one message per person
 * with the public link and RFC 8058 one-click unsubscribe headers; a one-click POST opts one person out of the
 * next update. And an announcement scheduled a few seconds ahead goes out on its own and lands on the status page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { openConsole } from '../support/console-in-browser';
import { consoleOnExternalSimulator } from '../support/external-simulator';
import { startSmtpPeer } from '../support/smtp-peer';
import { freePort } from '../support/free-port';

const PUBLIC_URL = 'https://status.example.org/launch/';
const UNSUBSCRIBE_BASE = 'https://onair.example.org/unsub';

/** Zoom's registration report: the webinar's details above the table; a bad e-mail and a duplicate in it. */
const ZOOM_REGISTRANTS = [
  'Registration Report',
  'Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,Unique Viewers,Total Users,Max Concurrent Views',
  'Product launch,812 3456 7890,2026-12-02 10:00,60,5,0,0,0,0',
  '',
  'First Name,Last Name,Email,City,Country/Region,Phone,Organization,Job Title,Registration Time,Approval Status',
  'Anna,Rossi,anna.rossi@example.com,Milano,Italy,+39 347 123 4567,ACME,CFO,2026-11-20 09:12:03,approved', // line 6
  'Ben,Miller,ben@example,London,United Kingdom,,ACME,Analyst,2026-11-20 09:15:00,approved', // line 7: bad e-mail
  'Carla,Bianchi,carla@example.com,Roma,Italy,,ACME,,2026-11-21 10:00:00,approved', // line 8
  'Anna,R.,ANNA.ROSSI@example.com,Milano,Italy,,ACME,CFO,2026-11-22 11:00:00,approved', // line 9: duplicate of 6
  'Dario,Verdi,dario@example.com,Torino,Italy,+39 02 1234 5678,,,2026-11-22 11:05:00,approved', // line 10
  '',
].join('\r\n');

/** A header's value, folded lines joined. */
const header = (raw: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*(.*(?:\\r\\n[ \\t].*)*)`, 'mi')
    .exec(raw)?.[1]
    .replace(/\r\n[ \t]+/g, ' ')
    .trim();

/** The decoded text of every MIME part (quoted-printable or base64), as a reader's mail client shows it. */
function bodyText(raw: string): string {
  return raw
    .split(/\r\n--[^\r\n]+\r\n/)
    .map((part) => {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) return '';
      const head = part.slice(0, split);
      const body = part.slice(split + 4);
      const cte = /^Content-Transfer-Encoding: *(\S+)/im.exec(head)?.[1].toLowerCase();
      if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (cte === 'quoted-printable')
        return Buffer.from(
          body
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
      return body;
    })
    .join('\n');
}

/** A port free on 127.0.0.1 right now (for the console's unsubscribe server, which prints no address). */

async function saveStatusPagePublicUrl(page: Page) {
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('field-status-page-publicUrl').fill(PUBLIC_URL);
  await page.getByTestId('save-status-page').click();
  await expect.poll(() => page.getByTestId('msg-status-page').textContent()).toBe('Saved.');
}

describe('reaching the audience from the web console', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let unsubscribePort: number;
  const previousPort = process.env.ONAIR_UNSUBSCRIBE_PORT;
  // Registered before the console's hooks, so it runs first: the console inherits the port.
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    unsubscribePort = await freePort();
    process.env.ONAIR_UNSUBSCRIBE_PORT = String(unsubscribePort);
  });
  // A live event to Onair (an external source): the e-mails really go out.
  const ctx = consoleOnExternalSimulator({ scenario: 'audio-loss', speed: 10 });
  afterAll(async () => {
    if (previousPort === undefined) delete process.env.ONAIR_UNSUBSCRIBE_PORT;
    else process.env.ONAIR_UNSUBSCRIBE_PORT = previousPort;
    await smtp?.close();
  });

  it('imports registrants, e-mails the first update to each with the public link, and honours a one-click unsubscribe', async () => {
    const { page, errors } = await openConsole(ctx);

    // E-mail against the SMTP peer, and the status page's public home.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('enable-email').check();
    await page.getByTestId('field-email-host').fill('127.0.0.1');
    await page.getByTestId('field-email-port').fill(String(smtp.port));
    await page.getByTestId('field-email-from').fill('Launch team <events@example.org>');
    await page.getByTestId('save-email').click();
    await expect.poll(() => page.getByTestId('msg-email').textContent()).toBe('Saved.');
    await saveStatusPagePublicUrl(page);
    // The status page's form from its top (below the sticky top bar), its public URL and "Saved." in view.
    await page.getByTestId('channel-status-page').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -90);
    });
    await page.screenshot({ path: shot('reach-settings-public-url') });

    // The unsubscribe base URL, saved and still there after leaving the tab.
    await page.getByTestId('tab-audience').click();
    await page.getByTestId('audience-unsubscribe-url').fill(UNSUBSCRIBE_BASE);
    await page.getByTestId('audience-save-settings').click();
    await page.getByTestId('tab-live').click();
    await page.getByTestId('tab-audience').click();
    await expect.poll(() => page.getByTestId('audience-unsubscribe-url').inputValue()).toBe(UNSUBSCRIBE_BASE);

    // Import: the preview names each problem row by its line; nothing is imported before Confirm.
    await page.getByTestId('audience-file').setInputFiles({
      name: 'zoom-registrants.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ZOOM_REGISTRANTS),
    });
    const summary = page.getByTestId('audience-preview-summary');
    await expect.poll(() => summary.textContent()).toMatch(/^5 rows: 3 to import, 2 with problems; e-mail consent 3/);
    expect(await page.getByTestId('audience-preview').locator('h3').textContent()).toMatch(/Zoom webinar registrants/);
    const problems = page.getByTestId('audience-problems').locator('tbody tr');
    expect(await problems.allTextContents()).toEqual([
      '7bad e-mail address "ben@example"',
      '9duplicate of line 6 (anna.rossi@example.com)',
    ]);
    expect(await page.getByTestId('audience-counts').textContent()).toMatch(/^0 people/);
    await page.screenshot({ path: shot('reach-import-preview'), fullPage: true });
    await page.getByTestId('audience-confirm').click();
    await expect
      .poll(() => page.getByTestId('audience-imported').textContent())
      .toBe('zoom-registrants.csv: 3 added, 0 updated, 2 rows with problems left out');
    await expect.poll(() => page.getByTestId('audience-counts').textContent()).toMatch(/^3 people · e-mail reaches 3 /);

    // The incident: audio dies at 60 s of the scenario (6 s at 10×).
    await page.getByTestId('tab-live').click();
    await expect.poll(() => page.getByTestId('incident-banner').isVisible(), { timeout: 30_000 }).toBe(true);
    const card = page.locator('[data-testid="incident-card"][data-kind="audio"]').first();
    await card.getByTestId('action-acknowledge').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');

    // First update, on every enabled channel: webinar chat, status page and e-mail.
    await card.getByTestId('compose-update').click();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await expect.poll(() => page.getByTestId('checklist-row').count()).toBe(3);
    for (const c of ['webinar-chat', 'status-page', 'email'])
      await expect.poll(() => page.getByTestId(`send-${c}`).isChecked()).toBe(true);
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
    const sent = page.locator('[data-testid="outbox-row"][data-status="sent"]');
    await expect.poll(() => sent.count(), { timeout: 15_000 }).toBe(3);
    await page.screenshot({ path: shot('reach-update-sent') });

    // At the SMTP peer: one message per consenting registrant, none for the broken or duplicate rows.
    await expect.poll(() => smtp.inbox.length).toBe(3);
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([
      ['anna.rossi@example.com'],
      ['carla@example.com'],
      ['dario@example.com'],
    ]);
    const links: Record<string, string> = {};
    for (const m of smtp.inbox) {
      expect(m.from).toBe('events@example.org');
      expect(header(m.raw, 'To')).toBe(m.to[0]);
      expect(bodyText(m.raw)).toContain(PUBLIC_URL);
      expect(m.raw).not.toMatch(/127\.0\.0\.1|localhost/);
      const unsubscribe = header(m.raw, 'List-Unsubscribe')!;
      const url = new RegExp(`<(${UNSUBSCRIBE_BASE}/u/[^>]+)>`).exec(unsubscribe)?.[1];
      expect(url, unsubscribe).toBeDefined();
      expect(unsubscribe).toContain('<mailto:events@example.org?subject=unsubscribe>');
      expect(header(m.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(header(m.raw, 'Auto-Submitted')).toBe('auto-generated');
      links[m.to[0]] = url!;
    }
    expect(new Set(Object.values(links)).size).toBe(3);

    // Carla's mail client makes the one-click POST; behind the organiser's proxy the base URL reaches the local
    // unsubscribe server, so the test posts the link's path there.
    const path = links['carla@example.com'].slice(UNSUBSCRIBE_BASE.length);
    const posted = await fetch(`http://127.0.0.1:${unsubscribePort}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);

    // The next update reaches everybody but her.
    const before = smtp.inbox.length;
    await page.getByTestId('composer-close').click();
    await expect.poll(() => card.getByTestId('compose-update').textContent()).toBe('Post an update');
    await card.getByTestId('compose-update').click();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).not.toBe('');
    await expect.poll(() => page.getByTestId('send-email').isChecked()).toBe(true);
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
    await expect.poll(() => sent.count(), { timeout: 15_000 }).toBe(6);
    await expect.poll(() => smtp.inbox.length).toBe(before + 2);
    expect(
      smtp.inbox
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['anna.rossi@example.com', 'dario@example.com']);
    const secondEmail = page.locator('[data-testid="outbox-row"][data-channel="email"]').filter({ hasText: /^2/ });
    expect(await secondEmail.locator('td').nth(3).textContent()).toMatch(/^2 of 2 attendees accepted/);
    await page.getByTestId('composer-close').click();

    // The Audience tab counts her opt-out.
    await page.getByTestId('tab-audience').click();
    await expect
      .poll(() => page.getByTestId('audience-counts').textContent())
      .toMatch(/e-mail reaches 2 \(3 consented, 1 opted out\)/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('an announcement scheduled a few seconds ahead waits in the queue, then goes out and is on the status page', async () => {
    const { page, errors } = await openConsole(ctx);
    await saveStatusPagePublicUrl(page); // its link must not point at this computer
    const statusUrl = await page.getByTestId('status-page-link').getAttribute('href');
    expect(statusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);

    await page.getByTestId('tab-announcements').click();
    await page.getByTestId('ann-kind').selectOption('starting-soon');
    await expect.poll(() => page.getByTestId('ann-body').inputValue()).toMatch(/starts in 10 minutes/);
    await expect.poll(() => page.getByTestId('ann-preview-status-page').isVisible()).toBe(true);
    // Eight seconds from now, in the browser's local time, as the datetime field holds it.
    const at = await page.evaluate(() => {
      const ts = Date.now() + 8000;
      return new Date(ts - new Date(ts).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    });
    await page.getByTestId('ann-at').fill(at);
    await page.getByTestId('ann-schedule').click();

    const row = page.locator('tr[data-testid^="announcement-"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('announcement-status').textContent()).toBe('scheduled');
    expect(await row.textContent()).toMatch(/Starting soon.*starts in 10 minutes/);
    await page.screenshot({ path: shot('reach-announcements-queue') });

    // At its time it goes out on its own, on every channel it names.
    await expect.poll(() => row.getByTestId('announcement-status').textContent(), { timeout: 20_000 }).toBe('sent');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/status-page: sent/);
    await page.screenshot({ path: shot('reach-announcement-sent') });

    const statusPage = await fetch(statusUrl!);
    expect(statusPage.status).toBe(200);
    expect(await statusPage.text()).toMatch(/starts in 10 minutes/);
    const view = await ctx.browser.context.newPage();
    await view.goto(statusUrl!);
    await view.screenshot({ path: shot('reach-status-page') });
    await view.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
