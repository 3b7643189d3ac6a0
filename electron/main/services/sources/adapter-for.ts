/** From the producer's settings to a running adapter, and to the Test button's one-shot check. */
import type { Clock } from '../../../../shared/clock';
import type { SignalSourceSettings, SourceTestResult } from '../../../../shared/sources';
import type { SourceAdapter } from '../ingest/source-adapter';
import { obsSource } from './obs/obs-source';
import { testObs } from './obs/obs-test';
import { probeSource, testProbe } from './probe/probe-source';

export function signalAdapterFor(
  s: SignalSourceSettings,
  d: { clock: Clock; log?: (line: string) => void },
): SourceAdapter {
  return s.kind === 'obs'
    ? obsSource({ host: s.host, port: s.port, password: s.password, inputs: s.inputs, clock: d.clock, log: d.log })
    : probeSource({ input: s.input, listen: s.listen, clock: d.clock, log: d.log });
}

export const testSignalSource = (s: SignalSourceSettings): Promise<SourceTestResult> =>
  s.kind === 'obs'
    ? testObs({ host: s.host, port: s.port, password: s.password })
    : testProbe({ input: s.input, listen: s.listen });
