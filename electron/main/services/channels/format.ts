/**
 * Turning an OutgoingPost into each channel's text. The composer already fitted `text` to the channel's limit;
 * here we only add the subject/link in the channel's own syntax. Markdown channels get a bold subject line
 * (subject, else the event name), then the body, then the link.
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

export function slackText(post: OutgoingPost): string {
  const link = safeLink(post.link);
  const parts = [`*${slackEscape(titleOf(post))}*`, slackEscape(post.text)];
  if (link && !post.text.includes(link)) parts.push(`<${link}>`);
  return parts.join('\n\n');
}

/** Discord markdown: bold with ** (mentions are disabled separately through allowed_mentions). */
export function discordText(post: OutgoingPost): string {
  const link = safeLink(post.link);
  const parts = [`**${titleOf(post)}**`, post.text];
  if (link && !post.text.includes(link)) parts.push(link);
  return parts.join('\n\n');
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
