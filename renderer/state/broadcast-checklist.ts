/**
 * The composer's checklist: every enabled channel is either ticked (the update goes there) or skipped with a
 * reason, and Send is allowed only when that covers them all (shared/domain/broadcast/checklist.ts decides).
 * Only what the operator changed is stored; a channel's default is computed: ticked when it is configured,
 * skipped "not configured yet" when it is not. So channels that load or change while composing need no sync.
 */
import type { ChannelId } from '../../shared/channels';
import { canComplete, markChannel, newRound, type CompleteResult } from '../../shared/domain/broadcast/checklist';

/** What the checklist needs to know about an enabled channel. */
export interface ChecklistChannel {
  channel: ChannelId;
  configured: boolean;
}

/** The operator's own ticks and reasons; a channel missing here takes its default. */
export interface ChecklistChoices {
  send: Partial<Record<ChannelId, boolean>>;
  reasons: Partial<Record<ChannelId, string>>;
}

export const noChoices: ChecklistChoices = { send: {}, reasons: {} };

export const NOT_CONFIGURED_REASON = 'not configured yet';

export const isTicked = (ch: ChecklistChoices, c: ChecklistChannel): boolean => ch.send[c.channel] ?? c.configured;

export const skipReason = (ch: ChecklistChoices, c: ChecklistChannel): string =>
  ch.reasons[c.channel] ?? (c.configured ? '' : NOT_CONFIGURED_REASON);

export const tick = (ch: ChecklistChoices, channel: ChannelId, send: boolean): ChecklistChoices => ({
  ...ch,
  send: { ...ch.send, [channel]: send },
});

export const writeReason = (ch: ChecklistChoices, channel: ChannelId, reason: string): ChecklistChoices => ({
  ...ch,
  reasons: { ...ch.reasons, [channel]: reason },
});

/**
 * The template's default skips (a chat flood's notice: not by e-mail or SMS), for the channels the operator has
 * not ticked or unticked: composing again in another language keeps the operator's own choices.
 */
export function withDefaultSkips(
  ch: ChecklistChoices,
  skipped: readonly { channel: ChannelId; reason: string }[],
): ChecklistChoices {
  let out = ch;
  for (const s of skipped)
    if (ch.send[s.channel] === undefined) out = writeReason(tick(out, s.channel, false), s.channel, s.reason);
  return out;
}

/** Whether the ticks and reasons cover every enabled channel, and which are still missing. */
export function coverage(enabled: readonly ChecklistChannel[], ch: ChecklistChoices): CompleteResult {
  let round = newRound(enabled.map((c) => c.channel));
  for (const c of enabled) {
    const reason = skipReason(ch, c);
    // A skip without a reason is refused by markChannel: the channel then stays pending, i.e. missing.
    const marked = isTicked(ch, c)
      ? markChannel(round, c.channel, 'queued')
      : markChannel(round, c.channel, 'skipped', reason);
    if (marked.round) round = marked.round;
  }
  return canComplete(round);
}

/** Send is allowed once every channel is covered and there is something to say, and only once. */
export const canSend = (covered: CompleteResult, body: string, alreadySent: boolean): boolean =>
  covered.ok && body.trim() !== '' && !alreadySent;

/** The `broadcast.send` arguments: ticked channels get the update, every other enabled one is skipped. */
export function sendTargets(
  enabled: readonly ChecklistChannel[],
  ch: ChecklistChoices,
): { channels: ChannelId[]; skipped: { channel: ChannelId; reason: string }[] } {
  return {
    channels: enabled.filter((c) => isTicked(ch, c)).map((c) => c.channel),
    skipped: enabled
      .filter((c) => !isTicked(ch, c))
      .map((c) => ({ channel: c.channel, reason: skipReason(ch, c).trim() })),
  };
}
