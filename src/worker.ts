import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createLogger, NestPinoLogger } from './core/logging/logger';
import { startWorker } from './core/queue/start-worker';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await startWorker(
    WorkerModule.forRoot(config),
    new NestPinoLogger(createLogger(config, 'worker')),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
