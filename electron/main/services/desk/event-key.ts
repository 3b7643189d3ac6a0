/**
 * Which event a workspace watches, named alike on every console of a team: the consoles watching one source
 * share that event's outbox and its line on the team's desk. A replay is this console's alone.
 */
import type { DeskSource } from '../../../../shared/contract';

export function eventKeyOf(source: DeskSource | null, consoleId: string): string {
  if (!source) return `replay:${consoleId}`;
  switch (source.kind) {
    case 'url':
      return `url:${new URL(source.url).href}`;
    case 'live':
      return `live:${source.eventName.trim()}`;
    case 'simulator':
      return `simulator:${source.scenario}`;
  }
}
