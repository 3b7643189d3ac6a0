/**
 * Failures the operator must see. A command that fails rejects with a CommandFailed carrying the contract's
 * `{ code, message }`; anything else thrown in the renderer becomes an 'internal' error with its message. No
 * failure is swallowed: background loads and one-click actions land in the console's error strip (these
 * notices), form commands show the same `{ code, message }` next to the form.
 */
import { CommandFailed, type ContractError } from '../../shared/contract';

/** A failure as the contract describes it, whatever was thrown. */
export function toContractError(e: unknown): ContractError {
  if (e instanceof CommandFailed) return e.error;
  if (e instanceof Error) return { code: 'internal', message: e.message || e.name };
  return { code: 'internal', message: String(e) };
}

export interface ErrorNotice extends ContractError {
  id: number;
  /** What the console was doing, in the producer's words: "Loading the channels". */
  what: string;
}

export interface ErrorNotices {
  next: number;
  list: ErrorNotice[];
}

export type ErrorNoticesAction =
  { type: 'failed'; what: string; error: ContractError } | { type: 'dismissed'; id: number };

/** More than this and the strip would push the console off screen; the oldest go first. */
export const MAX_NOTICES = 4;

export const noNotices: ErrorNotices = { next: 1, list: [] };

export function errorNoticesReducer(s: ErrorNotices, a: ErrorNoticesAction): ErrorNotices {
  switch (a.type) {
    case 'failed': {
      // The newest failure of one operation replaces its older one: a retry that fails again is one notice.
      const rest = s.list.filter((n) => n.what !== a.what);
      const notice: ErrorNotice = { id: s.next, what: a.what, code: a.error.code, message: a.error.message };
      return { next: s.next + 1, list: [...rest, notice].slice(-MAX_NOTICES) };
    }
    case 'dismissed':
      return s.list.some((n) => n.id === a.id) ? { ...s, list: s.list.filter((n) => n.id !== a.id) } : s;
  }
}
