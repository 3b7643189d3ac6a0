/** Commands of the guided response: compose an update, preview it per channel, send it, list the rounds. */
import type { ChannelId } from '../../../../shared/channels';
import type { BroadcastService } from '../broadcasts/broadcast-service';
import type { NounHandlers } from '../dispatch';

export function broadcastHandlers(broadcasts: BroadcastService): NounHandlers<'broadcast'> {
  return {
    'broadcast.compose': (a) => broadcasts.compose(a),
    'broadcast.preview': ({ draft, channels, incidentId, phase, lang }) =>
      broadcasts.preview(
        draft,
        channels as ChannelId[],
        incidentId && phase && lang ? { incidentId, phase, lang } : undefined,
      ),
    'broadcast.send': (a) => broadcasts.send(a),
  };
}
