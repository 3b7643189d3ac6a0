/**
 * The end of a console child process, as the team tests and benches drive it: SIGKILL (a console dying), or
 * stdin closed (the app shuts down cleanly), SIGKILL after `graceMs`.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ChildLifecycle {
  exited: Promise<void>;
  alive(): boolean;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
  /** Closes stdin, SIGKILL after `graceMs`. */
  stop(): Promise<void>;
}

export function childLifecycle(child: ChildProcess, graceMs: number): ChildLifecycle {
  const exited = once(child, 'exit').then(() => undefined);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    exited,
    alive,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!alive()) return;
      child.stdin?.end();
      const late = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(late);
    },
  };
}
