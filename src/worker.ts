import 'reflect-metadata';
import { setPriority } from 'node:os';
import { ConfigError, loadConfig } from './config/config';
import { createLogger, NestPinoLogger } from './core/logging/logger';
import { startWorker } from './core/queue/start-worker';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  // Reports are CPU work; the API's requests are what people wait for (WORKER_NICE).
  setPriority(config.workerNice);
  await startWorker(
    WorkerModule.forRoot(config),
    new NestPinoLogger(createLogger(config, 'worker')),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
