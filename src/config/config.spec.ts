import { ConfigError, loadConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://app@db:5432/journal',
  REDIS_URL: 'redis://cache:6379',
  JWT_SECRET: 'a'.repeat(32),
};

describe('loadConfig', () => {
  it('reads a minimal valid environment with defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: valid.DATABASE_URL,
      corsOrigins: [],
      jwt: { accessTokenTtlSeconds: 900, issuer: 'school-journal' },
      logFormat: 'json',
    });
  });

  it('reads LOG_FORMAT: json or pretty', () => {
    expect(loadConfig({ ...valid, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ ...valid, LOG_FORMAT: 'text' })).toThrow(
      'LOG_FORMAT must be one of json, pretty (got "text")',
    );
  });

  it('lists every bad or missing variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://nope',
        JWT_SECRET: 'short',
        PORT: '70000',
        TRUST_PROXY: 'maybe',
        CORS_ORIGINS: 'https://ok.example.org, not an origin',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer between 1 and 65535 (got "70000")',
      'DATABASE_URL must use postgres: or postgresql: (got "mysql:")',
      'REDIS_URL is required',
      'JWT_SECRET must be at least 32 characters long',
      'CORS_ORIGINS contains "not an origin", which is not an origin like https://app.example.org',
      'TRUST_PROXY must be true or false (got "maybe")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration \(7 problems\)/);
  });
});
