import { describe, expect, it } from 'vitest';
import { webinarDetail } from './webinar-detail';

/** Local wall times, as the detail shows them. */
const at = (h: number, m: number) => new Date(2026, 4, 12, h, m, 30).getTime();

describe('the Zoom source’s connection detail', () => {
  it('names the webinar and says since when viewers are counted', () => {
    expect(webinarDetail({ webinarId: '81234567890', countingSince: at(9, 5) })).toBe(
      'Zoom · webinar 81234567890 · viewers counted from 09:05, when Onair connected',
    );
  });

  it('says the webinar is live, then ended, never both', () => {
    const w = { webinarId: '123', topic: 'Quarterly results', liveSince: at(14, 2), countingSince: at(13, 58) };
    expect(webinarDetail(w)).toBe(
      'Zoom · webinar 123 "Quarterly results" · live since 14:02 · viewers counted from 13:58, when Onair connected',
    );
    expect(webinarDetail({ ...w, endedAt: at(15, 1) })).toBe(
      'Zoom · webinar 123 "Quarterly results" · ended at 15:01 · viewers counted from 13:58, when Onair connected',
    );
  });

  it('says which stretch of events is lost', () => {
    expect(webinarDetail({ webinarId: '123', lost: { from: at(14, 10), to: at(14, 11) } })).toBe(
      'Zoom · webinar 123 · events from 14:10 to 14:11 lost: Zoom does not resend them',
    );
  });
});
