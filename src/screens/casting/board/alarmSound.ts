// The kiln alarm's beep, made with Web Audio (no sound file to cache), and the other ways it rings.
//
// Browsers start audio only after a person has touched the page. The board calls unlockAlarmSound from
// its first touch (and from "Got it" and "Allow notifications"), which makes and wakes the one
// AudioContext; later beeps play on it without a touch. Every call is feature-detected and its
// failures ignored: a tablet that cannot beep still shows the banner, which is the alarm that counts.

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContextClass(): AudioContextClass | null {
  if (typeof window === 'undefined') return null;
  // Both may be missing (jsdom, old browsers): typed as optional so the checks are real.
  const w = window as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

function sharedContext(): AudioContext | null {
  if (context) return context;
  const Class = audioContextClass();
  if (!Class) return null;
  try {
    context = new Class();
  } catch {
    return null;
  }
  return context;
}

/** From a touch or click: makes the context and plays a silent note, so iPad Safari lets it sound later. */
export function unlockAlarmSound(): void {
  try {
    const fresh = context === null;
    const ctx = sharedContext();
    if (!ctx) return;
    // Every touch calls this: once the context runs, there is nothing more to do.
    if (!fresh && ctx.state === 'running') return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const gain = ctx.createGain();
    gain.gain.value = 0;
    const osc = ctx.createOscillator();
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.01);
  } catch {
    // No sound on this tablet: the banner still shows.
  }
}

/** Three loud short beeps at 880 Hz: a kiln room is noisy and the caster may be across it. */
export function playAlarmBeep(): void {
  try {
    const ctx = sharedContext();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.05;
    for (let i = 0; i < 3; i += 1) {
      const at = start + i * 0.35;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = 880;
      // A short ramp in and out: a hard edge clicks and some speakers drop it.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.6, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.25);
    }
  } catch {
    // Ignored: see above.
  }
}

/** Buzzes a phone-sized tablet that has a motor; most iPads have none and skip it. */
export function vibrateForAlarm(): void {
  try {
    if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') {
      navigator.vibrate([400, 200, 400, 200, 400]);
    }
  } catch {
    // Ignored.
  }
}

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

/** Asked only when the caster taps "Allow notifications": never on load (browsers also forbid it). */
export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

/**
 * A system notification, so the alarm shows when Loupe is behind another app. Through the service
 * worker when one controls the page (Android Chrome refuses `new Notification` there), else directly.
 * `tag` makes a repeat of the same alarm replace the earlier notification instead of piling up.
 */
export function notifyAlarm(title: string, body: string, tag: string): void {
  if (notificationPermission() !== 'granted') return;
  const options: NotificationOptions = { body, tag, requireInteraction: true };
  try {
    const sw = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
    if (sw?.controller) {
      void sw.ready.then((reg) => reg.showNotification(title, options)).catch(() => undefined);
      return;
    }
    new Notification(title, options);
  } catch {
    // Ignored: the banner and the beep still ring.
  }
}
