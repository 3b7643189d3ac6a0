/** The channels each console of an event can post on (migrations/0008-team-channels.ts). */
import type pg from 'pg';
import { CHANNEL_IDS, type ChannelId } from '../../../../shared/channels';

/** What the team feed says when a console's channels changed (which event: each console reads its own). */
export const TEAM_CHANNELS_CHANGED = 'channels';

export interface TeamChannelsStore {
  /** This console's channels for the event, seen now. */
  report(eventKey: string, console: string, channels: readonly ChannelId[], now: number): Promise<void>;
  /** The channels the event's other consoles seen since `since` can post on. */
  elsewhere(eventKey: string, console: string, since: number): Promise<Set<ChannelId>>;
  /** This console left the event. */
  leave(eventKey: string, console: string): Promise<void>;
}

const isChannel = (c: unknown): c is ChannelId => (CHANNEL_IDS as readonly unknown[]).includes(c);

export function teamChannelsStore(pool: pg.Pool): TeamChannelsStore {
  return {
    async report(eventKey, console, channels, now) {
      await pool.query(
        `INSERT INTO team_channels (event_key, console, channels, seen_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_key, console) DO UPDATE SET channels = EXCLUDED.channels, seen_at = EXCLUDED.seen_at`,
        [eventKey, console, JSON.stringify(channels), now],
      );
    },
    async elsewhere(eventKey, console, since) {
      const { rows } = await pool.query<{ channel: unknown }>(
        `SELECT DISTINCT c AS channel FROM team_channels, jsonb_array_elements_text(channels) AS c
         WHERE event_key = $1 AND console <> $2 AND seen_at >= $3`,
        [eventKey, console, since],
      );
      return new Set(rows.map((r) => r.channel).filter(isChannel));
    },
    async leave(eventKey, console) {
      await pool.query('DELETE FROM team_channels WHERE event_key = $1 AND console = $2', [eventKey, console]);
    },
  };
}
