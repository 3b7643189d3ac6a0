/** Commands of the rehearsal mode: whether the console rehearses, and the one click back to the live event. */
import type { NounHandlers } from '../dispatch';
import type { SourceControl } from '../source-control';

export function rehearsalHandlers(source: SourceControl): NounHandlers<'rehearsal'> {
  return {
    'rehearsal.state': () => source.rehearsalState(),
    'rehearsal.backToLive': async () => {
      const resumed = await source.backToLive();
      return { resumed, state: source.rehearsalState() };
    },
  };
}
