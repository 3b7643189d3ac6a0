/**
 * Who is in the webinar, from the joins and leaves Zoom sent since Onair connected: nobody who was there
 * before is known, so the count starts at zero then. A person is known by their participant UUID (the same
 * across rejoins) or, without one, by the session's user id. A person who reconnects is often joined again
 * before Zoom says the old session left, so a person counts until every session of theirs has left.
 */

export interface ParticipantRef {
  /** participant_uuid, else user_id. */
  person: string;
  /** user_id: one join of that person. */
  session: string;
}

export function participantCount() {
  const sessions = new Map<string, Set<string>>();
  return {
    joined(p: ParticipantRef): number {
      const of = sessions.get(p.person) ?? new Set<string>();
      of.add(p.session);
      sessions.set(p.person, of);
      return sessions.size;
    },
    /** A leave of someone who joined before Onair connected changes nothing: they were never counted. */
    left(p: ParticipantRef): number {
      const of = sessions.get(p.person);
      if (of?.delete(p.session) && of.size === 0) sessions.delete(p.person);
      return sessions.size;
    },
  };
}
