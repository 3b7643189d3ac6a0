/**
 * The audience list in SQLite: people, consents, opt-outs, the per-post recipient snapshots and the audience
 * settings. An opt-out always wins: the reachable queries exclude it, and no import or consent removes it.
 */
import type { AudienceChannel, AudienceCounts, AudiencePerson, AudienceSettings } from '../../../../shared/audience';
import type { Db } from './open';

/** One valid row of an import, ready to store. */
export interface PersonDraft {
  name: string;
  email?: string;
  phone?: string;
  language?: string;
  consents: AudienceChannel[];
}

/** Who a post goes to: the person, and the address or number on that channel. */
export interface Recipient {
  personId: number;
  address: string;
  language?: string;
  name: string;
}

interface PersonRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  lang: string | null;
}

const DEFAULT_AUDIENCE_SETTINGS: AudienceSettings = {
  defaultCountry: 'IT',
  unsubscribeBaseUrl: '',
};

export function audienceRepo(db: Db) {
  const byEmail = db.prepare('SELECT id FROM audience_people WHERE email = ?').pluck();
  const byPhoneOnly = db.prepare('SELECT id FROM audience_people WHERE email IS NULL AND phone = ?').pluck();
  const insertPerson = db.prepare(
    'INSERT INTO audience_people (email, phone, name, lang, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updatePerson = db.prepare(
    `UPDATE audience_people SET phone = COALESCE(?, phone), name = CASE WHEN ? = '' THEN name ELSE ? END,
       lang = COALESCE(?, lang), updated_at = ? WHERE id = ?`,
  );
  const putConsent = db.prepare(
    'INSERT INTO audience_consents (person_id, channel, source, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const putOptOut = db.prepare(
    'INSERT INTO audience_opt_outs (person_id, channel, source, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const personById = db.prepare('SELECT id, name, email, phone, lang FROM audience_people WHERE id = ?');
  const consentsOf = db.prepare('SELECT channel, source, at FROM audience_consents WHERE person_id = ?');
  const optOutsOf = db.prepare('SELECT channel, source, at FROM audience_opt_outs WHERE person_id = ?');
  const isOptedOut = db.prepare('SELECT 1 FROM audience_opt_outs WHERE person_id = ? AND channel = ?').pluck();
  const listPeople = db.prepare(
    `SELECT id, name, email, phone, lang FROM audience_people
     WHERE (? = '' OR email LIKE ? OR name LIKE ? OR phone LIKE ?) ORDER BY id LIMIT ? OFFSET ?`,
  );
  const reachable = (column: 'email' | 'phone') =>
    db.prepare(
      `SELECT p.id AS personId, p.${column} AS address, p.lang AS language, p.name AS name
       FROM audience_people p JOIN audience_consents c ON c.person_id = p.id AND c.channel = ?
       WHERE p.${column} IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM audience_opt_outs o WHERE o.person_id = p.id AND o.channel = c.channel)
       ORDER BY p.id`,
    );
  const reachableEmail = reachable('email');
  const reachableSms = reachable('phone');
  const snapshot = db.prepare(
    `SELECT s.person_id AS personId, CASE s.channel WHEN 'email' THEN p.email ELSE p.phone END AS address,
       p.lang AS language, p.name AS name,
       EXISTS (SELECT 1 FROM audience_opt_outs o WHERE o.person_id = s.person_id AND o.channel = s.channel) AS out
     FROM audience_sends s JOIN audience_people p ON p.id = s.person_id
     WHERE s.post_key = ? AND s.channel = ? ORDER BY s.seq`,
  );
  const hasSnapshot = db.prepare('SELECT 1 FROM audience_sends WHERE post_key = ? AND channel = ? LIMIT 1').pluck();
  const putSnapshot = db.prepare('INSERT INTO audience_sends (post_key, channel, seq, person_id) VALUES (?, ?, ?, ?)');
  const count = (sql: string) => db.prepare(sql).pluck();
  const countPeople = count('SELECT COUNT(*) FROM audience_people');
  const countConsented = count('SELECT COUNT(*) FROM audience_consents WHERE channel = ?');
  const countOptedOut = count('SELECT COUNT(*) FROM audience_opt_outs WHERE channel = ?');
  const countReachable = count(
    `SELECT COUNT(*) FROM audience_consents c JOIN audience_people p ON p.id = c.person_id
     WHERE c.channel = ? AND (CASE c.channel WHEN 'email' THEN p.email ELSE p.phone END) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM audience_opt_outs o WHERE o.person_id = c.person_id AND o.channel = c.channel)`,
  );
  const languagesReachable = db.prepare(
    `SELECT p.lang AS lang, COUNT(*) AS n FROM audience_consents c JOIN audience_people p ON p.id = c.person_id
     WHERE c.channel = ? AND p.lang IS NOT NULL AND (CASE c.channel WHEN 'email' THEN p.email ELSE p.phone END) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM audience_opt_outs o WHERE o.person_id = c.person_id AND o.channel = c.channel)
     GROUP BY p.lang`,
  );
  const getSetting = db.prepare('SELECT value FROM audience_settings WHERE key = ?').pluck();
  const putSetting = db.prepare(
    'INSERT INTO audience_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  const toPerson = (r: PersonRow): AudiencePerson => ({
    id: r.id,
    name: r.name,
    email: r.email ?? undefined,
    phone: r.phone ?? undefined,
    language: r.lang ?? undefined,
    consents: consentsOf.all(r.id) as AudiencePerson['consents'],
    optOuts: optOutsOf.all(r.id) as AudiencePerson['optOuts'],
  });

  return {
    /** All rows in one transaction: an import is stored whole or not at all. */
    importPeople(people: readonly PersonDraft[], source: string, at: number) {
      let added = 0;
      let updated = 0;
      db.transaction(() => {
        for (const p of people) {
          let id = (p.email ? byEmail.get(p.email) : byPhoneOnly.get(p.phone)) as number | undefined;
          if (id === undefined) {
            id = Number(
              insertPerson.run(p.email ?? null, p.phone ?? null, p.name, p.language ?? null, source, at, at)
                .lastInsertRowid,
            );
            added++;
          } else {
            updatePerson.run(p.phone ?? null, p.name, p.name, p.language ?? null, at, id);
            updated++;
          }
          for (const c of p.consents) putConsent.run(id, c, source, at);
        }
      })();
      return { added, updated };
    },
    /** Records an opt-out (idempotent: the first one's source and time are kept). False for an unknown person. */
    optOut(personId: number, channel: AudienceChannel, source: string, at: number): boolean {
      if (!personById.get(personId)) return false;
      putOptOut.run(personId, channel, source, at);
      return true;
    },
    isOptedOut: (personId: number, channel: AudienceChannel) => isOptedOut.get(personId, channel) === 1,
    person(id: number): AudiencePerson | undefined {
      const r = personById.get(id) as PersonRow | undefined;
      return r ? toPerson(r) : undefined;
    },
    personIdByEmail: (email: string) => byEmail.get(email) as number | undefined,
    list(query: string, limit: number, offset: number): AudiencePerson[] {
      const like = `%${query}%`;
      return (listPeople.all(query, like, like, like, limit, offset) as PersonRow[]).map(toPerson);
    },
    counts(): AudienceCounts {
      const per = (s: { get(c: string): unknown }) => ({ email: Number(s.get('email')), sms: Number(s.get('sms')) });
      return {
        people: Number(countPeople.get()),
        reachable: per(countReachable),
        consented: per(countConsented),
        optedOut: per(countOptedOut),
      };
    },
    /** How many of a channel's reachable people read each language (people with no language left out). */
    reachableLanguages(channel: AudienceChannel): Record<string, number> {
      const rows = languagesReachable.all(channel) as { lang: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.lang, r.n]));
    },
    /**
     * Who a post goes to on a channel, fixed at its first send: later calls return the same people in the same
     * order (so batches keep their members across retries), each marked when they opted out since.
     */
    recipientsFor(postKey: string, channel: AudienceChannel): (Recipient & { optedOut: boolean })[] {
      db.transaction(() => {
        if (hasSnapshot.get(postKey, channel)) return;
        const now = (channel === 'email' ? reachableEmail : reachableSms).all(channel) as Recipient[];
        now.forEach((r, seq) => putSnapshot.run(postKey, channel, seq, r.personId));
      }).immediate();
      return (
        snapshot.all(postKey, channel) as (Omit<Recipient, 'language'> & { language: string | null; out: number })[]
      )
        .filter((r) => r.address !== null)
        .map((r) => ({
          personId: r.personId,
          address: r.address,
          name: r.name,
          language: r.language ?? undefined,
          optedOut: r.out === 1,
        }));
    },
    settings(): AudienceSettings {
      const read = (k: keyof AudienceSettings) =>
        (getSetting.get(k) as string | undefined) ?? DEFAULT_AUDIENCE_SETTINGS[k];
      return { defaultCountry: read('defaultCountry'), unsubscribeBaseUrl: read('unsubscribeBaseUrl') };
    },
    saveSettings(s: Partial<AudienceSettings>): AudienceSettings {
      db.transaction(() => {
        for (const [k, v] of Object.entries(s)) if (v !== undefined) putSetting.run(k, v);
      })();
      return this.settings();
    },
  };
}
export type AudienceRepo = ReturnType<typeof audienceRepo>;
