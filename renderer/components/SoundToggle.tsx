/** The alarm sound's state, in the top bar: a browser mutes a page until it is clicked, and the producer must see that. */
import { useSyncExternalStore } from 'react';
import { useReportError } from '../hooks/useErrorNotices';
import { enableSound, onSoundStateChange, soundState } from './sound-cue';

export function SoundToggle() {
  const state = useSyncExternalStore(onSoundStateChange, soundState);
  const report = useReportError();
  if (state === 'on')
    return (
      <span className="sound sound-on" data-testid="sound-state" data-state="on">
        Sound on
      </span>
    );
  if (state === 'none')
    return (
      <span className="sound sound-off" data-testid="sound-state" data-state="none">
        No sound device: watch the banner
      </span>
    );
  return (
    <button
      className="sound sound-off"
      data-testid="sound-state"
      data-state="off"
      onClick={() => void enableSound().catch(report('Enabling the alarm sound'))}
    >
      Sound off — click to enable
    </button>
  );
}
