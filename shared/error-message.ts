/** What to say of a caught value: an Error's message, or the value itself as text (a string thrown, a rejection). */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
