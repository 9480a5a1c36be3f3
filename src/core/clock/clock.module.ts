import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, createClock } from './clock';
import { SchoolTodayService } from './school-today.service';

/** Provides the clock (system, or pinned by `CLOCK_PINNED_AT`) to every module of a process. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(settings: { clockPinnedAt: string | null }): DynamicModule {
    return {
      module: ClockModule,
      providers: [{ provide: Clock, useValue: createClock(settings) }, SchoolTodayService],
      exports: [Clock, SchoolTodayService],
    };
  }
}
