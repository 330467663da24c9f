import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens mailed to people (email verification, invitations): 32 random bytes, base64url in the link, and only
 * their SHA-256 in the database — a leaked table cannot be replayed as links.
 */
export function newMailToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashMailToken(token) };
}

export function hashMailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
