/**
 * Stand-ins for the platforms behind each HTTP channel, on 127.0.0.1:0, that count what they *published*,
 * not just what reached them. A platform publishes a request when it arrives (the worst case for a resend:
 * an answer lost afterwards does not undo the post), except when told to lie (answer 200, publish nothing).
 * Where the real platform recognises our `Idempotency-Key` (SMS gateway, generic webhook) a repeated key is
 * answered with the original result and not published again; everywhere else every arrival is a new post.
 *
 * How each request is answered is up to the test (`behave(n)` for the n-th request, 0-based); after the
 * first few the usual is a normal answer, so that a blind resend would show up as a second post.
 */
import type { ChannelId } from '../../shared/channels';
import { startPeer, type Peer, type RecordedRequest, type Reply } from './http-peer';

export const HTTP_CHANNELS = ['sms', 'x', 'linkedin', 'facebook', 'slack', 'teams', 'discord', 'webhook'] as const;
export type HttpChannel = (typeof HTTP_CHANNELS)[number];

/** The platforms that honour Idempotency-Key: what CHANNEL_SPECS[c].dedupesByKey says of them. */
const KEYED: ReadonlySet<ChannelId> = new Set<ChannelId>(['sms', 'webhook']);

/** A successful answer in each platform's documented shape. */
const ANSWERS: Record<HttpChannel, Exclude<Reply, 'hang' | 'close'>> = {
  sms: { status: 201, body: { id: 'sms-1' } },
  x: { status: 201, body: { data: { id: '1790000000000000001', text: 'x' } } },
  linkedin: { status: 201, headers: { 'x-restli-id': 'urn:li:share:1' } },
  facebook: { status: 200, body: { id: '1234_1' } },
  slack: { status: 200, body: 'ok' },
  teams: { status: 202 },
  discord: { status: 200, body: { id: 'd-1' } },
  webhook: { status: 200 },
};

export type Behaviour =
  | 'answer'
  /** Answers (normally) when the promise settles: a slow platform, without a real wait. */
  | { after: Promise<void> }
  /** Says 200 and publishes nothing. */
  | 'lie'
  /** Publishes, sends the status and half the answer, then drops the connection. */
  | 'cut'
  /** Publishes, then drops the connection without a word. */
  | 'close'
  /** Publishes and never answers. */
  | 'hang';

export interface ProviderPeer {
  channel: HttpChannel;
  peer: Peer;
  /** Posts the platform made public. */
  published(): number;
  /** The requests that made them public, in order. */
  posts(): RecordedRequest[];
  /** Resolves once `n` requests have arrived. */
  arrivals(n: number): Promise<void>;
}

export async function startProviderPeer(
  channel: HttpChannel,
  behave: (n: number, req: RecordedRequest) => Behaviour = () => 'answer',
): Promise<ProviderPeer> {
  const posts = new Map<string, RecordedRequest>();
  const waiting: { n: number; resolve: () => void }[] = [];
  let arrived = 0;
  const peer = await startPeer((req) => {
    const n = arrived++;
    for (const w of waiting.filter((x) => x.n <= arrived)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
    const how = behave(n, req);
    const key = req.headers['idempotency-key'];
    const id = KEYED.has(channel) && typeof key === 'string' ? `key:${key}` : `request:${n}`;
    if (how !== 'lie' && !posts.has(id)) posts.set(id, req);
    const answer = ANSWERS[channel];
    if (how === 'answer' || how === 'lie') return answer;
    if (how === 'cut') return { ...answer, body: answer.body ?? '', cutOff: true };
    if (how === 'close' || how === 'hang') return how;
    return how.after.then(() => answer);
  });
  return {
    channel,
    peer,
    published: () => posts.size,
    posts: () => [...posts.values()],
    arrivals: (n) => (arrived >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))),
  };
}
