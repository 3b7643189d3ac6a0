/**
 * One handler per command name. Both transports (ipcMain.handle and the socket.io ack) call `dispatch`,
 * which validates the arguments against the contract's schema first and turns every failure into a
 * plain { code, message } reply.
 *
 * The handlers are one typed object: each handlers module returns exactly its nouns' commands
 * (`NounHandlers`), and onair.ts joins them into `Handlers`, so a command added to the contract without a
 * handler, a handler for a command that does not exist, or two handlers for one command do not build.
 */
import {
  CommandFailed,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type ContractError,
  type Reply,
} from '../../../shared/contract';
import { commandArgSchemas } from '../../../shared/contract-schemas';
import { parseWith } from '../../../shared/schemas';
import { messageOf } from '../../../shared/error-message';

type Handler<K extends CommandName> = (args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>>;
export type Handlers = { [K in CommandName]: Handler<K> };

/** The commands of a noun, or of a few related nouns: `NounCommand<'outbox'>` is 'outbox.list' | 'outbox.retry' | …. */
type NounCommand<Noun extends string> = Extract<CommandName, `${Noun}.${string}`>;
/** What a handlers module returns: a handler for each of its nouns' commands, and nothing else. */
export type NounHandlers<Noun extends string> = { [K in NounCommand<Noun>]: Handler<K> };

export interface Dispatcher {
  dispatch(name: unknown, args: unknown): Promise<Reply<unknown>>;
}

export function fail(code: ContractError['code'], message: string): never {
  throw new CommandFailed({ code, message });
}

/** The name as text for a reply: String() throws on a null-prototype object, or on {"toString": 1} from JSON. */
const nameOf = (name: unknown): string => (typeof name === 'string' ? name : `(${typeof name})`).slice(0, 80);

export function createDispatcher(handlers: Handlers, onInternalError: (err: unknown) => void = () => {}): Dispatcher {
  // Own keys only: a name such as 'constructor' or '__proto__' is not a command.
  const handlerOf = (name: unknown): ((args: unknown) => unknown) | undefined =>
    typeof name === 'string' && Object.hasOwn(handlers, name) && Object.hasOwn(commandArgSchemas, name)
      ? (handlers[name as CommandName] as (args: unknown) => unknown)
      : undefined;
  return {
    async dispatch(name, args) {
      const handler = handlerOf(name);
      if (!handler) {
        return {
          ok: false,
          error: { code: 'unknown-command', message: `unknown command ${nameOf(name)}` },
        };
      }
      const parsed = parseWith<unknown>(commandArgSchemas[name as CommandName], args ?? {});
      if (!parsed.ok) return { ok: false, error: { code: 'bad-args', message: `${String(name)}: ${parsed.reason}` } };
      try {
        return { ok: true, value: await handler(parsed.value) };
      } catch (err) {
        if (err instanceof CommandFailed) return { ok: false, error: err.error };
        onInternalError(err);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `${String(name)} failed: ${messageOf(err)}`,
          },
        };
      }
    },
  };
}
