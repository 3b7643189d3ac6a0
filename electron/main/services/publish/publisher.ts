/**
 * Publishing the status page to where the organiser hosts it. A publisher receives the finished files (the
 * page and its two feeds) and puts them on the target so that a reader never sees a half-written file: each
 * target replaces a file in one step (SFTP rename, S3 PutObject, git commit + push). It returns where the files
 * went, for the receipt, and throws ChannelError with a reason an organiser can act on, never a secret.
 */
export interface PublishedFile {
  name: string;
  body: Buffer;
  contentType: string;
}

export interface Publisher {
  /** Names the target without secrets, e.g. `sftp://web.example.com:22/var/www/status`. */
  readonly where: string;
  publish(files: readonly PublishedFile[], signal?: AbortSignal): Promise<void>;
}

/** Feeds before the page: a reader who follows the page's feed links finds them at least as new as the page. */
export function pageLast(files: readonly PublishedFile[]): PublishedFile[] {
  return [...files].sort((a, b) => Number(a.name === 'index.html') - Number(b.name === 'index.html'));
}

/** The error's code or message in a few words, without anything the peer echoed that could carry a secret. */
export function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message.split('\n')[0].slice(0, 160) : String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
