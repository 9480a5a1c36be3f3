import { resolve } from 'node:path';
import { parseInstant } from '../core/clock/clock';

/**
 * The process environment, typed and validated once at boot. Every bad or missing
 * variable is collected and reported together, so an operator fixes them in one pass.
 */

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** `json`: one pino JSON object a line, for log shippers; `pretty`: one line a record, for people. */
export type LogFormat = 'json' | 'pretty';

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolMax: number;
  redisUrl: string;
  /** Prefix of every Redis key this deployment writes (queues, idempotency, rate limits). */
  redisPrefix: string;
  jwt: {
    secret: string;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
  };
  refreshTokenTtlDays: number;
  activationCodeTtlHours: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  rateLimit: {
    /** Requests per minute of one account (a valid access token), on any replica. */
    perAccountPerMinute: number;
    /** Requests per minute of one client IP without a valid token: a coarse flood guard. */
    anonymousPerIpPerMinute: number;
  };
  /** How long one API process reuses an actor's scopes (their classes, children); 0: never. */
  scopeCacheSeconds: number;
  trustProxy: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat;
  workerConcurrency: number;
  /**
   * How long a worker's hold on a running job lasts without renewal: a worker killed mid-job
   * has its job taken over by another worker after about this long.
   */
  workerLockSeconds: number;
  /**
   * The worker process's scheduling priority (nice, 0–19): above 0 it yields the CPU to the
   * API on a shared host, so building reports does not slow the requests people wait for.
   */
  workerNice: number;
  /** Pins the application clock to this instant (demos, tests); null: the real time. */
  clockPinnedAt: string | null;
  backup: {
    /** Directories a backup is written to, one copy each: put them on different media. */
    directories: string[];
    /** Cron pattern of scheduled backups; the default runs at most 14 days apart. */
    schedule: string;
    /** Cron pattern of scheduled restore drills; empty for none. */
    drillSchedule: string;
    /** Backups kept on every medium; older ones are deleted. */
    keep: number;
    /** Health turns degraded when the last verified backup is older than this. */
    maxAgeHours: number;
    /** Directories of files the database refers to, archived with every backup, by kind. */
    fileDirectories: Record<string, string>;
  };
  reports: {
    /** Where report files are kept (one file per distinct report, shared by repeat requests). */
    directory: string;
    /** Days a report's file is kept after it was built; then the report is `expired`. */
    retentionDays: number;
    /** Report jobs of one school running at once, across all workers. */
    perSchoolLimit: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads variables and remembers every problem instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  secret(name: string, minLength: number): string {
    const value = this.string(name);
    if (value && value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
    }
    return value;
  }

  url(name: string, protocols: string[], fallback?: string): string {
    const value = this.string(name, fallback);
    if (!value) return value;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  list(name: string, fallback: string[]): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length === 0) this.problems.push(`${name} must list at least one item`);
    return items;
  }

  cron(name: string, fallback: string, optional = false): string {
    const value = this.raw(name) ?? fallback;
    if (optional && value === '') return value;
    if (!/^(\S+\s+){4}\S+$/.test(value)) {
      this.problems.push(
        `${name} must be a cron pattern with 5 fields, like "0 3 */14 * *" (got "${value}")`,
      );
    }
    return value;
  }

  /** An ISO 8601 instant with its offset, or null when unset. */
  instant(name: string): string | null {
    const raw = this.raw(name);
    if (raw === undefined) return null;
    try {
      parseInstant(raw);
    } catch (error) {
      this.problems.push(`${name}: ${(error as Error).message}`);
    }
    return raw;
  }

  origins(name: string): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return [];
    const origins = raw
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of origins) {
      let valid = false;
      try {
        const parsed = new URL(origin);
        valid = parsed.origin === origin;
      } catch {
        valid = false;
      }
      if (!valid)
        this.problems.push(
          `${name} contains "${origin}", which is not an origin like https://app.example.org`,
        );
    }
    return origins;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const config: AppConfig = {
    nodeEnv: read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development'),
    host: read.string('HOST', '0.0.0.0'),
    port: read.integer('PORT', 3000, 1, 65535),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolMax: read.integer('DATABASE_POOL_MAX', 10, 1, 200),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: read.string('REDIS_PREFIX', 'journal'),
    jwt: {
      secret: read.secret('JWT_SECRET', 32),
      issuer: read.string('JWT_ISSUER', 'school-journal'),
      audience: read.string('JWT_AUDIENCE', 'school-journal-api'),
      accessTokenTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 3600),
    },
    refreshTokenTtlDays: read.integer('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    activationCodeTtlHours: read.integer('ACTIVATION_CODE_TTL_HOURS', 72, 1, 24 * 30),
    corsOrigins: read.origins('CORS_ORIGINS'),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    rateLimit: {
      perAccountPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
      anonymousPerIpPerMinute: read.integer('ANONYMOUS_RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    },
    scopeCacheSeconds: read.integer('SCOPE_CACHE_SECONDS', 15, 0, 300),
    trustProxy: read.boolean('TRUST_PROXY', false),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    logFormat: read.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    workerConcurrency: read.integer('WORKER_CONCURRENCY', 4, 1, 64),
    workerLockSeconds: read.integer('WORKER_LOCK_SECONDS', 30, 2, 600),
    workerNice: read.integer('WORKER_NICE', 10, 0, 19),
    clockPinnedAt: null,
    backup: readBackupSettings(read),
    reports: {
      directory: readReportsDirectory(read),
      retentionDays: read.integer('REPORTS_RETENTION_DAYS', 7, 1, 3650),
      perSchoolLimit: read.integer('REPORTS_PER_SCHOOL', 2, 1, 64),
    },
  };
  config.clockPinnedAt = readClockPinnedAt(read, config.nodeEnv);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** A pinned clock is for demos and tests: production always runs on the real time. */
function readClockPinnedAt(read: EnvReader, nodeEnv: NodeEnv): string | null {
  const pinnedAt = read.instant('CLOCK_PINNED_AT');
  if (pinnedAt !== null && nodeEnv === 'production') {
    read.problems.push('CLOCK_PINNED_AT must not be set with NODE_ENV=production');
  }
  return pinnedAt;
}

/** What the CLI needs to build its clock (the commands that stamp times). */
export function loadClockSettings(env: Env = process.env): Pick<AppConfig, 'clockPinnedAt'> {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf(
    'NODE_ENV',
    ['development', 'test', 'production'] as const,
    'development',
  );
  const settings = { clockPinnedAt: readClockPinnedAt(read, nodeEnv) };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return settings;
}

/** Where report files are kept: the reports read it, and the backups archive it. */
function readReportsDirectory(read: EnvReader): string {
  return resolve(read.string('REPORTS_DIR', '.data/reports'));
}

function readBackupSettings(read: EnvReader): AppConfig['backup'] {
  const directories = read.list('BACKUP_DIRS', [
    '.data/backups/primary',
    '.data/backups/secondary',
  ]);
  if (new Set(directories.map((directory) => resolve(directory))).size < 2) {
    read.problems.push('BACKUP_DIRS must name at least two different directories (several media)');
  }
  return {
    directories,
    schedule: read.cron('BACKUP_SCHEDULE', '0 3 */14 * *'),
    drillSchedule: read.cron('BACKUP_DRILL_SCHEDULE', '', true),
    keep: read.integer('BACKUP_KEEP', 6, 1, 1000),
    maxAgeHours: read.integer('BACKUP_MAX_AGE_HOURS', 15 * 24, 1, 24 * 365),
    fileDirectories: { reports: readReportsDirectory(read) },
  };
}

/** What the backup commands of the CLI need: the database and the backup settings. */
export function loadBackupSettings(
  env: Env = process.env,
): Pick<AppConfig, 'databaseUrl' | 'databasePoolMax' | 'backup'> {
  const read = new EnvReader(env);
  const settings = {
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolMax: read.integer('DATABASE_POOL_MAX', 2, 1, 200),
    backup: readBackupSettings(read),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return settings;
}

/** Just what database commands (migrate, seed) need, validated the same way. */
export function loadDatabaseSettings(
  env: Env = process.env,
): Pick<AppConfig, 'databaseUrl' | 'databasePoolMax'> {
  const read = new EnvReader(env);
  const settings = {
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolMax: read.integer('DATABASE_POOL_MAX', 2, 1, 200),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return settings;
}
