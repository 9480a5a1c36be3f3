import { Module, type DynamicModule } from '@nestjs/common';
import { infrastructureModules } from './app.module';
import type { AppConfig } from './config/config';
import { AuthModule } from './core/auth/auth.module';
import { WorkerRuntimeModule } from './core/queue/queue.module';
import { BackupsWorkerModule } from './modules/backups/backups.module';
import { ReportsWorkerModule } from './modules/reports/reports.module';

/** The worker process: the modules that own job handlers, and the queue consumer. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...infrastructureModules(config),
        AuthModule,
        BackupsWorkerModule,
        ReportsWorkerModule,
        WorkerRuntimeModule,
      ],
    };
  }
}
