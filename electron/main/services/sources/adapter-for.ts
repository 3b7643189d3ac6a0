/** From the producer's settings to a running adapter, and to the Test button's one-shot check. */
import type { Clock } from '../../../../shared/clock';
import type { SourceTestResult } from '../../../../shared/sources';
import type { PlatformQuotaRepo } from '../db/platform-quota-repo';
import type { SourceAdapter } from '../ingest/source-adapter';
import { obsSource } from './obs/obs-source';
import { testObs } from './obs/obs-test';
import { probeSource, testProbe } from './probe/probe-source';
import type { SourceSettings } from './source-settings';
import { createQuotaLedger } from './youtube/quota-ledger';
import { testYoutube } from './youtube/youtube-test';
import { DEFAULT_HEALTH_EVERY_MS, youtubeSource } from './youtube/youtube-source';
import { testZoom, zoomSource } from './zoom/zoom-source';

export interface AdapterDeps {
  clock: Clock;
  quota: PlatformQuotaRepo;
  log?: (line: string) => void;
}

export function signalAdapterFor(s: SourceSettings, d: AdapterDeps): SourceAdapter {
  switch (s.kind) {
    case 'obs':
      return obsSource({
        host: s.host,
        port: s.port,
        password: s.password,
        inputs: s.inputs,
        clock: d.clock,
        log: d.log,
      });
    case 'probe':
      return probeSource({ input: s.input, listen: s.listen, clock: d.clock, log: d.log });
    case 'zoom':
      return zoomSource({ ...withoutKind(s), clock: d.clock, log: d.log });
    case 'youtube': {
      const ledger = createQuotaLedger({
        repo: d.quota,
        project: s.clientId,
        dailyLimit: s.dailyQuota,
        watchHours: s.watchHours,
        healthEveryMs: DEFAULT_HEALTH_EVERY_MS,
        clock: d.clock,
      });
      return youtubeSource({ settings: s, ledger, clock: d.clock, log: d.log });
    }
  }
}

function withoutKind<T extends { kind: string }>(s: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = s;
  return rest;
}

export function testSignalSource(s: SourceSettings): Promise<SourceTestResult> {
  switch (s.kind) {
    case 'obs':
      return testObs({ host: s.host, port: s.port, password: s.password });
    case 'probe':
      return testProbe({ input: s.input, listen: s.listen });
    case 'zoom':
      return testZoom(withoutKind(s));
    case 'youtube':
      return testYoutube(s);
  }
}
