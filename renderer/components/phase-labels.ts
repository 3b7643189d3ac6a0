/** What the composer and the review call a post's phase, instead of its id ("acknowledge" → "Acknowledgement"). */
import type { PostPhase } from '../../shared/domain/vocabulary';

const PHASE: Record<PostPhase, string> = {
  acknowledge: 'Acknowledgement',
  update: 'Update',
  resolved: 'Resolved',
  postponed: 'Postponed',
  manual: 'Manual post',
};

/** Total, like incident-labels: a phase this build does not know is shown as it is. */
export const phaseLabel = (id: string): string => (Object.hasOwn(PHASE, id) ? PHASE[id as PostPhase] : id);
