import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs';

export const ON_JOB = Symbol('onJob');

/** Marks a provider method as the handler of a job. Each job has exactly one handler. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);
