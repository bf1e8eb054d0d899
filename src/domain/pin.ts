// Staff PINs: checked for shape, stored only as a salted PBKDF2 hash (WebCrypto, browser and Node).
//
// A 4-digit PIN has 10,000 values, so no hash keeps it from someone holding the database: the PIN
// says *who* is at the bench for the audit trail, it is not what keeps outsiders out (pairing and
// the server's tokens do that). The salt and iterations keep the digits themselves off the tablet.

export const PIN_LENGTH = 4;
const ITERATIONS = 50_000;

export interface PinHash {
  salt: string;
  hash: string;
  iterations: number;
}

export type PinCheck = { ok: true } | { ok: false; message: string };

export function checkPinShape(pin: string): PinCheck {
  if (!/^\d*$/.test(pin)) return { ok: false, message: 'A PIN is digits only.' };
  if (pin.length !== PIN_LENGTH) return { ok: false, message: `A PIN has ${PIN_LENGTH} digits.` };
  return { ok: true };
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return hex(new Uint8Array(bits));
}

export async function hashPin(pin: string): Promise<PinHash> {
  const check = checkPinShape(pin);
  if (!check.ok) throw new Error(check.message);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: hex(salt), hash: await derive(pin, salt, ITERATIONS), iterations: ITERATIONS };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!checkPinShape(pin).ok) return false;
  const candidate = await derive(pin, fromHex(stored.salt), stored.iterations);
  // Compare every character, so the time taken does not hint at how much matched.
  let diff = candidate.length ^ stored.hash.length;
  for (let i = 0; i < candidate.length; i++) {
    diff |= candidate.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  }
  return diff === 0;
}
