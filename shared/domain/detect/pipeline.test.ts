import { describe, expect, it } from 'vitest';
import type { ChatMessage, IncidentId } from '../../types';
import type { IncidentEffect } from '../incident';
import { createDetectionPipeline, initialPipelineState, resolveDetectionConfig, stepPipeline } from './pipeline';
import { sample, T0 } from './test-support';

const msg = (sec: number, author: string, text: string): ChatMessage => ({
  id: `${author}-${sec}`,
  author,
  text,
  ts: T0 + sec * 1000,
});
const describeEffect = (sec: number, e: IncidentEffect) =>
  e.type === 'error'
    ? `${sec}:error`
    : e.type === 'recovery-proposed'
      ? `${sec}:recovery-proposed`
      : `${sec}:${e.type}:${e.incident.kind}:${e.incident.detectedBy}`;

describe('detection pipeline', () => {
  it('audio loss: signal opens the incident in 3 s, chat merges into it, recovery is proposed after the hold', () => {
    const p = createDetectionPipeline();
    const log: string[] = [];
    const complaints: Record<number, ChatMessage> = {
      14: msg(14, 'giulia', 'non si sente'),
      15: msg(15, 'mark', 'no audio??'),
      16: msg(16, 'paolo', 'AUDIOOO'),
    };
    for (let t = 0; t < 60; t++) {
      p.tick(T0 + t * 1000).forEach((e) => log.push(describeEffect(t, e)));
      const lost = t >= 10 && t < 30;
      p.health(sample(t, lost ? { audioLevelDb: -90, audioPacketsPerSec: 0 } : {})).forEach((e) =>
        log.push(describeEffect(t, e)),
      );
      if (complaints[t]) p.chat(complaints[t]).forEach((e) => log.push(describeEffect(t, e)));
    }
    expect(log).toEqual([
      '13:incident-opened:audio:signal',
      '16:incident-updated:audio:both',
      '40:recovery-proposed',
      '40:incident-updated:audio:both',
    ]);
    expect(p.incidents()).toHaveLength(1);
  });

  it('chat only: three viewers complaining open a chat incident', () => {
    const p = createDetectionPipeline();
    const effects = [msg(1, 'a', 'kein Ton'), msg(2, 'b', 'no se escucha'), msg(3, 'c', "on n'entend rien")].flatMap(
      (m) => p.chat(m),
    );
    expect(effects.map((e) => describeEffect(3, e))).toEqual(['3:incident-opened:audio:chat']);
  });

  it('source went quiet: ticks open a stream incident when samples stop', () => {
    const p = createDetectionPipeline();
    const log: string[] = [];
    for (let t = 0; t < 20; t++) {
      p.tick(T0 + t * 1000).forEach((e) => log.push(describeEffect(t, e)));
      if (t < 8) p.health(sample(t));
    }
    expect(log).toEqual(['12:incident-opened:stream:signal']);
  });

  it('audio and video problems at once give two incidents; operators act through the same pipeline', () => {
    const p = createDetectionPipeline();
    for (let t = 0; t < 20; t++) p.health(sample(t, t >= 5 ? { audioPacketsPerSec: 0, videoFps: 0 } : {}));
    expect(p.incidents().map((i) => i.kind)).toEqual(['audio', 'video']);
    const [audio] = p.incidents();
    expect(
      p.operator({ type: 'acknowledge', incidentId: audio.id, operator: 'ada' }, T0 + 21_000).map((e) => e.type),
    ).toEqual(['incident-transitioned']);
    expect(
      p.operator({ type: 'acknowledge', incidentId: 'nope' as IncidentId, operator: 'ada' }, T0 + 22_000)[0],
    ).toMatchObject({ type: 'error', code: 'unknown-incident' });
  });

  it('thresholds are configurable per detector', () => {
    const p = createDetectionPipeline({ 'audio-silence': { holdMs: 8_000 }, incidents: { idPrefix: 'x-' } });
    for (let t = 0; t < 7; t++) expect(p.health(sample(t, { audioPacketsPerSec: 0 }))).toEqual([]);
    expect(p.health(sample(8, { audioPacketsPerSec: 0 }))[0]).toMatchObject({
      type: 'incident-opened',
      incident: { id: 'x-1' },
    });
  });

  it('the fold is pure: stepping from a kept state twice gives the same result', () => {
    const cfg = resolveDetectionConfig();
    let s = initialPipelineState(cfg);
    for (let t = 0; t < 5; t++)
      s = stepPipeline(s, { type: 'health', sample: sample(t, { audioPacketsPerSec: 0 }) }, T0 + t * 1000, cfg).state;
    const snapshot = JSON.stringify(s);
    const a = stepPipeline(s, { type: 'chat', message: msg(6, 'a', 'no audio') }, T0 + 6000, cfg);
    const b = stepPipeline(s, { type: 'chat', message: msg(6, 'a', 'no audio') }, T0 + 6000, cfg);
    expect(JSON.stringify(s)).toBe(snapshot);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('a quiet second costs no effects', () => {
    const p = createDetectionPipeline();
    expect(p.health(sample(0))).toEqual([]);
    expect(p.chat(msg(0, 'a', 'hello from Rome'))).toEqual([]);
    expect(p.tick(T0 + 1000)).toEqual([]);
  });
});
