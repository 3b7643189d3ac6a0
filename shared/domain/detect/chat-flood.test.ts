import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../types';
import { initialChatFlood, stepChatFlood, type ChatFloodState } from './chat-flood';
import { T0 } from './test-support';

/** Messages at `perMin` over [from, to) seconds, plus ticks every second; returns "type@sec" of reports. */
function drive(segments: Array<[from: number, to: number, perMin: number]>): string[] {
  const msgs: ChatMessage[] = [];
  for (const [from, to, perMin] of segments) {
    for (let t = from, i = 0; t < to; t += 60 / perMin, i++)
      msgs.push({ id: `m${from}-${i}`, author: `u${i % 50}`, text: 'hi', ts: T0 + Math.round(t * 1000) });
  }
  msgs.sort((a, b) => a.ts - b.ts);
  const end = Math.max(...segments.map((s) => s[1])) + 30;
  let s: ChatFloodState = initialChatFlood;
  const out: string[] = [];
  let k = 0;
  for (let sec = 0; sec < end; sec++) {
    for (; k < msgs.length && msgs[k].ts < T0 + (sec + 1) * 1000; k++) {
      const r = stepChatFlood(s, { type: 'message', message: msgs[k] }, msgs[k].ts);
      s = r.state;
      r.reports.forEach((x) => out.push(`${x.type}@${sec}`));
    }
    const r = stepChatFlood(s, { type: 'tick' }, T0 + (sec + 1) * 1000);
    s = r.state;
    r.reports.forEach((x) => out.push(`${x.type}@${sec + 1}`));
  }
  return out;
}

describe('chat flood detector', () => {
  it('fires within seconds of a spam raid and clears after it', () => {
    const out = drive([
      [0, 300, 15],
      [120, 180, 2000],
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^finding@12\d$/);
    expect(out[1]).toMatch(/^healthy@2[0-3]\d$/);
  });

  it('a big audience that is busy from the first second is not a flood', () => {
    expect(drive([[0, 600, 300]])).toEqual([]);
  });

  it('a chat that slowly gets busier is not a flood', () => {
    expect(
      drive([
        [0, 200, 20],
        [200, 400, 60],
        [400, 600, 150],
      ]),
    ).toEqual([]);
  });
});
