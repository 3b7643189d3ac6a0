/**
 * How a draft will look on each channel: formatted the way the channel renders text, and fitted to its own limit
 * (see CHANNEL_SPECS). When text is cut, the link survives, because the link leads to the full story.
 * Lengths are counted in code points; X counts every URL as 23. X's weighting of CJK and emoji is not modelled.
 */
import { CHANNEL_SPECS, type ChannelId, type ChannelSpec } from '../../channels';
import { URL_PATTERN } from './tone-rules';

export interface BroadcastDraft {
  subject?: string;
  body: string;
  link?: string;
}

export interface ChannelPreview {
  text: string;
  /** Only for channels with a subject line (e-mail, status page). */
  subject?: string;
  length: number;
  maxLength: number;
  truncated: boolean;
  warnings: string[];
  /** SMS only: how many segments the message is split into, and their encoding. */
  segments?: number;
  encoding?: 'GSM-7' | 'UCS-2';
}

/** X counts every link as this many characters, whatever its real length (t.co wrapping). */
export const X_URL_LENGTH = 23;

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Characters of the GSM-7 extension table: each takes two septets. */
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');

const codePoints = (s: string) => [...s].length;

/** Length as the channel counts it. */
export function measureForChannel(text: string, channel: ChannelId): number {
  if (channel !== 'x') return codePoints(text);
  let n = 0;
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    n += codePoints(text.slice(last, m.index)) + X_URL_LENGTH;
    last = m.index + m[0].length;
  }
  return n + codePoints(text.slice(last));
}

export interface SmsInfo {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Characters per segment for this encoding and length. */
  perSegment: number;
  /** Up to five characters that forced UCS-2. */
  nonGsm: string[];
}

/** SMS segmentation: 160 GSM-7 septets in one message, 153 per part when split; UCS-2: 70, then 67. */
export function smsInfo(text: string): SmsInfo {
  const nonGsm = [...new Set([...text].filter((c) => !GSM7_BASIC.has(c) && !GSM7_EXTENDED.has(c)))];
  if (nonGsm.length === 0) {
    const septets = [...text].reduce((n, c) => n + (GSM7_EXTENDED.has(c) ? 2 : 1), 0);
    return septets <= 160
      ? { encoding: 'GSM-7', segments: 1, perSegment: 160, nonGsm }
      : { encoding: 'GSM-7', segments: Math.ceil(septets / 153), perSegment: 153, nonGsm };
  }
  const units = text.length;
  const sample = nonGsm.slice(0, 5);
  return units <= 70
    ? { encoding: 'UCS-2', segments: 1, perSegment: 70, nonGsm: sample }
    : { encoding: 'UCS-2', segments: Math.ceil(units / 67), perSegment: 67, nonGsm: sample };
}

/** SMS shows raw text: drop markdown and HTML, use GSM-7 quotes and dashes, and put everything on one line. */
export function stripFormatting(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 $2')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*#{1,6}\s+/gm, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

function boldSubject(subject: string, channel: ChannelId): string {
  // Slack's mrkdwn bolds with single asterisks; Teams and Discord use standard markdown.
  return channel === 'slack' ? `*${subject}*` : `**${subject}**`;
}

/** Cut `content` to at most `budget` (as the channel counts), at a word boundary where possible. */
function cutAtWord(content: string, budget: number, channel: ChannelId): string {
  let out = '';
  let used = 0;
  for (const token of content.split(/(\s+)/)) {
    const cost = measureForChannel(token, channel);
    if (used + cost > budget) {
      if (out.trim() === '') out += [...token].slice(0, Math.max(0, budget - used)).join('');
      break;
    }
    out += token;
    used += cost;
  }
  return out.trimEnd().replace(/[\s,;:\-–—]+$/u, '');
}

/**
 * A tighter limit than the channel's own, from where it posts now: the webinar chat of a YouTube broadcast
 * takes 200 characters, not 500. `label` names it in the warning.
 */
export interface ChannelLimit {
  maxLength: number;
  label: string;
}

export function previewForChannel(draft: BroadcastDraft, channel: ChannelId, limit?: ChannelLimit): ChannelPreview {
  const own: ChannelSpec = CHANNEL_SPECS[channel];
  const spec: ChannelSpec =
    limit && limit.maxLength < own.maxLength ? { ...own, maxLength: limit.maxLength, label: limit.label } : own;
  const warnings: string[] = [];
  const sms = channel === 'sms';
  let link = draft.link?.trim() || undefined;
  let body = draft.body.trim();
  if (link && !spec.links) {
    warnings.push(`${spec.label} does not carry links: the link was left out.`);
    body = body
      .split(link)
      .join('')
      .replace(/[ \t]{2,}/g, ' ')
      .trim();
    link = undefined;
  }
  if (sms) body = stripFormatting(body);
  const subject = draft.subject?.trim() || undefined;
  if (spec.subject && !subject) warnings.push(`${spec.label} needs a subject line.`);

  // Channels with a subject line carry it separately. SMS and X leave it out: the body must stand alone there.
  let head = '';
  if (subject && !spec.subject && !sms && channel !== 'x') {
    head = spec.format === 'markdown' ? `${boldSubject(subject, channel)}\n\n` : `${subject}\n\n`;
  }
  const sep = sms ? ' ' : '\n\n';
  const ellipsis = sms ? '...' : '…'; // '…' is not GSM-7 and would turn the SMS into UCS-2.
  const linkTail = link && !body.includes(link) ? `${sep}${link}` : '';
  let text = head + body + linkTail;
  let truncated = false;

  if (measureForChannel(text, channel) > spec.maxLength) {
    truncated = true;
    // Take the link out of the running text and put it back after the cut, so it is never the part that is lost.
    const content = link
      ? (head + body)
          .split(link)
          .join('')
          .replace(/[ \t]+/g, ' ')
          .trim()
      : head + body;
    const tail = link ? `${sep}${link}` : '';
    const budget = spec.maxLength - measureForChannel(ellipsis + tail, channel);
    text =
      budget > 0 ? cutAtWord(content, budget, channel) + ellipsis + tail : cutAtWord(text, spec.maxLength, channel);
    warnings.push(`Shortened to fit ${spec.label} (${spec.maxLength} characters)${link ? '; the link was kept' : ''}.`);
  }

  const preview: ChannelPreview = {
    text,
    length: measureForChannel(text, channel),
    maxLength: spec.maxLength,
    truncated,
    warnings,
  };
  if (spec.subject && subject) preview.subject = subject;
  if (sms) {
    const info = smsInfo(text);
    preview.segments = info.segments;
    preview.encoding = info.encoding;
    if (info.encoding === 'UCS-2') {
      warnings.push(
        `Characters outside GSM-7 (${info.nonGsm.join(' ')}): sent as UCS-2, ${info.perSegment} characters per segment.`,
      );
    }
    if (info.segments > 1)
      warnings.push(
        `Longer than one SMS: sent as ${info.segments} segments of ${info.perSegment} characters (${info.encoding}), each billed.`,
      );
  }
  return preview;
}

/** Previews for several channels at once, for the composer's side-by-side view. */
export function previewAll(
  draft: BroadcastDraft,
  channels: readonly ChannelId[],
  limits: Partial<Record<ChannelId, ChannelLimit>> = {},
): Partial<Record<ChannelId, ChannelPreview>> {
  return Object.fromEntries(channels.map((c) => [c, previewForChannel(draft, c, limits[c])]));
}
