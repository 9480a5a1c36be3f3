import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistryService } from './job-registry.service';
import { QueueService } from './queue.service';
import { WorkerService } from './worker.service';

/** Producing jobs: available to every module of the API and the worker. */
@Global()
@Module({ providers: [QueueService], exports: [QueueService] })
export class QueueModule {}

/** Consuming jobs: only the worker process imports this. */
@Module({ imports: [DiscoveryModule], providers: [JobRegistryService, WorkerService] })
export class WorkerRuntimeModule {}
