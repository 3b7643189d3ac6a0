import { describe, expect, it } from 'vitest';
import type { Stats, StreamStatus } from './obs-payloads';
import { streamHealth } from './stream-health';

const status = (s: Partial<StreamStatus> = {}): StreamStatus => ({
  outputActive: false,
  outputReconnecting: false,
  outputCongestion: 0,
  outputBytes: 0,
  outputSkippedFrames: 0,
  ...s,
});
const stats = (s: Partial<Stats> = {}): Stats => ({
  activeFps: 30,
  renderSkippedFrames: 0,
  outputSkippedFrames: 0,
  ...s,
});
const live = (bytes: number, dropped = 0) =>
  status({ outputActive: true, outputBytes: bytes, outputSkippedFrames: dropped });

describe("OBS's stream as sample fields", () => {
  it('says nothing of the stream while it has not been active (OBS as a virtual camera only)', () => {
    const h = streamHealth();
    h.polled(h.pollSent(), status(), stats(), 0);
    h.polled(h.pollSent(), status(), stats({ renderSkippedFrames: 2 }), 1000);
    expect(h.take()).toEqual({ skippedFrames: 2, videoFps: 30 });
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_STOPPED')).toBe(false);
    expect(h.take().streamState).toBeUndefined();
  });

  it('follows the events once the stream started: reconnecting, reconnected, stopped', () => {
    const h = streamHealth();
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_STARTING')).toBe(false);
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_STARTED')).toBe(true);
    expect(h.take()).toEqual({ streamState: 'online' });
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_RECONNECTING')).toBe(true);
    expect(h.take().streamState).toBe('reconnecting');
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_RECONNECTING')).toBe(false);
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_RECONNECTED')).toBe(true);
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_STOPPING')).toBe(false);
    expect(h.stateChanged('constructor')).toBe(false); // an unknown state, whatever its name
    expect(h.take().streamState).toBe('online');
    expect(h.stateChanged('OBS_WEBSOCKET_OUTPUT_STOPPED')).toBe(true);
    expect(h.take().streamState).toBe('offline');
  });

  it('learns from the poll that OBS was already streaming, and that it is reconnecting', () => {
    const h = streamHealth();
    h.polled(h.pollSent(), live(1000), stats(), 0);
    expect(h.take()).toMatchObject({ streamState: 'online', congestion: 0, videoFps: 30 });
    h.polled(h.pollSent(), status({ outputActive: true, outputReconnecting: true }), stats(), 1000);
    expect(h.take().streamState).toBe('reconnecting');
  });

  it('lets no poll sent before an event overwrite the state the event brought', () => {
    const h = streamHealth();
    h.stateChanged('OBS_WEBSOCKET_OUTPUT_STARTED');
    const token = h.pollSent();
    h.stateChanged('OBS_WEBSOCKET_OUTPUT_RECONNECTING');
    h.polled(token, live(1000), stats(), 0);
    expect(h.take().streamState).toBe('reconnecting');
  });

  it('turns the byte counter into kbps and counts dropped and skipped frames once, since the last take', () => {
    const h = streamHealth();
    h.polled(h.pollSent(), live(0, 5), stats({ renderSkippedFrames: 10, outputSkippedFrames: 1 }), 0);
    expect(h.take()).not.toHaveProperty('droppedFrames');
    h.polled(h.pollSent(), live(312_500, 8), stats({ renderSkippedFrames: 12, outputSkippedFrames: 2 }), 1000);
    expect(h.take()).toEqual({
      streamState: 'online',
      congestion: 0,
      bitrateKbps: 2500,
      droppedFrames: 3,
      skippedFrames: 3,
      videoFps: 30,
    });
    expect(h.take()).toMatchObject({ bitrateKbps: 2500, droppedFrames: 0, skippedFrames: 0 });
  });

  it('reads a counter that went down as restarted (OBS reconnected its stream)', () => {
    const h = streamHealth();
    h.polled(h.pollSent(), live(800_000, 40), stats(), 0);
    h.polled(h.pollSent(), live(125_000, 2), stats(), 1000);
    expect(h.take()).toMatchObject({ bitrateKbps: 1000, droppedFrames: 2 });
  });

  it('caps congestion at 1', () => {
    const h = streamHealth();
    h.polled(h.pollSent(), status({ outputActive: true, outputCongestion: 1.2 }), stats(), 0);
    expect(h.take().congestion).toBe(1);
  });
});
