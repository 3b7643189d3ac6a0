/**
 * Desktop credential sealing through the OS keychain (Electron safeStorage: Keychain, DPAPI, libsecret).
 * On Linux without a keyring safeStorage falls back to a hard-coded key ("basic_text"), which protects
 * nothing: then the box reports unavailable and credentials are not stored at all.
 */
import { safeStorage } from 'electron';
import { SecretBoxError, type SecretBox } from './services/secrets/secret-box';
import { messageOf } from '../../shared/error-message';

export function safeStorageBox(): SecretBox {
  const usable = () =>
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    id: 'electron-safe-storage',
    isAvailable: usable,
    encrypt(plain) {
      if (!usable()) throw new SecretBoxError('the OS keychain is not available');
      return safeStorage.encryptString(plain);
    },
    decrypt(enc) {
      try {
        return safeStorage.decryptString(enc);
      } catch (err) {
        throw new SecretBoxError(`the OS keychain could not open this value: ${messageOf(err)}`);
      }
    },
  };
}
