/**
 * Unsubscribe tokens: `<person id in base 36>.<HMAC-SHA256(key, "unsubscribe:" + id), 128 bits, base64url>`.
 * Unguessable without the key (a token for one person says nothing about another's), checked in constant
 * time, and stable, so every e-mail to a person carries the same link. The key is 32 random bytes in the data
 * folder (mode 0600, like the credential key file): a copy of the database alone forges no token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function loadOrCreateUnsubscribeKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = readFileSync(file);
    if (key.length >= 32) return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

const macOf = (key: Buffer, id: number) =>
  createHmac('sha256', key).update(`unsubscribe:${id}`).digest().subarray(0, 16).toString('base64url');

export function unsubscribeToken(key: Buffer, personId: number): string {
  return `${personId.toString(36)}.${macOf(key, personId)}`;
}

/** The person a token names, or undefined when it is not one of ours. */
export function personOfToken(key: Buffer, token: string): number | undefined {
  const m = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return undefined;
  const id = parseInt(m[1], 36);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const want = Buffer.from(macOf(key, id));
  const got = Buffer.from(m[2]);
  return want.length === got.length && timingSafeEqual(want, got) ? id : undefined;
}
