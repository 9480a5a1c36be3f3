import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import type { Role } from '../src/core/auth/roles';
import { TokenService } from '../src/core/auth/token.service';
import { SystemClock } from '../src/core/clock/clock';
import type { Bearer } from './scenarios';
import { API_PORT, BENCH_DATABASE_URL, BENCH_REDIS_URL, POOL_SIZE } from './settings';
import type { World } from './world';

/**
 * The API under test: production settings, quotas no run reaches, a random JWT secret, its
 * own Redis prefix; backups and report files in a temporary directory. The worker, started
 * only for the report targets, gets the same.
 */
export function apiEnvironment(scratchDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(API_PORT),
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_POOL_MAX: String(POOL_SIZE),
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_PREFIX: 'bench',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    BACKUP_DIRS: `${join(scratchDir, 'a')},${join(scratchDir, 'b')}`,
    REPORTS_DIR: join(scratchDir, 'reports'),
  };
}

/** Signs access tokens the API started with `env` accepts, one role in the bench school. */
export function bearerFor(env: NodeJS.ProcessEnv, world: World): Bearer {
  const tokens = new TokenService(loadConfig(env), new SystemClock());
  return (accountId: string, role: Role) => ({
    authorization: `Bearer ${tokens.signAccessToken({
      accountId,
      isPlatformOperator: false,
      grants: [{ role, schoolId: world.schoolId, regionId: world.regionId }],
    })}`,
  });
}

/** The baseline's environment: only what it reads. */
export function baselineEnvironment(port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    BENCH_DATABASE_URL,
    BENCH_BASELINE_PORT: String(port),
    BENCH_POOL_SIZE: String(POOL_SIZE),
  };
}
