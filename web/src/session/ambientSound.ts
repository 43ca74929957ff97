/**
 * Ambient sound made in the browser with the Web Audio API (no media files): brown noise
 * through a soft low-pass filter, swelling slowly like distant waves. Created only after the
 * person turns it on (browsers allow sound only after a tap), faded in and out gently.
 */

export interface AmbientSound {
  start(): Promise<void>;
  stop(): void;
  /** 0 to 1. */
  setVolume(volume: number): void;
  close(): void;
}

const NOISE_SECONDS = 8;
const FADE_IN_SECONDS = 3;
const FADE_OUT_SECONDS = 1.5;

type AudioContextConstructor = typeof AudioContext;

function audioContextClass(): AudioContextConstructor | null {
  if (typeof window === 'undefined') return null;
  const withPrefix = window as unknown as { webkitAudioContext?: AudioContextConstructor };
  return window.AudioContext ?? withPrefix.webkitAudioContext ?? null;
}

export function ambientSoundSupported(): boolean {
  return audioContextClass() !== null;
}

function brownNoise(context: AudioContext): AudioBuffer {
  const length = Math.floor(context.sampleRate * NOISE_SECONDS);
  const buffer = context.createBuffer(2, length, context.sampleRate);
  for (let channel = 0; channel < buffer.numberOfChannels; channel += 1) {
    const data = buffer.getChannelData(channel);
    let last = 0;
    for (let i = 0; i < length; i += 1) {
      const white = Math.random() * 2 - 1;
      last = (last + 0.02 * white) / 1.02;
      data[i] = last * 3.5;
    }
    // Ease the loop's seam so it never clicks.
    const edge = Math.floor(context.sampleRate * 0.05);
    for (let i = 0; i < edge; i += 1) {
      const t = i / edge;
      data[i] = (data[i] ?? 0) * t;
      data[length - 1 - i] = (data[length - 1 - i] ?? 0) * t;
    }
  }
  return buffer;
}

export function createAmbientSound(initialVolume = 0.5): AmbientSound {
  let context: AudioContext | null = null;
  let source: AudioBufferSourceNode | null = null;
  let swell: OscillatorNode | null = null;
  let master: GainNode | null = null;
  let volume = initialVolume;
  const level = () => 0.05 + volume * 0.35;

  return {
    async start() {
      const Context = audioContextClass();
      if (!Context) throw new Error('This browser cannot make sound here.');
      context ??= new Context();
      if (context.state === 'suspended') await context.resume();
      if (source) return;
      const now = context.currentTime;

      const filter = context.createBiquadFilter();
      filter.type = 'lowpass';
      filter.frequency.value = 420;
      filter.Q.value = 0.3;

      const waves = context.createGain();
      waves.gain.value = 0.75;
      // A slow swell, about one wave every 12 seconds.
      swell = context.createOscillator();
      swell.frequency.value = 1 / 12;
      const swellDepth = context.createGain();
      swellDepth.gain.value = 0.25;
      swell.connect(swellDepth).connect(waves.gain);

      master = context.createGain();
      master.gain.setValueAtTime(0, now);
      master.gain.linearRampToValueAtTime(level(), now + FADE_IN_SECONDS);

      source = context.createBufferSource();
      source.buffer = brownNoise(context);
      source.loop = true;
      source.connect(filter).connect(waves).connect(master).connect(context.destination);
      source.start();
      swell.start();
    },
    stop() {
      if (!context || !source || !master) return;
      const now = context.currentTime;
      master.gain.cancelScheduledValues(now);
      master.gain.setValueAtTime(master.gain.value, now);
      master.gain.linearRampToValueAtTime(0, now + FADE_OUT_SECONDS);
      source.stop(now + FADE_OUT_SECONDS);
      swell?.stop(now + FADE_OUT_SECONDS);
      source = null;
      swell = null;
      master = null;
    },
    setVolume(next) {
      volume = Math.min(1, Math.max(0, next));
      if (context && master) master.gain.setTargetAtTime(level(), context.currentTime, 0.3);
    },
    close() {
      this.stop();
      const closing = context;
      context = null;
      if (closing)
        window.setTimeout(() => void closing.close().catch(() => undefined), FADE_OUT_SECONDS * 1000);
    },
  };
}
