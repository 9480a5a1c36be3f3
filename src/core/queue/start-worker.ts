import type { DynamicModule, INestApplicationContext, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerService } from './worker.service';

/**
 * Builds the worker, then starts consuming — explicitly, not from a lifecycle hook: if the
 * start fails (a job without a handler, or with two) the app is fully built and can be
 * closed, so no database or Redis connection is left behind.
 */
export async function startWorker(
  module: Type | DynamicModule,
  logger: LoggerService | false,
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, { logger, abortOnError: false });
  // SIGTERM/SIGINT close the app: the worker stops taking jobs and lets running ones finish.
  app.enableShutdownHooks();
  try {
    await app.get(WorkerService).start();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
