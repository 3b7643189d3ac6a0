/** The team database's ordered, forward-only migration list. Append new files; never edit an applied one. */
import type { Migration } from '../../db/migrate';
import outbox from './0001-outbox';
import teamEngine from './0002-team-engine';
import teamIngest from './0003-team-ingest';
import teamDesk from './0004-team-desk';
import teamPlaybooks from './0005-team-playbooks';
import teamAlarms from './0006-team-alarms';
import teamStatusPage from './0007-team-status-page';
import teamChannels from './0008-team-channels';
import teamStatusPageAnnounce from './0009-team-status-page-announce';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-outbox', sql: outbox },
  { version: 2, name: '0002-team-engine', sql: teamEngine },
  { version: 3, name: '0003-team-ingest', sql: teamIngest },
  { version: 4, name: '0004-team-desk', sql: teamDesk },
  { version: 5, name: '0005-team-playbooks', sql: teamPlaybooks },
  { version: 6, name: '0006-team-alarms', sql: teamAlarms },
  { version: 7, name: '0007-team-status-page', sql: teamStatusPage },
  { version: 8, name: '0008-team-channels', sql: teamChannels },
  { version: 9, name: '0009-team-status-page-announce', sql: teamStatusPageAnnounce },
];
