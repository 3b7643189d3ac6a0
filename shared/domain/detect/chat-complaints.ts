/**
 * Chat complaint burst detector: fires when *several different people* complain about the same kind
 * of problem within a sliding window, and complaints are a clearly larger share of the chat than
 * usual for this chat. So one troll repeating "no audio" never fires (one author), and a big
 * audience where a few people ask "audio?" among 300 messages a minute does not fire either (share).
 *
 * Rates are exponentially decayed counters (no per-message arrays): `msgWindow` ≈ messages in the
 * last `windowMs`, `msgBase`/`complaintBase` ≈ messages/complaints over the last `baselineTauMs`.
 * Only complaints are kept individually, a bounded list per kind, for authors and evidence.
 */
import type { ChatMessage, EpochMs } from '../../types';
import { CATEGORY_BIT, classifyComplaintMask } from './chat-classify';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from './chat-phrases';
import { NO_REPORTS, type Detector, type DetectorReportOf, type DetectorStepOf, type EvidenceOf } from './detector';
import type { IncidentKind } from '../vocabulary';

export interface ChatComplaintsConfig {
  /** Sliding window in which complaints are counted. */
  windowMs: number;
  /** Distinct authors needed in the window. */
  minAuthors: number;
  /** Complaining authors / messages in the window must reach at least this share… */
  minShare: number;
  /** …and this multiple of the chat's own baseline complaint share. */
  baselineFactor: number;
  /** Time constant of the baseline rates. */
  baselineTauMs: number;
  /** Prior baseline share and its weight in pseudo-messages (stabilises the first minutes). */
  priorShare: number;
  priorWeight: number;
  /** While firing, new complaints are forwarded as evidence at most this often. */
  updateMs: number;
  /** No complaint of a kind for this long = healthy again. */
  quietMs: number;
  /** Complaints kept per kind (for authors and evidence). */
  maxRecent: number;
}

export const CHAT_COMPLAINTS_DEFAULTS: ChatComplaintsConfig = {
  windowMs: 30_000,
  minAuthors: 3,
  minShare: 0.1,
  baselineFactor: 4,
  baselineTauMs: 600_000,
  priorShare: 0.01,
  priorWeight: 50,
  updateMs: 10_000,
  quietMs: 30_000,
  maxRecent: 100,
};

/** Complaint kind → incident kind ("link not working" is an access problem, not the stream). */
const CATEGORY_KIND: Readonly<Record<ComplaintCategory, IncidentKind>> = {
  audio: 'audio',
  video: 'video',
  stream: 'stream',
  link: 'other',
};

interface Complaint {
  readonly ts: EpochMs;
  readonly id: string;
  readonly author: string;
  readonly text: string;
  readonly source?: string;
}

interface CategoryState {
  /** Complaints of this kind, oldest first, pruned to the window (and to maxRecent). */
  readonly recent: readonly Complaint[];
  /** Decayed complaint count over the baseline time constant, as of `complaintBaseAt`. */
  readonly complaintBase: number;
  readonly complaintBaseAt: EpochMs;
  readonly firing: boolean;
  readonly lastComplaintTs: EpochMs | null;
  /** Newest complaint already sent as evidence, and when. */
  readonly reportedUpTo: EpochMs;
  readonly lastReportAt: EpochMs;
}

export interface ChatComplaintsState {
  readonly lastTs: EpochMs | null;
  readonly msgWindow: number;
  readonly msgBase: number;
  readonly categories: readonly CategoryState[];
}

const idleCategory: CategoryState = {
  recent: [],
  complaintBase: 0,
  complaintBaseAt: 0,
  firing: false,
  lastComplaintTs: null,
  reportedUpTo: -Infinity,
  lastReportAt: -Infinity,
};
export const initialChatComplaints: ChatComplaintsState = {
  lastTs: null,
  msgWindow: 0,
  msgBase: 0,
  categories: COMPLAINT_CATEGORIES.map(() => idleCategory),
};

type Report = DetectorReportOf<'chat-complaints'>;

export type ChatComplaintsInput = { type: 'message'; message: ChatMessage; mask?: number } | { type: 'tick' };

export function stepChatComplaints(
  s: ChatComplaintsState,
  input: ChatComplaintsInput,
  now: EpochMs,
  cfg: ChatComplaintsConfig = CHAT_COMPLAINTS_DEFAULTS,
): DetectorStepOf<ChatComplaintsState, 'chat-complaints'> {
  let reports: Report[] | null = null;
  let categories = s.categories;
  let state = s;

  if (input.type === 'message') {
    const msg = input.message;
    const mask = input.mask ?? classifyComplaintMask(msg.text);
    const dt = s.lastTs === null ? 0 : Math.max(0, now - s.lastTs);
    const msgWindow = s.msgWindow * Math.exp(-dt / cfg.windowMs) + 1;
    const msgBase = s.msgBase * Math.exp(-dt / cfg.baselineTauMs) + 1;
    if (mask !== 0) {
      const next = categories.slice();
      for (let c = 0; c < COMPLAINT_CATEGORIES.length; c++) {
        if ((mask & CATEGORY_BIT[COMPLAINT_CATEGORIES[c]]) === 0) continue;
        const r = onComplaint(
          categories[c],
          COMPLAINT_CATEGORIES[c],
          msg,
          now,
          msgWindow,
          s.msgBase * Math.exp(-dt / cfg.baselineTauMs),
          cfg,
        );
        next[c] = r.category;
        if (r.report) (reports ??= []).push(r.report);
      }
      categories = next;
    }
    state = { lastTs: Math.max(s.lastTs ?? now, now), msgWindow, msgBase, categories };
  }

  // Any input (message or tick) may end a burst: no complaint of that kind for quietMs.
  for (let c = 0; c < categories.length; c++) {
    const cat = categories[c];
    if (!cat.firing || cat.lastComplaintTs === null || now - cat.lastComplaintTs < cfg.quietMs) continue;
    if (categories === state.categories) categories = categories.slice();
    (categories as CategoryState[])[c] = { ...cat, firing: false };
    (reports ??= []).push({
      type: 'healthy',
      kind: CATEGORY_KIND[COMPLAINT_CATEGORIES[c]],
      detector: 'chat-complaints',
      since: cat.lastComplaintTs,
    });
  }
  if (categories !== state.categories) state = { ...state, categories };
  return { state, reports: reports ?? NO_REPORTS };
}

function onComplaint(
  cat: CategoryState,
  category: ComplaintCategory,
  msg: ChatMessage,
  now: EpochMs,
  msgWindow: number,
  msgBaseBefore: number,
  cfg: ChatComplaintsConfig,
): { category: CategoryState; report: Report | null } {
  const from = now - cfg.windowMs;
  const recent = cat.recent.filter((m) => m.ts > from);
  recent.push({ ts: msg.ts, id: msg.id, author: msg.author, text: msg.text, source: msg.source });
  if (recent.length > cfg.maxRecent) recent.splice(0, recent.length - cfg.maxRecent);
  // The baseline share is taken *before* this complaint, smoothed by a small prior.
  const decayed = cat.complaintBase * Math.exp(-Math.max(0, now - cat.complaintBaseAt) / cfg.baselineTauMs);
  const baseShare = (decayed + cfg.priorShare * cfg.priorWeight) / (msgBaseBefore + cfg.priorWeight);
  const complaintBase = decayed + 1;
  const authors = distinctAuthors(recent);
  const share = authors / Math.max(msgWindow, authors);
  const burst = authors >= cfg.minAuthors && share >= Math.max(cfg.minShare, cfg.baselineFactor * baseShare);
  const base = { ...cat, recent, complaintBase, complaintBaseAt: now, lastComplaintTs: now };

  if (!cat.firing && burst) {
    const report = finding(category, recent, recent[0].ts, now, authors, share, 'onset');
    return { category: { ...base, firing: true, reportedUpTo: msg.ts, lastReportAt: now }, report };
  }
  if (cat.firing && now - cat.lastReportAt >= cfg.updateMs) {
    const fresh = recent.filter((m) => m.ts > cat.reportedUpTo);
    const report = finding(category, fresh, fresh[0]?.ts ?? now, now, authors, share, 'update');
    return { category: { ...base, reportedUpTo: msg.ts, lastReportAt: now }, report };
  }
  return { category: base, report: null };
}

function distinctAuthors(recent: readonly Complaint[]): number {
  if (recent.length <= 1) return recent.length;
  const seen = new Set<string>();
  for (const m of recent) seen.add(m.author);
  return seen.size;
}

const TITLES: Record<ComplaintCategory, string> = {
  audio: 'Viewers report no / bad audio',
  video: 'Viewers report frozen / bad video',
  stream: 'Viewers report the stream is down',
  link: 'Viewers report the link does not work',
};

function finding(
  category: ComplaintCategory,
  complaints: readonly Complaint[],
  startedAt: EpochMs,
  now: EpochMs,
  authors: number,
  share: number,
  phase: 'onset' | 'update',
): Report {
  const evidence: EvidenceOf<'chat-complaints'>[] = complaints.slice(-20).map((m) => ({
    type: 'chat',
    ts: m.ts,
    detector: 'chat-complaints',
    messageId: m.id,
    author: m.author,
    text: m.text,
    ...(m.source ? { from: m.source } : {}),
  }));
  const confidence = Math.min(0.85, 0.45 + 0.04 * Math.max(0, authors - 3) + 0.3 * Math.min(1, share / 0.5));
  return {
    type: 'finding',
    finding: {
      kind: CATEGORY_KIND[category],
      source: 'chat',
      detector: 'chat-complaints',
      title:
        phase === 'onset'
          ? `${TITLES[category]} (${authors} people)`
          : `${TITLES[category]} (${authors} people, ongoing)`,
      confidence,
      severity: category === 'stream' ? 'high' : category === 'audio' ? 'medium' : 'low',
      startedAt,
      at: now,
      evidence,
    },
  };
}

export const chatComplaintsDetector: Detector<
  'chat-complaints',
  ChatComplaintsConfig,
  ChatComplaintsState,
  'chat' | 'tick'
> = {
  name: 'chat-complaints',
  defaults: CHAT_COMPLAINTS_DEFAULTS,
  initial: initialChatComplaints,
  consumes: ['chat', 'tick'],
  step: (s, input, now, cfg) =>
    stepChatComplaints(s, input.type === 'chat' ? { type: 'message', message: input.message } : input, now, cfg),
};
