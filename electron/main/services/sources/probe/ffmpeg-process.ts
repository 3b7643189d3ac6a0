/**
 * The probe's ffmpeg processes never outlive Onair: one registry for the whole process kills whatever is still
 * running when Onair exits, and on Linux each is started under `setpriv --pdeathsig KILL`, so the kernel kills
 * it when Onair dies without an exit (SIGKILL, a crash). Its stdin and stdout are no help there: ffmpeg ignores
 * SIGPIPE and, with -nostdin, never reads stdin.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const live = new Set<ChildProcess>();
let exitHook = false;
/** Onair's exit kills `child` if it still runs. */
export function track(child: ChildProcess): void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => live.forEach((c) => c.kill('SIGKILL')));
  }
  live.add(child);
  child.once('close', () => live.delete(child));
}

let setpriv: string | null | undefined;
/** The command line that starts `binary` with `args`, tied to Onair's life where the system allows. */
export function command(binary: string, args: string[]): [string, string[]] {
  if (setpriv === undefined)
    setpriv = process.platform === 'linux' ? (['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync) ?? null) : null;
  return setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
}
