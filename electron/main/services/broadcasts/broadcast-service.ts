/**
 * One public update, composed once and sent everywhere: the checklist must cover every enabled channel
 * (sent, or skipped with a reason) before anything goes out; the round and its outbox entries are written
 * in one transaction; the outbox then delivers, retries, and never posts twice.
 */
import { CHANNEL_IDS, type ChannelId } from '../../../../shared/channels';
import type { CommandArgs } from '../../../../shared/contract';
import { previewAll } from '../../../../shared/domain/broadcast/channel-preview';
import {
  canComplete,
  defaultChannels,
  markChannel,
  newRound,
  type BroadcastRound,
  type DefaultSkip,
} from '../../../../shared/domain/broadcast/checklist';
import { renderTemplate, templateKindOf } from '../../../../shared/domain/broadcast/templates';
import { isVariantChannel, type VariantLanguage } from '../../../../shared/domain/broadcast/language-variants';
import { checkTone } from '../../../../shared/domain/broadcast/tone-check';
import { whereFor } from '../../../../shared/domain/broadcast/where';
import type { Db } from '../db/open';
import type { PlaybooksRepo } from '../db/playbooks-repo';
import type { RoundsRepo } from '../db/rounds-repo';
import { fail } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { IncidentService } from '../incidents/incident-service';
import type { CredentialsStore } from '../secrets/credentials-store';
import { createChannelPosts, type ChannelPostsDeps } from './channel-posts';
import { languageOr, type Language, type TemplatePhase } from '../../../../shared/domain/vocabulary';
import type { BroadcastRoundView, DraftInput } from '../../../../shared/domain/broadcast/broadcast-round';

export interface BroadcastServiceDeps extends ChannelPostsDeps {
  db: Db;
  incidents: IncidentService;
  rounds: RoundsRepo;
  playbooks: PlaybooksRepo;
  credentials: CredentialsStore;
  hub: EventHub;
  /**
   * The link every message carries: the status page's public URL once the producer set it, else the locally
   * served preview (which send refuses: no attendee can open it).
   */
  defaultLink(): string;
  /** In a team: whether another console of the event can post on the channel (team/team-channels.ts). */
  onOtherConsole?(channel: ChannelId): boolean;
}

export function createBroadcastService(d: BroadcastServiceDeps) {
  const posts = createChannelPosts(d);
  /** An update's checklist: the channels enabled here and, in a team, those another console posts on. */
  const isEnabled = (c: ChannelId) => d.credentials.isEnabled(c) || !!d.onOtherConsole?.(c);
  const enabledChannels = (): ChannelId[] => CHANNEL_IDS.filter(isEnabled);

  /** The facts an incident's template gets, in one language: the same for the draft and for every variant. */
  function render(incidentId: string, phase: TemplatePhase, lang: Language, newTime: string | undefined) {
    const incident = d.incidents.view(incidentId);
    const playbook = d.playbooks.get(incident.kind);
    const kind = templateKindOf(incident);
    return renderTemplate({
      kind,
      phase,
      lang,
      // The link travels beside the body, so each channel can place it in its own format (no duplicate).
      vars: {
        eventName: d.eventName(),
        newTime,
        nextUpdateMinutes: Math.round(playbook.cadenceMs / 60_000),
        // Promise only the places this update can really reach, and goes to by default.
        where: whereFor(
          defaultChannels(
            kind,
            d.credentials
              .describe()
              .filter((c) => c.enabled && c.configured)
              .map((c) => c.channel),
          ).channels,
          lang,
        ),
      },
    });
  }

  function compose(a: CommandArgs<'broadcast.compose'>): DraftInput & { lang: string; skipped: DefaultSkip[] } {
    const r = render(a.incidentId, a.phase, languageOr(a.lang), a.newTime);
    const { skipped } = defaultChannels(templateKindOf(d.incidents.view(a.incidentId)), enabledChannels());
    return { subject: r.subject, body: r.body, link: a.link ?? d.defaultLink(), lang: r.lang, skipped };
  }

  function preview(
    draft: DraftInput,
    channels: ChannelId[],
    round?: { incidentId: string; phase: TemplatePhase; lang: string },
  ) {
    const languages: Partial<Record<ChannelId, VariantLanguage[]>> = {};
    if (round)
      for (const c of channels.filter(isVariantChannel)) {
        const ls = posts.languagesFor(round.lang, c);
        if (ls.length) languages[c] = ls;
      }
    return {
      previews: previewAll(draft, channels, d.channelLimits?.()),
      tone: checkTone([draft.subject, draft.body].filter(Boolean).join('\n'), undefined),
      ...(round ? { languages } : {}),
    };
  }

  async function send(a: CommandArgs<'broadcast.send'>): Promise<BroadcastRoundView> {
    const standby = d.incidents.standby(); // the update and its acknowledgement belong with the engine
    if (standby) fail('unavailable', standby);
    const incident = d.incidents.view(a.incidentId);
    if (incident.sessionId !== d.incidents.sessionId()) fail('conflict', 'this incident belongs to a past event');
    const skipped = new Map(a.skipped.map((s) => [s.channel, s.reason]));
    const overlap = a.channels.filter((c) => skipped.has(c));
    if (overlap.length) fail('bad-args', `a channel cannot be both sent and skipped: ${overlap.join(', ')}`);
    const notEnabled = a.channels.filter((c) => !isEnabled(c));
    if (notEnabled.length) fail('bad-args', `channels not enabled in settings: ${notEnabled.join(', ')}`);
    const problem = posts.problem(a.channels, [a.draft.link]);
    if (problem) fail('bad-args', problem);

    const roundNo = d.rounds.summary(incident.id).rounds + 1;
    let checklist: BroadcastRound = newRound([...new Set([...enabledChannels(), ...a.channels])], roundNo);
    for (const c of a.channels) checklist = step(markChannel(checklist, c, 'queued'));
    for (const [c, reason] of skipped)
      if (c in checklist.channels) checklist = step(markChannel(checklist, c, 'skipped', reason));
    const done = canComplete(checklist);
    if (!done.ok)
      fail(
        'bad-args',
        `every enabled channel must be sent or skipped with a reason; missing: ${done.missing.join(', ')}`,
      );

    const tone = checkTone([a.draft.subject, a.draft.body].filter(Boolean).join('\n'), languageOr(a.lang));
    const round: BroadcastRoundView = {
      incidentId: incident.id,
      round: roundNo,
      phase: a.phase,
      lang: a.lang,
      subject: a.draft.subject,
      body: a.draft.body,
      link: a.draft.link,
      operator: a.operator,
      at: d.incidents.now(),
      checklist,
      toneWarnings: tone.filter((t) => t.severity === 'warning').length,
    };
    // The rows are written inside the transaction; the promise (better-sqlite3 refuses a transaction function that
    // returns one) is awaited after it, for a shared store to confirm them.
    let queued: Promise<unknown> | undefined;
    d.db.transaction(() => {
      d.rounds.insert(round);
      queued = posts.enqueue(
        {
          draft: a.draft,
          render: (l) => render(incident.id, a.phase, l, a.newTime),
          sessionId: incident.sessionId ?? undefined,
          incidentId: incident.id,
          round: roundNo,
          phase: a.phase,
          lang: a.lang,
        },
        a.channels,
        (channel) => `${incident.id}:${roundNo}:${channel}`,
      );
    })();
    await queued;
    // Telling the audience is acknowledging: the first update needs no separate click, and the timeline names
    // the operator who sent it.
    if (incident.status === 'detected')
      d.incidents.operator({
        type: 'acknowledge',
        incidentId: incident.id,
        operator: a.operator,
        note: 'posted an update',
      });
    else d.incidents.updated(incident.id);
    return round;
  }

  return { compose, preview, send, enabledChannels };
}

function step(r: { round: BroadcastRound } | { error: string }): BroadcastRound {
  if ('error' in r) fail('bad-args', r.error);
  return r.round;
}
export type BroadcastService = ReturnType<typeof createBroadcastService>;
