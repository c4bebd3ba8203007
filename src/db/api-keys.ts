import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-256 suits API keys: they are long random strings, so no slow hash is needed against guessing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(secret: string, expectedHash: string): boolean {
  return timingSafeEqual(Buffer.from(hashSecret(secret), 'hex'), Buffer.from(expectedHash, 'hex'));
}

/** A new secret: 256 random bits, prefixed so that a leaked one is easy to recognise. */
export function newSecret(): string {
  return `cek_${randomBytes(32).toString('base64url')}`;
}
