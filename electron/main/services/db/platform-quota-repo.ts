/** The YouTube quota spent per Google Cloud project and Pacific day (see migration 0012). */
import type { Db } from './open';

export function platformQuotaRepo(db: Db) {
  const get = db.prepare('SELECT units FROM platform_quota WHERE project = ? AND day = ?');
  const add = db.prepare(
    `INSERT INTO platform_quota (project, day, units) VALUES (?, ?, ?)
     ON CONFLICT (project, day) DO UPDATE SET units = units + excluded.units`,
  );
  return {
    used: (project: string, day: string): number =>
      (get.get(project, day) as { units: number } | undefined)?.units ?? 0,
    spend(project: string, day: string, units: number): void {
      add.run(project, day, units);
    },
  };
}
export type PlatformQuotaRepo = ReturnType<typeof platformQuotaRepo>;
