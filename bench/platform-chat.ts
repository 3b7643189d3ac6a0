/**
 * The YouTube chat as a source, measured: the real YouTube source (sign-in, paging, the quota ledger's pacing
 * on the default 10,000 units a day for a 4-hour event) against the Google stand-in on 127.0.0.1, which
 * dictates `pollingIntervalMillis` as YouTube does. A busy chat (one message a second from 40 viewers) runs
 * throughout; each repetition writes a burst of complaints in Italian and English into it, and the time from
 * the burst's first message being written to the stand-in to the incident opening in a fresh detection
 * pipeline (`now` = arrival, a tick every 250 ms) is measured. The quota is what the stand-in charged over the
 * whole run (its documented costs), per hour of watching.
 *
 * Targets: chat-alone detection ≤ 20 s after the burst starts; a 4-hour event (plus the reserve kept for our
 * posts) within the default daily quota.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../electron/main/services/clock';
import { openDatabase } from '../electron/main/services/db/open';
import { platformQuotaRepo } from '../electron/main/services/db/platform-quota-repo';
import type { SourceSink } from '../electron/main/services/ingest/source-adapter';
import { createQuotaLedger, POST_RESERVE } from '../electron/main/services/sources/youtube/quota-ledger';
import { DEFAULT_HEALTH_EVERY_MS, youtubeSource } from '../electron/main/services/sources/youtube/youtube-source';
import { createDetectionPipeline } from '../shared/domain/detect/pipeline';
import { YOUTUBE_DEFAULT_DAILY_QUOTA } from '../shared/sources';
import type { ChatMessage } from '../shared/types';
import { youtubeSettingsAt } from '../tests/support/google-browser';
import { startGoogleStandIn } from '../tests/support/google-standin';
import { tempDir } from '../tests/support/temp-dir';

const DETECT_TARGET_MS = 20_000;
const WATCH_HOURS = 4;
const VIEWERS = 40;
const COMPLAINTS = [
  ['Marco', 'non si sente niente'],
  ['Ada', 'no audio?'],
  ['Giulia', 'non sento'],
  ['Lena', "I can't hear anything"],
  ['Paolo', 'audio assente'],
  ['Sam', 'no sound here'],
  ['Chiara', 'si è perso l’audio'],
  ['Tom', 'audio is gone'],
] as const;
const COMPLAINT_EVERY_MS = 1_500;
const CALM_BETWEEN_MS = 40_000;

const log = (line: string) => console.log(`  ${line}`);

export async function benchPlatformChat(o: { reps: number; pollMs: number }): Promise<boolean> {
  console.log(`\nYouTube chat (stand-in on 127.0.0.1, pollingIntervalMillis ${o.pollMs} ms)`);
  const google = await startGoogleStandIn({ pollingIntervalMillis: o.pollMs });
  const settings = await youtubeSettingsAt(google, {
    dailyQuota: YOUTUBE_DEFAULT_DAILY_QUOTA,
    watchHours: WATCH_HOURS,
  });
  const ledger = createQuotaLedger({
    repo: platformQuotaRepo(openDatabase({ file: join(tempDir(), 'onair.sqlite') })),
    project: settings.clientId,
    dailyLimit: settings.dailyQuota,
    watchHours: WATCH_HOURS,
    healthEveryMs: DEFAULT_HEALTH_EVERY_MS,
    clock: systemClock,
  });
  let onChat: (m: ChatMessage[], at: number) => void = () => {};
  const sink: SourceSink = {
    hello: () => {},
    ended: () => {},
    health: () => {},
    ownPost: () => {},
    connection: () => {},
    quarantined: (_e, reason) => log(`quarantined: ${reason}`),
    chat: (m) => onChat(m, Date.now()),
  };
  const source = youtubeSource({ settings, ledger, clock: systemClock });
  const quotaAtStart = google.quotaUsed;
  const t0 = Date.now();
  source.start(sink);

  let n = 0;
  const busy = setInterval(() => {
    n++;
    google.addChat([{ author: `Viewer ${n % VIEWERS}`, text: `great talk, greetings from city ${n % 17}` }]);
  }, 1_000);

  const delays: number[] = [];
  try {
    await sleep(CALM_BETWEEN_MS / 2);
    for (let rep = 1; rep <= o.reps; rep++) {
      const p = createDetectionPipeline();
      let openedAt: number | undefined;
      onChat = (messages, at) => {
        for (const m of messages)
          for (const e of p.chat({ ...m, source: 'youtube' }, at))
            if (e.type === 'incident-opened' && openedAt === undefined) openedAt = at;
      };
      const tick = setInterval(() => p.tick(Date.now()), 250);
      const burstAt = Date.now();
      for (const [author, text] of COMPLAINTS) {
        google.addChat([{ author: `${author} ${rep}`, text }]);
        await sleep(COMPLAINT_EVERY_MS);
        if (openedAt !== undefined) break;
      }
      while (openedAt === undefined && Date.now() - burstAt < 2 * DETECT_TARGET_MS) await sleep(100);
      clearInterval(tick);
      const delay = openedAt === undefined ? Infinity : openedAt - burstAt;
      delays.push(delay);
      log(`burst ${rep}: incident ${Number.isFinite(delay) ? `after ${(delay / 1000).toFixed(1)} s` : 'NOT opened'}`);
      onChat = () => {};
      await sleep(CALM_BETWEEN_MS);
    }
  } finally {
    clearInterval(busy);
    await source.stop();
    await google.close();
  }
  const hours = (Date.now() - t0) / 3_600_000;
  const perHour = (google.quotaUsed - quotaAtStart) / hours;
  const projected = perHour * WATCH_HOURS + POST_RESERVE;
  const view = source.quota!();
  const worst = Math.max(...delays);
  const detectOk = worst <= DETECT_TARGET_MS;
  const quotaOk = projected <= YOUTUBE_DEFAULT_DAILY_QUOTA;
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'never');
  console.log(
    `chat-alone detection after a complaint burst: ${delays.map(s).join(', ')}; worst ${s(worst)} ` +
      `target ≤ ${DETECT_TARGET_MS / 1000} s ${detectOk ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `chat read every ${(view.pollEveryMs / 1000).toFixed(1)} s (YouTube asked for ${o.pollMs / 1000} s; the ledger paces ` +
      `${YOUTUBE_DEFAULT_DAILY_QUOTA} units over ${WATCH_HOURS} h, ${POST_RESERVE} kept for posts)`,
  );
  console.log(
    `quota: ${Math.round(perHour)} units per hour of a busy chat (${google.quotaUsed - quotaAtStart} units in ` +
      `${(hours * 60).toFixed(1)} min); a ${WATCH_HOURS}-hour event + the post reserve: ${Math.round(projected)} ` +
      `of ${YOUTUBE_DEFAULT_DAILY_QUOTA} ${quotaOk ? 'ok' : 'MISSED'}`,
  );
  return detectOk && quotaOk;
}
