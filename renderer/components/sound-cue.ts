/**
 * Audible cues for a control room where eyes are elsewhere: generated with WebAudio (no asset, no
 * network). Browsers block audio before the first user gesture; the visual banner always shows anyway.
 */
let ctx: AudioContext | null = null;

export function playCue(kind: 'incident' | 'deadline'): void {
  try {
    ctx ??= new AudioContext();
    const tones = kind === 'incident' ? [880, 660, 880] : [440, 440];
    tones.forEach((hz, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      const at = ctx!.currentTime + i * 0.22;
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    });
  } catch {
    // no audio device: the banner is the cue
  }
}
