import { useEffect, useId, useRef, useState } from 'react';
import { type AmbientSound, ambientSoundSupported, createAmbientSound } from '../../../session/ambientSound';

/** Soft ambient sound made on the phone: off until the person turns it on. */
export function AmbientSoundToggle() {
  const [playing, setPlaying] = useState(false);
  const [volume, setVolume] = useState(50);
  const [problem, setProblem] = useState<string | null>(null);
  const sound = useRef<AmbientSound | null>(null);
  const volumeId = useId();

  useEffect(() => () => sound.current?.close(), []);

  if (!ambientSoundSupported()) return null;

  async function toggle() {
    setProblem(null);
    if (playing) {
      sound.current?.stop();
      setPlaying(false);
      return;
    }
    try {
      sound.current ??= createAmbientSound(volume / 100);
      await sound.current.start();
      setPlaying(true);
    } catch {
      setProblem('Sound could not start on this phone. Your own music works just as well.');
    }
  }

  return (
    <section className="soft-card ambient" aria-labelledby={`${volumeId}-title`}>
      <h2 id={`${volumeId}-title`} className="ambient__title">
        Ambient sound
      </h2>
      <p className="muted">Soft, wave-like sound made on your phone. It stays off unless you turn it on.</p>
      <button
        type="button"
        className="button button-quiet button-session-secondary"
        onClick={() => void toggle()}
      >
        {playing ? 'Turn the sound off' : 'Turn the sound on'}
      </button>
      {playing ? (
        <div className="ambient__volume">
          <label htmlFor={volumeId}>Volume</label>
          <input
            id={volumeId}
            type="range"
            min={0}
            max={100}
            step={5}
            value={volume}
            onChange={(event) => {
              const next = Number(event.target.value);
              setVolume(next);
              sound.current?.setVolume(next / 100);
            }}
          />
        </div>
      ) : null}
      {problem ? <p role="status">{problem}</p> : null}
    </section>
  );
}
