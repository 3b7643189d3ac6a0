/**
 * Audible cues for a control room where eyes are elsewhere: generated with WebAudio (no asset, no
 * network). Browsers block audio before the first user gesture; the visual banner always shows anyway, and
 * SoundToggle shows that the sound is off until one click enables it.
 */
let ctx: AudioContext | null = null;

/** The one audio context, made on first use; null where the browser has no WebAudio. */
function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    return ctx;
  } catch {
    return null;
  }
}

/** 'on': cues are heard; 'off': the browser holds audio until a user gesture; 'none': no audio here at all. */
export type SoundState = 'on' | 'off' | 'none';

export function soundState(): SoundState {
  const a = audio();
  return !a ? 'none' : a.state === 'running' ? 'on' : 'off';
}

/** Call from a click: the gesture is what lets the browser play. */
export function enableSound(): Promise<void> {
  return audio()?.resume() ?? Promise.resolve();
}

export function onSoundStateChange(cb: () => void): () => void {
  const a = audio();
  a?.addEventListener('statechange', cb);
  return () => a?.removeEventListener('statechange', cb);
}

export function playCue(kind: 'incident' | 'deadline'): void {
  const a = audio();
  if (!a) return; // no audio device: the banner is the cue
  const tones = kind === 'incident' ? [880, 660, 880] : [440, 440];
  tones.forEach((hz, i) => {
    const osc = a.createOscillator();
    const gain = a.createGain();
    const at = a.currentTime + i * 0.22;
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
    osc.connect(gain).connect(a.destination);
    osc.start(at);
    osc.stop(at + 0.2);
  });
}
