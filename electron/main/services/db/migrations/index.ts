/** The ordered, forward-only migration list. Append new files; never edit an applied one. */
import type { Migration } from '../migrate';
import init from './0001-init';

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: '0001-init', sql: init }];
