/**
 * The outbox store contract on the SQLite engine, on real temp files. "Another console" is a second
 * connection to the same file; a cut-off is the file closed and opened again, as after a crash.
 */
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/main/services/db/open';
import { sqliteOutboxStore } from '../../electron/main/services/db/outbox-store-sqlite';
import { outboxStoreContract } from '../../electron/main/services/outbox/outbox-store-contract-test-kit';
import { tempDir } from '../support/temp-dir';

outboxStoreContract('SQLite', async () => {
  const file = join(tempDir(), 'onair.sqlite');
  const dbs: Db[] = [];
  const connect = () => {
    const db = openDatabase({ file });
    dbs.push(db);
    return db;
  };
  let mine = connect();
  let store = sqliteOutboxStore(mine);
  return {
    get store() {
      return store;
    },
    other: async () => sqliteOutboxStore(connect()),
    async cutOff() {
      mine.close();
      mine = connect();
      store = sqliteOutboxStore(mine);
    },
    async close() {
      for (const db of dbs) if (db.open) db.close();
    },
  };
});
