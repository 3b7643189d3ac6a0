/**
 * The console's error strip: hooks and one-click actions report failures here instead of dropping them.
 * `report(what)` gives a rejection handler; the strip (components/ErrorNotice.tsx) shows each with its code.
 */
import { createContext, useCallback, useContext, useMemo, useReducer, useState, type ReactNode } from 'react';
import type { ContractError } from '../../shared/contract';
import { errorNoticesReducer, noNotices, toContractError, type ErrorNotice } from '../state/error-notices';

type Report = (what: string) => (e: unknown) => void;

interface ErrorNoticesContext {
  notices: ErrorNotice[];
  report: Report;
  dismiss(id: number): void;
}

const Context = createContext<ErrorNoticesContext | null>(null);

export function ErrorNoticesProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(errorNoticesReducer, noNotices);
  const report = useCallback<Report>(
    (what) => (e) => dispatch({ type: 'failed', what, error: toContractError(e) }),
    [],
  );
  const dismiss = useCallback((id: number) => dispatch({ type: 'dismissed', id }), []);
  const value = useMemo(() => ({ notices: state.list, report, dismiss }), [state.list, report, dismiss]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function useErrorNoticesContext(): ErrorNoticesContext {
  const c = useContext(Context);
  if (!c) throw new Error('error notices used outside ErrorNoticesProvider');
  return c;
}

/** The notices to show, and how to dismiss one. */
export function useErrorNotices(): Pick<ErrorNoticesContext, 'notices' | 'dismiss'> {
  const { notices, dismiss } = useErrorNoticesContext();
  return { notices, dismiss };
}

/** A stable `report(what)`: `t.invoke(…).catch(report('Loading the outbox'))`. */
export function useReportError(): Report {
  return useErrorNoticesContext().report;
}

/** The error of a form's own command, shown next to the form; cleared when the operator tries again. */
export function useCommandError() {
  const [error, setError] = useState<ContractError | null>(null);
  const fail = useCallback((e: unknown) => setError(toContractError(e)), []);
  const clear = useCallback(() => setError(null), []);
  return { error, fail, clear };
}

/** As useCommandError, and `failAs(what)` also puts the failure in the console's error strip. */
export function useReportedCommandError() {
  const report = useReportError();
  const { error, fail, clear } = useCommandError();
  const failAs = useCallback(
    (what: string) => (e: unknown) => {
      fail(e);
      report(what)(e);
    },
    [fail, report],
  );
  return { error, failAs, clear };
}
