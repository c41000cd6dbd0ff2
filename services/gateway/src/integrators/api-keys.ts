import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys look like `ck_<keyId>_<secret>`. The key ID finds the row; the 256-bit secret is compared by SHA-256
 * hash (a slow password hash adds nothing for a random secret of this size and would cost every request).
 */
export interface IssuedKey {
  keyId: string;
  apiKey: string;
  secretHash: string;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function issueKey(): IssuedKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, apiKey: `ck_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseKey(apiKey: string): { keyId: string; secret: string } | null {
  const m = /^ck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(apiKey);
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
