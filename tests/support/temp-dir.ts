import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDir = (prefix = 'onair-test-') => mkdtempSync(join(tmpdir(), prefix));
