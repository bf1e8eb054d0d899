// The server's secrets: bearer tokens and pairing codes are random, and only their hashes are kept.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '../../protocol/sync';

/** 32 random bytes, base64url: 43 characters a tablet sends as `Authorization: Bearer …`. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * SHA-256, hex. A fast hash is enough: a token has 256 random bits, and a pairing code lives ten
 * minutes. Someone who reads the SQLite file learns no token that would let them in.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The server's id of a paired tablet: 8 random bytes as hex, short enough to type for unpair. */
export function newDeviceId(): string {
  return randomBytes(8).toString('hex');
}

/** 8 characters from the unambiguous alphabet, each uniformly random (randomInt does not skew). */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) {
    code += PAIRING_CODE_ALPHABET.charAt(randomInt(PAIRING_CODE_ALPHABET.length));
  }
  return code;
}
