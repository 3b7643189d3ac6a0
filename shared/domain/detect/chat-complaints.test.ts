import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../types';
import {
  CHAT_COMPLAINTS_DEFAULTS,
  initialChatComplaints,
  stepChatComplaints,
  type ChatComplaintsState,
} from './chat-complaints';
import { T0 } from './test-support';
import type { DetectorReport } from './types';

let n = 0;
const msg = (sec: number, author: string, text: string): ChatMessage => ({
  id: `m${++n}`,
  author,
  text,
  ts: T0 + sec * 1000,
});

/** Chat messages and ticks in time order; returns "type:kind@sec" of each report plus the final state. */
function drive(events: Array<ChatMessage | { tick: number }>, cfg = CHAT_COMPLAINTS_DEFAULTS) {
  let s: ChatComplaintsState = initialChatComplaints;
  const out: string[] = [];
  const reports: DetectorReport[] = [];
  for (const e of events) {
    const now = 'tick' in e ? T0 + e.tick * 1000 : e.ts;
    const r = stepChatComplaints(s, 'tick' in e ? { type: 'tick' } : { type: 'message', message: e }, now, cfg);
    s = r.state;
    for (const x of r.reports) {
      reports.push(x);
      out.push(`${x.type}:${x.type === 'finding' ? x.finding.kind : x.kind}@${(now - T0) / 1000}`);
    }
  }
  return { out, reports, state: s };
}

/** Background chatter: `perMin` messages a minute from a crowd of viewers over [from, to). */
function chatter(from: number, to: number, perMin: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  const every = 60 / perMin;
  for (let t = from, i = 0; t < to; t += every, i++)
    out.push(msg(t, `viewer${i % 97}`, ['great demo', 'hello from Rome', 'will slides be shared?', 'nice UI'][i % 4]));
  return out;
}
const byTime = (xs: ChatMessage[]) => xs.sort((a, b) => a.ts - b.ts);

describe('chat complaint burst detector', () => {
  it('fires when three different people complain within the window', () => {
    const r = drive(
      byTime([
        ...chatter(0, 120, 10),
        msg(60, 'giulia', 'non si sente niente'),
        msg(62, 'mark', 'no audio??'),
        msg(65, 'paolo', 'AUDIOOO'),
      ]),
    );
    expect(r.out).toEqual(['finding:audio@65', 'healthy:audio@96']); // first message ≥ 30 s after the last complaint
    const f = r.reports[0];
    expect(f.type === 'finding' && f.finding.source).toBe('chat');
    expect(f.type === 'finding' && f.finding.evidence.map((e) => (e.type === 'chat' ? e.author : ''))).toEqual([
      'giulia',
      'mark',
      'paolo',
    ]);
  });

  it('one troll repeating "no audio" never fires', () => {
    const troll = Array.from({ length: 40 }, (_, i) => msg(30 + i, 'troll', 'no audio'));
    expect(drive(byTime([...chatter(0, 120, 10), ...troll])).out).toEqual([]);
  });

  it('complaints spread wider than the window do not fire', () => {
    const r = drive(
      byTime([
        ...chatter(0, 300, 10),
        msg(10, 'a', 'audio?'),
        msg(50, 'b', 'audio?'),
        msg(90, 'c', 'audio?'),
        msg(130, 'd', 'audio?'),
      ]),
    );
    expect(r.out).toEqual([]);
  });

  it('a big audience (300 msgs/min) with a few stray "audio?" does not fire', () => {
    const stray = ['kevin', 'marta', 'tobias', 'lea'].map((a, i) => msg(200 + i * 5, a, i === 2 ? 'Ton?' : 'audio?'));
    expect(drive(byTime([...chatter(0, 400, 300), ...stray])).out).toEqual([]);
  });

  it('a real burst in a big audience does fire', () => {
    const burst = Array.from({ length: 40 }, (_, i) =>
      msg(200 + i * 0.5, `angry${i}`, ['no audio', 'non si sente', 'kein ton', 'pas de son'][i % 4]),
    );
    const r = drive(byTime([...chatter(0, 400, 300), ...burst]));
    expect(r.out[0]).toMatch(/^finding:audio@2\d\d/);
  });

  it('fires relative to the chat’s own baseline: where "audio?" is a habit, the same burst is not news', () => {
    // Two regulars ask "audio?" every 15 s all session long: never three authors, but a high baseline.
    const habit = Array.from({ length: 40 }, (_, i) => msg(i * 15 + 5, i % 2 ? 'regular1' : 'regular2', 'audio?'));
    const burst = [msg(620, 'x', 'audio?'), msg(622, 'y', 'no audio'), msg(624, 'z', 'sound?')];
    expect(drive(byTime([...chatter(0, 700, 12), ...burst])).out[0]).toBe('finding:audio@624');
    expect(drive(byTime([...chatter(0, 700, 12), ...habit, ...burst])).out).toEqual([]);
  });

  it('sends ongoing complaints as evidence at most every updateMs, then reports healthy after quiet', () => {
    const burst = Array.from({ length: 30 }, (_, i) => msg(60 + i, `v${i}`, 'no sound'));
    const ticks = Array.from({ length: 60 }, (_, i) => ({ tick: 90 + i }));
    const r = drive([...byTime([...chatter(0, 90, 10), ...burst]), ...ticks]);
    expect(r.out).toEqual(['finding:audio@62', 'finding:audio@72', 'finding:audio@82', 'healthy:audio@119']);
    const h = r.reports.at(-1);
    expect(h?.type === 'healthy' && h.since).toBe(T0 + 89_000);
  });

  it('keeps kinds apart, and maps link complaints to an "other" incident', () => {
    const r = drive([
      msg(1, 'a', 'video frozen'),
      msg(2, 'b', 'Bild hängt'),
      msg(3, 'c', 'video bloccato'),
      msg(4, 'd', 'link not working'),
      msg(5, 'e', 'il link non funziona'),
      msg(6, 'f', 'el enlace no funciona'),
    ]);
    expect(r.out).toEqual(['finding:video@3', 'finding:other@6']);
  });

  it('min authors is tunable', () => {
    const r = drive([msg(1, 'a', 'no audio'), msg(2, 'b', 'no audio')], { ...CHAT_COMPLAINTS_DEFAULTS, minAuthors: 2 });
    expect(r.out).toEqual(['finding:audio@2']);
  });
});
