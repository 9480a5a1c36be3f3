import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JobName } from './jobs';
import { ON_JOB } from './on-job.decorator';
import type { RunningJob } from './running-job';

export type JobHandler = (payload: unknown, job: RunningJob) => Promise<void>;

/** Finds which handler serves which job; lists every job with none or with two. */
export function problemsOf(
  found: Map<JobName, string[]>,
  jobs: JobName[] = Object.values(JobName),
): string[] {
  const problems: string[] = [];
  for (const job of jobs) {
    const handlers = found.get(job) ?? [];
    if (handlers.length === 0) problems.push(`job "${job}" has no @OnJob handler`);
    if (handlers.length > 1)
      problems.push(`job "${job}" has ${handlers.length} handlers: ${handlers.join(', ')}`);
  }
  return problems;
}

@Injectable()
export class JobRegistryService {
  private readonly handlers = new Map<JobName, JobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /** Discovers the handlers; throws, listing every problem, unless each job has exactly one. */
  load(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const job = Reflect.getMetadata(ON_JOB, (prototype as Record<string, object>)[method]) as
          JobName | undefined;
        if (!job) continue;
        found.set(job, [...(found.get(job) ?? []), `${wrapper.metatype.name}.${method}`]);
        const handler = instance[method] as JobHandler;
        this.handlers.set(job, (payload, running) => handler.call(instance, payload, running));
      }
    }
    const problems = problemsOf(found);
    if (problems.length > 0) throw new Error(`Worker cannot start: ${problems.join('; ')}`);
  }

  handlerFor(job: string): JobHandler | undefined {
    return this.handlers.get(job as JobName);
  }
}
