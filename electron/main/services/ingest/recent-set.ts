/**
 * A set that remembers only its newest `cap` entries: dedupe in bounded memory. A source that replays its
 * last few thousand messages after a reconnect is caught; one that replays further back than `cap` gets
 * through to the UI, and SQLite's unique key still stores each message once.
 */
export class RecentSet<T> {
  private readonly entries = new Set<T>();
  constructor(private readonly cap: number) {}

  has(v: T): boolean {
    return this.entries.has(v);
  }

  /** Remembers `v`; false when it was already there. */
  add(v: T): boolean {
    if (this.entries.has(v)) return false;
    this.entries.add(v);
    // A Set iterates in insertion order: the first entry is the oldest.
    if (this.entries.size > this.cap) this.entries.delete(this.entries.values().next().value as T);
    return true;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
