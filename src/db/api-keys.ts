import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** SHA-256 suits API keys: they are long random strings, so no slow hash is needed against guessing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether two secrets' hashes are equal, compared in constant time. */
export function sameHash(hash: string, expectedHash: string): boolean {
  return timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(expectedHash, 'hex'));
}

/** A new secret: 256 random bits, prefixed so that a leaked one is easy to recognise. */
export function newSecret(): string {
  return `cek_${randomBytes(32).toString('base64url')}`;
}

/** What a secret is sealed under: a credential the database does not hold, and what it is kept for. */
export interface SealingMaterial {
  /** The key the request authenticated with: the database keeps at most its hash. */
  credential: string;
  /** What the sealed secret belongs to (its owner and idempotency key), so one seal opens nothing else. */
  context: string;
}

/**
 * HMAC-SHA256 keyed by the credential: the context alone (an idempotency key may be one character)
 * could be guessed offline by a reader of the database; the credential cannot.
 */
const sealingKey = ({ credential, context }: SealingMaterial) =>
  createHmac('sha256', credential).update(`idempotency-seal:${context}`).digest();

/**
 * A secret sealed (AES-256-GCM) under a key derived from `material`, which the database does not
 * hold: a replayed createApiKey can show its secret again, a reader of the table cannot.
 */
export function sealSecret(secret: string, material: SealingMaterial): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(material), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The secret `sealSecret` sealed under the same material; null under any other. */
export function openSealedSecret(sealed: string, material: SealingMaterial): string | null {
  const [iv, tag, text] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(material), iv as Buffer);
  decipher.setAuthTag(tag as Buffer);
  try {
    return Buffer.concat([decipher.update(text as Buffer), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
