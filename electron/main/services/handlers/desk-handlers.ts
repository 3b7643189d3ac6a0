/** Commands of the desk: every live event this console (and its team) watches, and watching one more here. */
import type { DeskEvent, DeskSource } from '../../../../shared/contract';
import { fail, type NounHandlers } from '../dispatch';

/** What the desk host (desk/desk-host.ts) offers each of its workspaces' dispatchers. */
export interface DeskPort {
  list(): Promise<DeskEvent[]>;
  open(source: DeskSource): Promise<DeskEvent>;
  close(id: string): Promise<void>;
}

export function deskHandlers(desk: DeskPort): NounHandlers<'desk'> {
  return {
    'desk.list': () => desk.list(),
    'desk.open': ({ source }) => desk.open(source),
    'desk.close': async ({ id }) => {
      await desk.close(id);
      return { closed: id };
    },
  };
}

/** A workspace's own line on the desk, before the host names it. */
export type DeskLine = Omit<DeskEvent, 'id' | 'where'>;

/** The id of the workspace a console starts with (its data folder is the console's own). */
export const MAIN_WORKSPACE = 'main';

/** The desk of a console started for one event only (createOnair on its own, as the tests do). */
export function singleDesk(line: () => DeskLine): DeskPort {
  const one = (): DeskEvent => ({ id: MAIN_WORKSPACE, where: 'here', ...line() });
  const refuse = (): never => fail('unavailable', 'This console was started for one event only: it has no desk.');
  return { list: async () => [one()], open: async () => refuse(), close: async () => refuse() };
}
