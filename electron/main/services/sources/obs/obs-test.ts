/**
 * "Test connection" for OBS in the source settings: one connect, what is there (version, scenes, the inputs
 * that carry audio, for the producer to mark as the program's), disconnect. Never throws.
 */
import OBSWebSocket from 'obs-websocket-js';
import { countOf, describeConnectError, noAnswer, obsDetail } from './obs-errors';
import { inputListSchema, readAnswer, sceneListSchema, versionSchema } from './obs-payloads';

type ObsTestResult =
  { ok: true; detail: string; audioInputs: string[]; scenes: string[] } | { ok: false; detail: string };

const TIMEOUT_MS = 5000;
/** A hung OBS would hold a close for ws's 30 s. */
const CLOSE_WAIT_MS = 1000;

class NoAnswer extends Error {}

const sleep = (ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return { promise, cancel: () => clearTimeout(timer) };
};

async function inspect(obs: OBSWebSocket, url: string, password: string | undefined) {
  await obs.connect(url, password);
  const version = readAnswer(versionSchema, await obs.call('GetVersion'), 'GetVersion');
  const scenes = readAnswer(sceneListSchema, await obs.call('GetSceneList'), 'GetSceneList').scenes.map(
    (s) => s.sceneName,
  );
  const names = readAnswer(inputListSchema, await obs.call('GetInputList'), 'GetInputList').inputs.map(
    (i) => i.inputName,
  );
  // Only an input with audio has a volume: for the others obs-websocket answers "does not support audio".
  const volumes = await Promise.allSettled(names.map((inputName) => obs.call('GetInputVolume', { inputName })));
  const audioInputs = names.filter((_, i) => volumes[i]?.status === 'fulfilled');
  const detail = `${obsDetail(version, scenes.length)}, ${countOf(audioInputs.length, 'audio input')}`;
  return { ok: true as const, detail, audioInputs, scenes };
}

export async function testObs(o: { host: string; port: number; password?: string }): Promise<ObsTestResult> {
  const url = `ws://${o.host}:${o.port}`;
  const obs = new OBSWebSocket();
  const timeout = sleep(TIMEOUT_MS);
  try {
    const noAnswerInTime = timeout.promise.then((): never => {
      throw new NoAnswer();
    });
    return await Promise.race([inspect(obs, url, o.password), noAnswerInTime]);
  } catch (err) {
    return {
      ok: false,
      detail: err instanceof NoAnswer ? noAnswer(url, TIMEOUT_MS) : describeConnectError(err, url, !!o.password),
    };
  } finally {
    timeout.cancel();
    const wait = sleep(CLOSE_WAIT_MS);
    await Promise.race([obs.disconnect().catch(() => undefined), wait.promise]);
    wait.cancel();
  }
}
