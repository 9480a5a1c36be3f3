import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LauncherError } from './errors';

/**
 * Returns the secret kept in `file`, creating it (owner-only, mode 600) on first use.
 * Keeping it means issued tokens and the local database password survive restarts.
 * The secret is base64url: safe in URLs and password files without escaping.
 */
export function readOrCreateSecret(file: string, minLength = 32): string {
  const existing = readIfExists(file);
  if (existing !== undefined) {
    if (existing.length < minLength) {
      throw new LauncherError(
        `${file} holds a secret shorter than ${minLength} characters; delete it to get a new one`,
      );
    }
    return existing;
  }
  const secret = randomBytes(48).toString('base64url'); // 64 characters
  mkdirSync(dirname(file), { recursive: true });
  // 'wx' fails instead of overwriting if another launcher created it in the meantime.
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
