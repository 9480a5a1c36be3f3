import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('configuration at boot', () => {
  it.each(['main.js', 'worker.js'])(
    'dist/%s exits non-zero listing every bad variable',
    (entry) => {
      const script = join(root, 'dist', entry);
      if (!existsSync(script))
        throw new Error(`${script} is missing: run "npm run build" first (make test does)`);
      const result = spawnSync(process.execPath, [script], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: 'not a url',
          JWT_SECRET: 'short',
          PORT: 'abc',
        },
        encoding: 'utf8',
        timeout: 20000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Invalid configuration (4 problems)');
      for (const variable of [
        'DATABASE_URL is not a valid URL',
        'REDIS_URL is required',
        'JWT_SECRET must be at least 32',
        'PORT must be an integer',
      ]) {
        expect(result.stderr).toContain(variable);
      }
    },
  );
});
