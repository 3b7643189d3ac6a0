/**
 * Turning an OutgoingPost into each channel's text. The composer already fitted `text` to the channel's limit;
 * its `text` is the preview's (previewForChannel in shared/domain/broadcast/channel-preview.ts), heading and
 * link included, so adapters send it as it is, only encoded for the platform (and the link appended when the
 * text does not carry it yet). Adding a heading here would show it twice.
 */
import type { OutgoingPost } from './channel-adapter';

/** Only absolute http(s) links are passed on; URL.href percent-encodes quotes and angle brackets. */
export function safeLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Body plus the link on its own paragraph, unless the composer already put the link into the text. */
export function plainText(post: OutgoingPost): string {
  const link = safeLink(post.link);
  if (!link || post.text.includes(link) || (post.link && post.text.includes(post.link))) return post.text;
  return `${post.text}\n\n${link}`;
}

export function titleOf(post: OutgoingPost): string {
  return post.subject?.trim() || post.eventName;
}

/** Slack mrkdwn: only &, < and > are control characters (https://api.slack.com/reference/surfaces/formatting). */
function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack gets exactly the preview's text (its bold subject line is already there, in mrkdwn), only escaped:
 * what the operator saw is what the channel shows.
 */
export function slackText(post: OutgoingPost): string {
  return slackEscape(plainText(post));
}

/** Discord gets the preview's text as is (bold subject line included); mentions are disabled through allowed_mentions. */
export function discordText(post: OutgoingPost): string {
  return plainText(post);
}

/**
 * LinkedIn's commentary uses "little text format": these characters are reserved and must be backslash-escaped,
 * otherwise the post is cut off or rejected (docs: "Little Text Format").
 */
export function littleTextEscape(s: string): string {
  return s.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "a, b; c" or one per line → trimmed, non-empty entries (phone numbers, e-mail addresses). */
export function parseRecipients(list: string | undefined): string[] {
  return (list ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
