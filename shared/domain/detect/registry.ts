/**
 * Every detector Onair runs, in the order the pipeline runs them on an input (which is the order their
 * reports reach the incident engine). A new detector is its own module plus one line here: its name,
 * thresholds and state flow from this list into the pipeline's config and state, into `DetectorName`
 * (findings, evidence, incidents) and into the recorded-event schema, so the compiler checks it everywhere.
 */
import { audioClippingDetector } from './audio-clipping';
import { audioSilenceDetector } from './audio-silence';
import { chatComplaintsDetector } from './chat-complaints';
import { chatFloodDetector } from './chat-flood';
import { encoderStrainDetector } from './encoder-strain';
import { inputSilenceDetector } from './input-silence';
import { pictureFaultDetector } from './picture-fault';
import { platformHealthDetector } from './platform-health';
import { sourceQuietDetector } from './source-quiet';
import { streamOfflineDetector } from './stream-offline';
import { streamReconnectingDetector } from './stream-reconnecting';
import { talkingWhileMutedDetector } from './talking-while-muted';
import { videoDegradedDetector } from './video-degraded';
import { videoFrozenDetector } from './video-frozen';

export const DETECTORS = [
  audioSilenceDetector,
  audioClippingDetector,
  inputSilenceDetector,
  talkingWhileMutedDetector,
  videoFrozenDetector,
  videoDegradedDetector,
  pictureFaultDetector,
  encoderStrainDetector,
  streamOfflineDetector,
  streamReconnectingDetector,
  platformHealthDetector,
  sourceQuietDetector,
  chatComplaintsDetector,
  chatFloodDetector,
] as const;

type RegisteredDetector = (typeof DETECTORS)[number];
export type DetectorName = RegisteredDetector['name'];
type Named<N extends DetectorName> = Extract<RegisteredDetector, { readonly name: N }>;

/** Each detector's thresholds, under its name. */
export type DetectorConfigs = { [N in DetectorName]: Named<N>['defaults'] };
/** Each detector's fold state, under its name. */
export type DetectorStates = { readonly [N in DetectorName]: Named<N>['initial'] };

export const DETECTOR_NAMES = DETECTORS.map((d) => d.name) as [DetectorName, ...DetectorName[]];
