/** Commands about Onair itself: version, mode and what this build can do. */
import type { AppInfo } from '../../../../shared/contract';
import type { NounHandlers } from '../dispatch';

export function appHandlers(info: AppInfo): NounHandlers<'app'> {
  return { 'app.info': () => info };
}
