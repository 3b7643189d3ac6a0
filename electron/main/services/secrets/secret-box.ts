/**
 * Sealing channel credentials before they reach SQLite. Two implementations share this interface:
 * - desktop: the Electron shell provides a box backed by `safeStorage` (OS keychain / DPAPI / libsecret). It lives
 *   in the shell because only the shell may import `electron`; its `isAvailable()` must be false when
 *   safeStorage falls back to the plain-text "basic_text" backend on Linux.
 * - web console: `nodeSecretBox(keyFile)` below, AES-256-GCM with a random key in a 0600 file.
 * The threat handled: a copied or backed-up onair.sqlite (or its WAL) must not reveal tokens or webhook URLs.
 * A process running as the same user can read the key file; that is outside what a file key can defend.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretBox {
  /** Stored beside each sealed value, so a value sealed by another box is reported, not mis-decrypted. */
  readonly id: string;
  encrypt(plain: string): Buffer;
  /** Throws SecretBoxError when the value was sealed with another key or was altered. */
  decrypt(enc: Buffer): string;
  /** False when this box cannot seal right now; callers then refuse to store credentials (never plain text). */
  isAvailable(): boolean;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/** Loads the key, creating it (0600, exclusively) on first use. Refuses a key other users could read. */
function loadOrCreateKey(keyFile: string): Buffer {
  let fd: number;
  try {
    fd = openSync(keyFile, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new SecretBoxError(`cannot open key file ${keyFile}: ${(err as Error).message}`);
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    try {
      // 'wx': never overwrite a key another process just created; losing a key loses every stored credential.
      const wfd = openSync(keyFile, 'wx', 0o600);
      try {
        writeSync(wfd, randomBytes(KEY_BYTES));
      } finally {
        closeSync(wfd);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new SecretBoxError(`cannot create key file ${keyFile}: ${(e as Error).message}`);
    }
    fd = openSync(keyFile, 'r');
  }
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new SecretBoxError(
        `key file ${keyFile} is accessible by group/others (mode ${mode.toString(8).padStart(4, '0')}); run: chmod 600 ${keyFile}`,
      );
    }
    const key = readFileSync(fd);
    if (key.length !== KEY_BYTES) throw new SecretBoxError(`key file ${keyFile} does not hold a ${KEY_BYTES}-byte key`);
    return key;
  } finally {
    closeSync(fd);
  }
}

/**
 * AES-256-GCM. Sealed layout: version (1 byte) | IV (12) | auth tag (16) | ciphertext. A fresh random IV per
 * value; the tag makes a wrong key or a flipped bit fail loudly instead of returning garbage.
 */
export function nodeSecretBox(keyFile: string): SecretBox {
  let key: Buffer | undefined;
  const getKey = () => (key ??= loadOrCreateKey(keyFile));
  return {
    id: 'node-aes-256-gcm',
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(enc) {
      if (enc.length < 1 + IV_BYTES + TAG_BYTES || enc[0] !== VERSION)
        throw new SecretBoxError('sealed value is not in a known format');
      const iv = enc.subarray(1, 1 + IV_BYTES);
      const tag = enc.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', getKey(), iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(enc.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretBoxError(
          `cannot decrypt: the value was sealed with a different key than ${keyFile}, or it was altered`,
        );
      }
    },
    isAvailable() {
      try {
        getKey();
        return true;
      } catch {
        return false;
      }
    },
  };
}
