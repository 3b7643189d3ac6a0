/** Commands of drills: start one, end it (and score it), list them all for the review. */
import type { NounHandlers } from '../dispatch';
import type { DrillService } from '../drills/drill-service';

export function drillHandlers(drills: DrillService): NounHandlers<'drill'> {
  return {
    'drill.start': (a) => drills.start(a),
    'drill.end': () => drills.end(),
    'drill.list': () => drills.list(),
  };
}
