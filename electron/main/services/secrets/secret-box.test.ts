import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import { nodeSecretBox, SecretBoxError } from './secret-box';

const posix = process.platform !== 'win32';

describe('node secret box (AES-256-GCM, key file)', () => {
  it('creates a 0600 key file on first use and round-trips values', () => {
    const keyFile = join(tempDir(), 'keys', 'onair.key');
    const box = nodeSecretBox(keyFile);
    const sealed = box.encrypt('sk_live_abc');
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile)).toHaveLength(32);
    expect(sealed.includes(Buffer.from('sk_live_abc'))).toBe(false);
    expect(box.decrypt(sealed)).toBe('sk_live_abc');
    expect(nodeSecretBox(keyFile).decrypt(sealed)).toBe('sk_live_abc'); // the same key is reused, not replaced
    expect(box.encrypt('sk_live_abc').equals(sealed)).toBe(false); // fresh IV per value
    expect(box.isAvailable()).toBe(true);
  });

  it('fails clearly with a different key or an altered value', () => {
    const dir = tempDir();
    const sealed = nodeSecretBox(join(dir, 'a.key')).encrypt('secret');
    const other = nodeSecretBox(join(dir, 'b.key'));
    expect(() => other.decrypt(sealed)).toThrow(SecretBoxError);
    expect(() => other.decrypt(sealed)).toThrow(/different key than .*b\.key, or it was altered/);
    const box = nodeSecretBox(join(dir, 'a.key'));
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(() => box.decrypt(flipped)).toThrow(/altered/);
    expect(() => box.decrypt(Buffer.from('plain'))).toThrow(/not in a known format/);
  });

  it.runIf(posix)('refuses a key file readable by group or others', () => {
    const keyFile = join(tempDir(), 'loose.key');
    writeFileSync(keyFile, Buffer.alloc(32, 7));
    chmodSync(keyFile, 0o644);
    const box = nodeSecretBox(keyFile);
    expect(() => box.encrypt('x')).toThrow(/accessible by group\/others \(mode 0644\); run: chmod 600/);
    expect(box.isAvailable()).toBe(false);
    chmodSync(keyFile, 0o600);
    expect(box.decrypt(box.encrypt('x'))).toBe('x');
  });

  it('refuses a key file that does not hold a 32-byte key', () => {
    const keyFile = join(tempDir(), 'short.key');
    writeFileSync(keyFile, 'short', { mode: 0o600 });
    expect(() => nodeSecretBox(keyFile).encrypt('x')).toThrow(/32-byte key/);
  });
});
