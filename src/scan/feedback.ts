// The "got it" of a scan: a short beep and a buzz, so the assistant can look at the bench, not the screen.

let audio: AudioContext | null = null;

/** Beeps and vibrates where the device can; silently does nothing where it cannot. */
export function signalScanHit(): void {
  if ('vibrate' in navigator) {
    try {
      navigator.vibrate(80);
    } catch {
      // Some browsers throw without a recent tap; the beep still says it.
    }
  }
  beep();
}

function beep(): void {
  if (!('AudioContext' in window)) return;
  try {
    // One context for the app's life: browsers limit how many may exist.
    audio ??= new AudioContext();
    // A context made before any tap starts suspended; a tap on Scan or a key of a scanner resumes it.
    if (audio.state === 'suspended') void audio.resume();
    const start = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'square';
    tone.frequency.value = 1760;
    gain.gain.setValueAtTime(0.12, start);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.09);
    tone.connect(gain).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.1);
  } catch {
    // No sound is no reason to miss the scan.
  }
}
