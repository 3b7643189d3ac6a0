/**
 * Composition root of the main-process services (plain Node, no Electron): database, ingest, the
 * embedded simulator, detection and incidents, broadcasts and the outbox, the command registry and the
 * event hub. The Electron shell and the web console both start exactly this and differ only in the
 * transport in front of it (and the SecretBox the shell can offer).
 */
import { join } from 'node:path';
import type { Clock } from '../../../shared/clock';
import type { AppInfo, Capability, DeskEvent } from '../../../shared/contract';
import { createBroadcastService } from './broadcasts/broadcast-service';
import { createAnnouncementService } from './announcements/announcement-service';
import { announcementsRepo } from './db/announcements-repo';
import { announcementHandlers } from './handlers/announcement-handlers';
import { createChannelRegistry } from './channels/registry';
import { chatDestinationsOf, chatLimitOf } from './channels/chat-destinations';
import { createStatusPage, STATUS_PAGE_TITLE, type StatusPageLedger } from './channels/status-page';
import { serveStatusPage, type StatusPageServer } from './channels/status-page-server';
import { systemClock } from './clock';
import { channelSettingsRepo } from './db/channel-settings-repo';
import { incidentsRepo } from './db/incidents-repo';
import { liveEventsRepo } from './db/live-events-repo';
import { openDatabase, type Db } from './db/open';
import { outboxRepo } from './db/outbox-repo';
import { sqliteOutboxStore } from './db/outbox-store-sqlite';
import { waitingPostsRepo } from './db/waiting-posts-repo';
import { waitingOutboxStore } from './team/waiting-outbox-store';
import { teamDatabaseUrl } from './team/team-database-setting';
import { createTeamEngine } from './team/team-engine';
import { teamIngestCopy } from './team/team-ingest';
import { openTeamLink, type TeamLink } from './team/team-link';
import { TEAM_STATUS_PAGE_CHANGED, teamStatusPageLedger } from './postgres/team-status-page-store';
import { publishDeskLine, teamDeskEvents } from './team/team-desk';
import { eventKeyOf } from './desk/event-key';
import { messageOf } from '../../../shared/error-message';
import { openTeamStore, TEAM_CLAIM_LEASE_MS, TEAM_SWEEP_MS } from './team/team-store';
import { playbooksRepo } from './db/playbooks-repo';
import { teamPlaybooksStore, TEAM_PLAYBOOKS_CHANGED } from './postgres/team-playbooks-store';
import { shareTeamPlaybooks } from './team/team-playbooks';
import { TEAM_CHANNELS_CHANGED, teamChannelsStore } from './postgres/team-channels-store';
import { shareTeamChannels } from './team/team-channels';
import { isTeamAlarmChange, teamAlarmsStore } from './postgres/team-alarms-store';
import { relayTeamAlarms } from './team/team-alarms';
import { roundsRepo } from './db/rounds-repo';
import { sessionsRepo } from './db/sessions-repo';
import { createDispatcher, type Dispatcher, type Handlers } from './dispatch';
import { createEventHub, type EventHub } from './event-hub';
import { appHandlers } from './handlers/app-handlers';
import { deskHandlers, singleDesk, type DeskLine, type DeskPort } from './handlers/desk-handlers';
import { deskState } from '../../../shared/domain/desk';
import { broadcastHandlers } from './handlers/broadcast-handlers';
import { channelHandlers, teamView } from './handlers/channel-handlers';
import { incidentHandlers } from './handlers/incident-handlers';
import { liveHandlers } from './handlers/live-handlers';
import { sourceHandlers } from './handlers/source-handlers';
import { outboxHandlers } from './handlers/outbox-handlers';
import { playbookHandlers } from './handlers/playbook-handlers';
import { reviewHandlers } from './handlers/review-handlers';
import { reviewRepo } from './db/review-repo';
import { createReviewService } from './review/review-service';
import { createIncidentService, type IncidentService } from './incidents/incident-service';
import { createIngest, type Ingest } from './ingest/ingest';
import { createOutbox, type Outbox } from './outbox/outbox';
import { createChannelHealth } from './outbox/channel-health';
import { createCredentialsStore } from './secrets/credentials-store';
import { nodeSecretBox, type SecretBox } from './secrets/secret-box';
import { createSourceControl, type SourceChoice, type SourceControl } from './source-control';
import { signalAdapterFor, testSignalSource } from './sources/adapter-for';
import { createSignalSources } from './sources/signal-sources';
import { signalSourcesRepo } from './db/signal-sources-repo';
import { platformQuotaRepo } from './db/platform-quota-repo';
import { createSignIns } from './sources/youtube/sign-ins';
import { revokeGoogle, startGoogleSignIn } from './sources/youtube/google-sign-in';
import { audienceRepo } from './db/audience-repo';
import { createAudience } from './audience/audience';
import { loadOrCreateUnsubscribeKey } from './audience/unsubscribe-token';
import { startUnsubscribeServer } from './audience/unsubscribe-server';
import { audienceHandlers } from './handlers/audience-handlers';
import { createEmailAdapter } from './channels/email';
import { createSmsAdapter } from './channels/sms';
import { drillsRepo } from './db/drills-repo';
import { createDrillService } from './drills/drill-service';
import { drillHandlers } from './handlers/drill-handlers';
import { rehearsalHandlers } from './handlers/rehearsal-handlers';
import { CHANNEL_IDS, CHANNELS_WITHOUT_CREDENTIALS, type ChannelId } from '../../../shared/channels';

export interface OnairOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  capabilities?: Capability[];
  clock?: Clock;
  source?: SourceChoice;
  /** Port for the embedded simulator (0 = any free port). */
  simulatorPort?: number;
  /** Port for the local status page server (0 = any free port). */
  statusPagePort?: number;
  /** Port of the one-click unsubscribe server on 127.0.0.1 (default ONAIR_UNSUBSCRIBE_PORT, else any free port). */
  unsubscribePort?: number;
  /** How credentials are sealed; defaults to a key file in the data folder (the desktop passes safeStorage). */
  secretBox?: SecretBox;
  /**
   * The team database: a postgres://… connection string (remembered, sealed, for the next start), 'sqlite' to
   * leave the team, or undefined for the one remembered (default ONAIR_DATABASE). Or the team link of the
   * desk this workspace is part of, whose connections it shares (team/team-link.ts).
   */
  database?: string | TeamLink;
  /** The desk host this console is a workspace of; without one, a desk of this event alone. */
  desk?: DeskPort;
  log?: (line: string) => void;
}

export interface Onair {
  db: Db;
  hub: EventHub;
  dispatcher: Dispatcher;
  ingest: Ingest;
  source: SourceControl;
  incidents: IncidentService;
  outbox: Outbox;
  statusPageUrl: string;
  /** The local one-click unsubscribe endpoint: the public unsubscribe address must lead here. */
  unsubscribeUrl: string;
  info: AppInfo;
  /** This event's line on the desk: its state as a control room scans it. */
  deskLine(): DeskLine;
  /** The event as the team names it (desk/event-key.ts). */
  eventKey(): string;
  /** In a team: the events of the team's desk, but those named in `exclude`. */
  teamDesk?(exclude: ReadonlySet<string>): Promise<DeskEvent[]>;
  close(): Promise<void>;
}

/** Channels that need no credentials start enabled, so the first incident already reaches the audience. */
const ENABLED_BY_DEFAULT = ['webinar-chat', 'status-page'] as const;

export async function createOnair(o: OnairOptions): Promise<Onair> {
  const clock = o.clock ?? systemClock;
  const log = o.log ?? ((line: string) => console.log(line));
  const db = openDatabase({ file: join(o.dataDir, 'onair.sqlite'), now: clock.now });
  const hub = createEventHub((err) => log(`event listener failed: ${String(err)}`));
  const sessions = sessionsRepo(db);
  const live = liveEventsRepo(db);
  let sourceUrl = '';
  const ingest = createIngest({
    sessions,
    live,
    hub,
    clock,
    sourceUrl: () => sourceUrl,
    // A new session is a rehearsal when the time line that sent its hello is one Onair plays itself.
    rehearsal: () => source.rehearsal(),
    log,
  });
  const secretBox = o.secretBox ?? nodeSecretBox(join(o.dataDir, 'secret.key'));
  const given = o.database ?? process.env.ONAIR_DATABASE;
  const teamUrl =
    typeof given === 'object' ? undefined : teamDatabaseUrl({ dataDir: o.dataDir, box: secretBox, given });
  // A workspace of a desk shares the desk's link; a console on its own opens one of its own.
  const ownLink = teamUrl ? await openTeamLink({ url: teamUrl, clock, log }) : undefined;
  const link = typeof given === 'object' ? given : ownLink;
  // With a team database the outbox is the team's: any console may send a post, none twice.
  const team = link
    ? openTeamStore({
        link,
        clock,
        eventKey: (consoleId) => eventKeyOf(source.watched(), consoleId),
        onState: (state) => hub.emit('team.changed', state),
      })
    : undefined;
  /** The event this workspace watches, as the team names it (desk/event-key.ts). */
  const eventKey = () => eventKeyOf(source.watched(), team?.consoleId ?? '');
  // Posts queued while the team database is away wait in this console's SQLite, then go to the team's outbox.
  const waitingPosts =
    team &&
    waitingOutboxStore(team.outbox, waitingPostsRepo(db), {
      clock,
      log,
      onWaiting: (n) => team.setPostsWaiting(n),
    });
  const outboxStore = waitingPosts ?? sqliteOutboxStore(db);
  // In a team, the event's playbooks are the team's: edited on any console, they hold on all.
  const teamPlaybooks =
    link && team
      ? shareTeamPlaybooks({
          store: teamPlaybooksStore(link.pool),
          local: playbooksRepo(db),
          eventKey,
          consoleId: team.consoleId,
          onAdopted: (p) => hub.emit('playbook.changed', p),
          log,
        })
      : undefined;
  const playbooks = teamPlaybooks?.repo ?? playbooksRepo(db);
  const signIns = createSignIns({ clock, startSignIn: (app) => startGoogleSignIn(app) });
  const quota = platformQuotaRepo(db);
  const signals = createSignalSources({
    repo: signalSourcesRepo(db),
    box: secretBox,
    clock,
    sink: ingest,
    resolve: async (input) => (input.kind === 'youtube' ? signIns.settingsFor(input) : input),
    adapterFor: (s) => signalAdapterFor(s, { clock, quota, log }),
    test: testSignalSource,
    signOut: async (s) => {
      if (s.kind === 'youtube' && s.refreshToken) await revokeGoogle(s, s.refreshToken);
    },
    onChange: () => hub.emit('sources.changed', source.list()),
    log,
  });
  const source = createSourceControl({
    ingest,
    clock,
    simulatorPort: o.simulatorPort ?? 0,
    signals,
    onUrl: (url) => (sourceUrl = url),
    onChange: () => {
      hub.emit('sources.changed', source.list());
      hub.emit('rehearsal.changed', source.rehearsalState());
      void teamPlaybooks?.sync(); // the playbooks of the event watched now
    },
  });
  ingest.addListener({ onConnection: () => hub.emit('sources.changed', source.list()) });

  const local = { incidents: incidentsRepo(db), rounds: roundsRepo(db), sessions };
  // In a team the event's engine runs on one console; what it stores is copied to the team database.
  const engine = team
    ? createTeamEngine({
        url: team.url,
        consoleId: team.consoleId,
        store: team.incidents,
        commands: team.commands,
        local,
        incidents: () => incidents,
        clock,
        onRole: (role, waiting) => team.setEngine(role, waiting),
        log,
      })
    : undefined;
  if (engine) ingest.addListener({ onSession: (s) => engine.watch(s.id) }); // before the incident service's
  // And what it ingests, stored once however many of the team's consoles watch the same source.
  const ingestCopy =
    link && team
      ? teamIngestCopy({
          pool: link.pool,
          consoleId: team.consoleId,
          clock,
          local: live,
          markOwn: ingest.markOwn,
          log,
          onWaiting: (n) => team.setIngestWaiting(n),
        })
      : undefined;
  if (ingestCopy) ingest.addListener(ingestCopy.listener);
  const rounds = engine?.publishingRounds(local.rounds) ?? local.rounds;
  const incidentsStore = engine?.publishing(local.incidents) ?? local.incidents;

  const statusPageDir = join(o.dataDir, 'status-page');
  const statusServer: StatusPageServer = await serveStatusPage(statusPageDir, { port: o.statusPagePort ?? 0, log });
  const statusPageUrl = statusServer.url;

  const settings = channelSettingsRepo(db);
  const credentials = createCredentialsStore({
    repo: settings,
    box: secretBox,
    clock,
  });
  /** The status page's public URL when the producer set one: the link messages carry and the page's own links. */
  const publicPageUrl = (): string | undefined => {
    try {
      return credentials.getCredentials('status-page')?.publicUrl?.trim() || undefined;
    } catch {
      return undefined; // unreadable settings: the local preview link, which a public message then refuses
    }
  };
  // In a team, the event's page is the team's (postgres/team-status-page-store.ts).
  const statusPageLedger = link && team ? teamStatusPageLedger(link.pool, eventKey) : undefined;
  /** The local preview of the page, as the status page channel writes it. */
  const previewPage = (ledger?: StatusPageLedger) => {
    let title: string | undefined;
    try {
      title = credentials.getCredentials('status-page')?.title?.trim();
    } catch {
      // unreadable settings: the default title
    }
    return createStatusPage({
      dir: statusPageDir,
      title: title || STATUS_PAGE_TITLE,
      baseUrl: publicPageUrl() ?? statusPageUrl,
      ledger,
    });
  };
  await previewPage().regenerate(); // from the folder: a team database away must not hold the start up
  /** In a team: the preview follows what the other consoles publish. */
  const previewCatchUp = () => {
    if (!statusPageLedger) return;
    previewPage(statusPageLedger)
      .catchUp()
      .catch((err: unknown) => log(`status page: the preview is behind the team's page (${messageOf(err)})`));
  };
  // Our own posts in the webinar chat are recognised by the message id the source returned for them
  // (ingest marks them `own`), never by the author's name, which any viewer can take.
  const incidents = createIncidentService({
    ingest,
    incidents: incidentsStore,
    rounds,
    sessions,
    hub,
    clock,
    playbookFor: playbooks.get,
    ...(engine ? { leads: engine.leads } : {}),
    log,
  });
  for (const c of ENABLED_BY_DEFAULT) if (!settings.get(c)) credentials.setEnabled(c, true);
  // The audience list: e-mail and SMS go to its consenting people; the unsubscribe links point at its server.
  const unsubscribe: { url?: string } = {}; // known once its server, which asks the audience, has started
  const audience = createAudience({
    repo: audienceRepo(db),
    key: loadOrCreateUnsubscribeKey(join(o.dataDir, 'unsubscribe.key')),
    now: clock.now,
    localUnsubscribeUrl: () => unsubscribe.url,
  });
  const unsubscribeServer = await startUnsubscribeServer({
    port: o.unsubscribePort ?? Number(process.env.ONAIR_UNSUBSCRIBE_PORT ?? 0),
    personOf: audience.personOf,
    optOut: (id) => {
      audience.optOut(id, 'email', 'one-click unsubscribe');
      hub.emit('audience.changed', audience.counts());
    },
  });
  unsubscribe.url = unsubscribeServer.url;
  const registry = createChannelRegistry({
    chatDestinations: () => chatDestinationsOf(source, signals),
    statusPageDir,
    statusPageBaseUrl: statusPageUrl,
    ...(statusPageLedger ? { statusPageLedger } : {}),
    now: clock.now,
  });
  const adapters = {
    ...registry,
    email: createEmailAdapter({ audience: audience.email }),
    sms: createSmsAdapter({ audience: audience.sms }),
  };
  // Without the audience list, e-mail and SMS reach only the extra recipients typed in their settings: the
  // team's own inboxes and phones, where a test message belongs.
  const testAdapters = { email: registry.email, sms: registry.sms };
  // A post is late once its incident's first-update deadline has passed since it was queued.
  const channelHealth = createChannelHealth({
    clock,
    seed: await outboxStore.all(1000),
    deadlineMs: (e) => {
      const found = e.incidentId ? incidentsStore.byId(e.incidentId) : undefined;
      return found ? playbooks.get(found.incident.kind).firstUpdateDeadlineMs : undefined;
    },
    onChange: (health) => hub.emit('channel.healthChanged', health),
  });
  /**
   * In a team, this console sends on the channels it is set up for; the others wait for a console that is. E-mail
   * and SMS go to this console's audience list and typed extra recipients: with neither, it would reach nobody.
   */
  const canSendHere = (c: ChannelId) => {
    try {
      if (!credentials.isEnabled(c)) return false;
      if (CHANNELS_WITHOUT_CREDENTIALS.has(c)) return true;
      const creds = credentials.getCredentials(c);
      if (c !== 'email' && c !== 'sms') return !!creds;
      return !!creds && (audience.counts().reachable[c] > 0 || !!creds.recipients?.trim());
    } catch {
      return false; // unreadable here: another console may read its own
    }
  };
  // In a team, an update's checklist holds the channels the event's other consoles post on too.
  const teamChannels =
    link && team
      ? shareTeamChannels({
          store: teamChannelsStore(link.pool),
          eventKey,
          consoleId: team.consoleId,
          mine: () => CHANNEL_IDS.filter(canSendHere),
          clock,
          onChange: (channels) =>
            channels.forEach((c) =>
              hub.emit('channel.changed', teamView(credentials.describeChannel(c), teamChannels?.elsewhere)),
            ),
          log,
        })
      : undefined;
  // Whether this console reaches anyone by e-mail or SMS moves with its audience list.
  if (teamChannels) hub.subscribe((name) => name === 'audience.changed' && void teamChannels.refresh());
  const outbox = createOutbox({
    // In a team, a round's posts are stored once the round is in the team database (team-engine.ts).
    repo: engine?.guardingOutbox(outboxStore) ?? outboxStore,
    adapters,
    clock,
    credentials: (c) => credentials.getCredentials(c),
    rehearsalSession: (id) => sessions.byId(id)?.rehearsal ?? false,
    ...(team ? { canSend: canSendHere, renewClaimMs: TEAM_CLAIM_LEASE_MS / 4, sweepMs: TEAM_SWEEP_MS } : {}),
    onChange: (e) => {
      hub.emit('outbox.changed', e);
      channelHealth.observe(e);
    },
    log,
  });
  // The deadline alarms the engine's console raises go up on every console of the event.
  const teamAlarms =
    link && engine
      ? relayTeamAlarms({
          store: teamAlarmsStore(link.pool),
          hub,
          leads: engine.leads,
          sessionId: () => ingest.session()?.id,
          clock,
          log,
        })
      : undefined;
  if (teamAlarms) ingest.addListener({ onSession: () => teamAlarms.changed() });
  team?.watch({
    outbox: (id) => outbox.changed(id),
    team: (change) => {
      if (change === undefined || change === TEAM_PLAYBOOKS_CHANGED) void teamPlaybooks?.sync();
      if (change === undefined || change === TEAM_CHANNELS_CHANGED) void teamChannels?.refresh();
      if (change === undefined || change === TEAM_STATUS_PAGE_CHANGED) previewCatchUp();
      teamAlarms?.changed(change);
      const notTheEngines = [TEAM_PLAYBOOKS_CHANGED, TEAM_CHANNELS_CHANGED, TEAM_STATUS_PAGE_CHANGED].some(
        (other) => change === other,
      );
      if (!notTheEngines && !(change && isTeamAlarmChange(change))) engine?.changed(change);
    },
  });
  const broadcasts = createBroadcastService({
    channelLimits: () => chatLimitOf(chatDestinationsOf(source, signals)),
    db,
    incidents,
    rounds,
    playbooks,
    outbox,
    credentials,
    hub,
    defaultLink: () => publicPageUrl() ?? statusPageUrl,
    ...(teamChannels ? { onOtherConsole: teamChannels.elsewhere } : {}),
    eventName: () => ingest.session()?.eventName ?? 'our live event',
    emailProblem: audience.unsubscribeProblem,
    audienceLanguages: (channel) => audience.languages(channel),
  });
  const announcements = createAnnouncementService({
    db,
    repo: announcementsRepo(db),
    outbox,
    credentials,
    hub,
    clock,
    eventName: () => ingest.session()?.eventName ?? 'our live event',
    sessionId: () => ingest.session()?.id,
    defaultLink: () => publicPageUrl() ?? statusPageUrl,
    channelLimits: () => chatLimitOf(chatDestinationsOf(source, signals)),
    emailProblem: audience.unsubscribeProblem,
    audienceLanguages: (channel) => audience.languages(channel),
    log,
  });
  const review = createReviewService({
    repo: reviewRepo(db, { sessions, live, incidents: incidentsStore, rounds, outbox: outboxRepo(db) }),
    now: clock.now,
    playbookFor: playbooks.get,
    liveSessionId: () => ingest.session()?.id ?? null,
    replay: (event, speed) => source.use({ kind: 'replay', event, speed }),
    // A team's posts are in the team's outbox (and those waiting on this console).
    ...(team && { posts: (sessionId: string) => outboxStore.bySession(sessionId) }),
  });
  const drills = createDrillService({
    repo: drillsRepo(db),
    source,
    ingest,
    incidents,
    rounds,
    outbox,
    playbookFor: playbooks.get,
    enabledChannels: () => CHANNEL_IDS.filter((c) => credentials.isEnabled(c)),
    hub,
    clock,
    log,
  });
  const info: AppInfo = {
    version: o.version,
    mode: o.mode,
    capabilities: o.capabilities ?? [],
    dataDir: o.dataDir,
    // Read when asked: whether the team database answers changes while the console runs.
    get team() {
      return team?.state();
    },
  };

  const deskLine = (): DeskLine => {
    const session = ingest.session();
    return {
      eventName: session?.eventName ?? 'No event yet',
      sessionId: session?.id ?? null,
      source: source.watched(),
      connected: ingest.connectionState().status === 'online',
      ...(team && { engine: team.state().engine }),
      ...deskState(session ? incidents.list(session.id) : [], playbooks.get, channelHealth.list(), incidents.now()),
      updatedAt: clock.now(),
    };
  };

  const deskPublisher =
    team && engine
      ? publishDeskLine({
          events: team.events,
          consoleId: team.consoleId,
          eventKey,
          line: deskLine,
          leads: engine.leads,
          clock,
          log,
        })
      : undefined;

  // Every command of the contract, one noun per module: a command without a handler does not build.
  const handlers: Handlers = {
    ...appHandlers(info),
    ...deskHandlers(o.desk ?? singleDesk(deskLine)),
    ...liveHandlers({ ingest, live, source }),
    ...sourceHandlers({ ingest, source, signals, signIns }),
    ...incidentHandlers(incidents),
    ...playbookHandlers({ playbooks, hub, now: clock.now }),
    ...broadcastHandlers(broadcasts),
    ...outboxHandlers(outbox),
    ...announcementHandlers(announcements),
    ...channelHandlers({
      credentials,
      adapters,
      testAdapters,
      hub,
      statusPageUrl,
      health: channelHealth,
      now: clock.now,
      ...(teamChannels && {
        team: { onOtherConsole: teamChannels.elsewhere, configured: () => void teamChannels.refresh() },
      }),
    }),
    ...reviewHandlers(review),
    ...audienceHandlers({ audience, hub, signals, now: clock.now }),
    ...rehearsalHandlers(source),
    ...drillHandlers(drills),
  };
  const localDispatcher = createDispatcher(handlers, (err) =>
    log(`command failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  );
  // On a standby console of a team, what changes an incident is done by the console running its engine.
  const dispatcher = engine?.forwarding(localDispatcher) ?? localDispatcher;

  await outbox.start();
  announcements.start();
  await source.use(o.source ?? { kind: 'simulator', scenario: 'audio-loss', speed: 1, loop: true });
  signals.resume();

  return {
    db,
    hub,
    dispatcher,
    ingest,
    source,
    incidents,
    outbox,
    statusPageUrl,
    unsubscribeUrl: unsubscribeServer.url,
    info,
    deskLine,
    eventKey,
    ...(team && { teamDesk: (exclude: ReadonlySet<string>) => teamDeskEvents(team.events, clock.now(), exclude) }),
    async close() {
      await source.stop();
      drills.dispose();
      announcements.dispose();
      await outbox.stop();
      deskPublisher?.dispose();
      waitingPosts?.dispose();
      teamAlarms?.dispose();
      await engine?.close();
      await ingestCopy?.close();
      await teamChannels?.close();
      team?.close();
      await ownLink?.close();
      channelHealth.dispose();
      incidents.dispose();
      ingest.dispose();
      await statusServer.close();
      await unsubscribeServer.close();
      db.close();
    },
  };
}
