/** A public update as the operator composed and sent it: the draft, and the round it became. */
import type { EpochMs, IncidentId } from '../../types';
import type { TemplatePhase } from '../vocabulary';
import type { BroadcastRound } from './checklist';

/** One public update: composed once, sent to the checked channels, the rest skipped with a reason. */
export interface BroadcastRoundView {
  incidentId: IncidentId;
  round: number;
  phase: TemplatePhase;
  lang: string;
  subject?: string;
  body: string;
  link?: string;
  operator: string;
  at: EpochMs;
  checklist: BroadcastRound;
  toneWarnings: number;
}

export interface DraftInput {
  subject?: string;
  body: string;
  link?: string;
}
