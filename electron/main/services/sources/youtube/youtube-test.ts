/**
 * The Test button of a YouTube source: with the stored sign-in, is the broadcast there, and what does YouTube
 * say of its stream? Two calls of 1 unit each, not counted in the ledger: a test is the producer's choice.
 */
import type { SourceTestResult } from '../../../../../shared/sources';
import type { YoutubeSettings } from '../source-settings';
import { googleClients } from './google-client';
import { classifyYoutubeError } from './youtube-errors';

export async function testYoutube(s: YoutubeSettings): Promise<SourceTestResult> {
  const app = { clientId: s.clientId, clientSecret: s.clientSecret, baseUrl: s.baseUrl };
  const { api } = await googleClients(app, { refreshToken: s.refreshToken });
  try {
    const res = await api.liveBroadcasts.list({ id: [s.broadcastId], part: ['snippet', 'status', 'contentDetails'] });
    const b = res.data.items?.[0];
    if (!b) return { ok: false, detail: `the account ${s.account} has no broadcast ${s.broadcastId}` };
    const chat = b.snippet?.liveChatId ? 'live chat on' : 'no live chat';
    let stream = 'no stream bound';
    const streamId = b.contentDetails?.boundStreamId;
    if (streamId) {
      const st = (await api.liveStreams.list({ id: [streamId], part: ['status'] })).data.items?.[0]?.status;
      stream = `stream ${st?.streamStatus ?? 'unknown'}, health ${st?.healthStatus?.status ?? 'unknown'}`;
    }
    return {
      ok: true,
      detail: `“${b.snippet?.title ?? s.broadcastTitle}” (${b.status?.lifeCycleStatus ?? 'unknown'}): ${chat}, ${stream}`,
    };
  } catch (err) {
    return { ok: false, detail: classifyYoutubeError(err).message };
  }
}
