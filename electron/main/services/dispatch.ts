/**
 * One registry from command name to handler. Both transports (ipcMain.handle and the socket.io ack)
 * call `dispatch`, which validates the arguments against the contract's schema first and turns every
 * failure into a plain { code, message } reply.
 */
import type { CommandArgs, CommandName, CommandResult, ContractError, Reply } from '../../../shared/contract';
import { CommandFailed } from '../../../shared/contract';
import { commandArgSchemas } from '../../../shared/contract-schemas';
import { parseWith } from '../../../shared/schemas';

export type Handler<K extends CommandName> = (args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>>;
export type Handlers = { [K in CommandName]: Handler<K> };

export interface Dispatcher {
  register<K extends CommandName>(name: K, handler: Handler<K>): void;
  dispatch(name: unknown, args: unknown): Promise<Reply<unknown>>;
  /** Throws unless every command of the contract has a handler: a missing one is a startup bug. */
  assertComplete(): void;
}

export function fail(code: ContractError['code'], message: string): never {
  throw new CommandFailed({ code, message });
}

export function createDispatcher(onInternalError: (err: unknown) => void = () => {}): Dispatcher {
  const handlers = new Map<string, (args: unknown) => unknown>();
  return {
    register(name, handler) {
      if (handlers.has(name)) throw new Error(`command ${name} registered twice`);
      handlers.set(name, handler as (args: unknown) => unknown);
    },
    assertComplete() {
      const missing = Object.keys(commandArgSchemas).filter((n) => !handlers.has(n));
      if (missing.length) throw new Error(`commands without a handler: ${missing.join(', ')}`);
    },
    async dispatch(name, args) {
      if (typeof name !== 'string' || !handlers.has(name) || !(name in commandArgSchemas)) {
        return {
          ok: false,
          error: { code: 'unknown-command', message: `unknown command ${String(name).slice(0, 80)}` },
        };
      }
      const parsed = parseWith(commandArgSchemas[name as CommandName], args ?? {});
      if (!parsed.ok) return { ok: false, error: { code: 'bad-args', message: `${name}: ${parsed.reason}` } };
      try {
        return { ok: true, value: await handlers.get(name)!(parsed.value) };
      } catch (err) {
        if (err instanceof CommandFailed) return { ok: false, error: err.error };
        onInternalError(err);
        return {
          ok: false,
          error: { code: 'internal', message: `${name} failed: ${err instanceof Error ? err.message : String(err)}` },
        };
      }
    },
  };
}
