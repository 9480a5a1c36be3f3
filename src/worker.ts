import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from './config/config';
import { createLogger, NestPinoLogger } from './core/logging/logger';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new NestPinoLogger(createLogger(config, 'worker')),
    abortOnError: false,
  });
  // SIGTERM/SIGINT close the app: the worker stops taking jobs and lets running ones finish.
  app.enableShutdownHooks();
  await app.init();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
