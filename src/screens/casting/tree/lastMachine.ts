// The casting machine last used on this tablet, offered again: a room has one or two machines.
//
// Kept in localStorage, not in the record: it is a convenience of this tablet, and the cast
// event itself names the machine each time.

/** Changing this key only forgets the last machine once. */
const LAST_MACHINE_KEY = 'loupe.casting.lastMachine';

export function lastMachine(): string {
  try {
    return localStorage.getItem(LAST_MACHINE_KEY) ?? '';
  } catch {
    // Storage refused (private mode, quota): the field starts empty.
    return '';
  }
}

export function rememberMachine(machine: string): void {
  try {
    localStorage.setItem(LAST_MACHINE_KEY, machine.trim());
  } catch {
    // Nothing lost but the convenience.
  }
}
