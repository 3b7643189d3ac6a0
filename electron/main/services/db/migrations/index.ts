/** The ordered, forward-only migration list. Append new files; never edit an applied one. */
import type { Migration } from '../migrate';
import init from './0001-init';
import incidents from './0002-incidents';
import broadcast from './0003-broadcast';
import rounds from './0004-broadcast-rounds';
import imported from './0005-imported-events';
import chatComplaint from './0006-chat-complaint';
import outboxParts from './0007-outbox-parts';
import importedSummary from './0008-imported-summary';
import outboxPartsSending from './0009-outbox-parts-sending';
import healthBySource from './0010-health-by-source';
import signalSources from './0011-signal-sources';
import platformSources from './0012-platform-sources';
import statusPagePublish from './0013-status-page-publish';
import announcements from './0015-announcements';
import audience from './0014-audience';
import outboxVariants from './0016-outbox-variants';
import rehearsal from './0017-rehearsal';
import drills from './0018-drills';
import teamWaitingPosts from './0019-team-waiting-posts';

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-init', sql: init },
  { version: 2, name: '0002-incidents', sql: incidents },
  { version: 3, name: '0003-broadcast', sql: broadcast },
  { version: 4, name: '0004-broadcast-rounds', sql: rounds },
  { version: 5, name: '0005-imported-events', sql: imported },
  { version: 6, name: '0006-chat-complaint', sql: chatComplaint },
  { version: 7, name: '0007-outbox-parts', sql: outboxParts },
  { version: 8, name: '0008-imported-summary', sql: importedSummary },
  { version: 9, name: '0009-outbox-parts-sending', sql: outboxPartsSending },
  { version: 10, name: '0010-health-by-source', sql: healthBySource },
  { version: 11, name: '0011-signal-sources', sql: signalSources },
  { version: 12, name: '0012-platform-sources', sql: platformSources },
  { version: 13, name: '0013-status-page-publish', sql: statusPagePublish },
  { version: 14, name: '0014-audience', sql: audience },
  { version: 15, name: '0015-announcements', sql: announcements },
  { version: 16, name: '0016-outbox-variants', sql: outboxVariants },
  { version: 17, name: '0017-rehearsal', sql: rehearsal },
  { version: 18, name: '0018-drills', sql: drills },
  { version: 19, name: '0019-team-waiting-posts', sql: teamWaitingPosts },
];
