import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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

const sealingKey = (material: string) => createHash('sha256').update(`idempotency-seal:${material}`).digest();

/**
 * A secret sealed (AES-256-GCM) under a key derived from `material`, which the database does not
 * hold: a replayed createApiKey can show its secret again, a reader of the table cannot.
 */
export function sealSecret(secret: string, material: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(material), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The secret `sealSecret` sealed under the same material. */
export function openSealedSecret(sealed: string, material: string): string {
  const [iv, tag, text] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(material), iv as Buffer);
  decipher.setAuthTag(tag as Buffer);
  return Buffer.concat([decipher.update(text as Buffer), decipher.final()]).toString('utf8');
}
