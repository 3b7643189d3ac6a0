import { describe, expect, it } from 'vitest';
import { participantCount } from './participants';

const ada = { person: 'uuid-ada', session: '16778240' };
const bob = { person: 'uuid-bob', session: '16779264' };

describe('the webinar’s participants, counted from the joins and leaves since Onair connected', () => {
  it('counts each person joined and not left', () => {
    const count = participantCount();
    expect(count.joined(ada)).toBe(1);
    expect(count.joined(bob)).toBe(2);
    expect(count.joined(ada)).toBe(2); // the same join sent twice
    expect(count.left(ada)).toBe(1);
    expect(count.left(bob)).toBe(0);
  });

  it('keeps a person who rejoined before Zoom said their old session left', () => {
    const count = participantCount();
    count.joined(ada);
    expect(count.joined({ person: ada.person, session: '16780288' })).toBe(1);
    expect(count.left(ada)).toBe(1);
    expect(count.left({ person: ada.person, session: '16780288' })).toBe(0);
  });

  it('never goes below zero for someone who joined before Onair connected', () => {
    const count = participantCount();
    expect(count.left(bob)).toBe(0);
    count.joined(ada);
    expect(count.left({ person: ada.person, session: 'another' })).toBe(1);
  });
});
