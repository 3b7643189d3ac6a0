/**
 * A git repository served as pages (GitHub/GitLab/Codeberg Pages, or any web server that pulls a branch), with
 * the system `git`. A work copy per remote and branch lives under the data folder; each publish fetches the
 * branch, writes the files, commits only when they changed, and pushes. A push is all or nothing, so readers
 * see the previous commit or the new one. A rejected push (someone else pushed) is retryable: the next attempt
 * fetches again. Git's own credentials (an SSH key, a credential helper, a token in the URL) are used; git is
 * never allowed to prompt, and the URL never appears in an error.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChannelError } from '../channels/channel-adapter';
import type { PublishedFile, Publisher } from './publisher';

export interface GitTarget {
  url: string;
  branch: string;
  /** Work copies are made in here, one per remote and branch. */
  workRoot: string;
  timeoutMs?: number;
}

const ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=10',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};

/** Where the repository is, with no user, password or token: `host/path` or the local path's last part. */
function describeRemote(url: string): string {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(url);
  if (scp) return `${scp[1]}:${scp[2]}`;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.split(/[\\/]/).filter(Boolean).pop() ?? 'repository';
  }
}

export function gitPublisher(t: GitTarget): Publisher {
  const remote = describeRemote(t.url);
  const work = join(t.workRoot, createHash('sha256').update(`${t.url}\n${t.branch}`).digest('hex').slice(0, 16));
  const scrub = (s: string) => s.split(t.url).join(remote);

  function git(args: string[], signal?: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        { cwd: work, env: { ...process.env, ...ENV }, timeout: t.timeoutMs ?? 60_000, signal, maxBuffer: 1 << 20 },
        (err, stdout, stderr) => {
          if (!err) return resolve(stdout);
          const why =
            scrub(String(stderr))
              .split('\n')
              .map((l) => l.trim())
              .filter((l) => l && !l.startsWith('hint:'))
              .slice(-2)
              .join(' ') || (err as NodeJS.ErrnoException).code;
          reject(new GitFailure(args[0], String(why ?? 'failed')));
        },
      );
    });
  }

  return {
    where: `git ${remote} branch ${t.branch}`,
    async publish(files: readonly PublishedFile[], signal?: AbortSignal) {
      try {
        await mkdir(work, { recursive: true });
        if (!(await stat(join(work, '.git')).catch(() => null))) {
          await git(['init', '-q'], signal);
          await git(['remote', 'add', 'origin', t.url], signal);
        } else {
          await git(['remote', 'set-url', 'origin', t.url], signal);
        }
        const ref = `refs/heads/${t.branch}`;
        const heads = await git(['ls-remote', '--heads', 'origin', ref], signal);
        if (heads.trim()) {
          await git(['fetch', '-q', '--depth', '1', 'origin', `+${ref}:refs/remotes/origin/${t.branch}`], signal);
          await git(['checkout', '-q', '-f', '-B', t.branch, `refs/remotes/origin/${t.branch}`], signal);
        } else {
          await git(['checkout', '-q', '-f', '--orphan', t.branch], signal);
        }
        for (const f of files) await writeFile(join(work, f.name), f.body);
        await git(['add', '--', ...files.map((f) => f.name)], signal);
        const changed = await git(['status', '--porcelain', '--', ...files.map((f) => f.name)], signal);
        if (!changed.trim() && heads.trim()) return;
        await git(
          ['-c', 'user.name=Onair', '-c', 'user.email=onair@localhost', 'commit', '-q', '-m', 'Status page update'],
          signal,
        );
        await git(['push', '-q', 'origin', `HEAD:${ref}`], signal);
      } catch (err) {
        if (err instanceof GitFailure) {
          const verb =
            err.step === 'push' ? 'push to' : err.step === 'ls-remote' || err.step === 'fetch' ? 'reach' : 'prepare';
          throw new ChannelError(`status-page: git could not ${verb} ${remote} (${err.why})`, true);
        }
        throw new ChannelError(`status-page: git publish to ${remote} failed (${String(err)})`, true);
      }
    },
  };
}

class GitFailure extends Error {
  constructor(
    readonly step: string,
    readonly why: string,
  ) {
    super(`git ${step}: ${why}`);
  }
}
