/**
 * Which chat messages are complaints, classified once per chat array with the live detector's own
 * classifier (detect/chat-classify.ts), so review and console agree on what a complaint is.
 *
 * Classifying costs a few microseconds a message (≈1 s for 200,000), so the result is cached per chat
 * array (a WeakMap: it goes when the array goes) and identical lines are classified once. Zooming
 * re-buckets the cached masks and never classifies again. The cache never changes an answer; an array
 * that grew since it was cached is classified for its new tail only.
 */
import { classifyComplaintMask } from '../detect/chat-classify';
import type { ChatMessage, EpochMs } from '../../types';

const cache = new WeakMap<readonly ChatMessage[], Uint8Array>();
const TEXT_MEMO_MAX = 100_000;

/** One byte per message: the complaint category mask (0 = not a complaint). */
export function complaintMasks(chat: readonly ChatMessage[]): Uint8Array {
  const cached = cache.get(chat);
  if (cached && cached.length === chat.length) return cached;
  const masks = new Uint8Array(chat.length);
  let start = 0;
  if (cached && cached.length < chat.length) {
    masks.set(cached);
    start = cached.length;
  }
  const memo = new Map<string, number>();
  for (let i = start; i < chat.length; i++) {
    const text = chat[i].text;
    let m = memo.get(text);
    if (m === undefined) {
      m = classifyComplaintMask(text);
      if (memo.size < TEXT_MEMO_MAX) memo.set(text, m);
    }
    masks[i] = m;
  }
  cache.set(chat, masks);
  return masks;
}

/**
 * Seeds the cache with masks classified earlier (at ingest, stored with each message), so a review
 * of a long event starts drawing at once. Entries below 0 were never classified and are classified now.
 */
export function primeComplaintMasks(chat: readonly ChatMessage[], known: ArrayLike<number>): Uint8Array {
  if (known.length !== chat.length) return complaintMasks(chat);
  const masks = new Uint8Array(chat.length);
  for (let i = 0; i < chat.length; i++) masks[i] = known[i] >= 0 ? known[i] : classifyComplaintMask(chat[i].text);
  cache.set(chat, masks);
  return masks;
}

/** Complaints with `from <= ts < to`. */
export function countComplaints(chat: readonly ChatMessage[], masks: Uint8Array, from: EpochMs, to: EpochMs): number {
  let n = 0;
  for (let i = 0; i < chat.length; i++) {
    const ts = chat[i].ts;
    if (masks[i] !== 0 && ts >= from && ts < to) n++;
  }
  return n;
}
