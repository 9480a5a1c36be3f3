import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './core/audit/audit.module';
import { AuthGuard } from './core/auth/auth.guard';
import { AuthModule } from './core/auth/auth.module';
import { ClockModule } from './core/clock/clock.module';
import { appOrmOptions } from './orm-options';
import { HealthModule } from './core/health/health.module';
import { PolicyGuard } from './core/policy/policy.guard';
import { PolicyModule } from './core/policy/policy.module';
import { QueueModule } from './core/queue/queue.module';
import { RedisModule } from './core/redis/redis.module';
import { TenancyModule } from './core/tenancy/tenancy.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AcademicYearsModule } from './modules/academic-years/academic-years.module';
import { BackupsModule } from './modules/backups/backups.module';
import { ClassesModule } from './modules/classes/classes.module';
import { CurriculumModule } from './modules/curriculum/curriculum.module';
import { LessonsModule } from './modules/lessons/lessons.module';
import { PeopleModule } from './modules/people/people.module';
import { CredentialsModule } from './modules/people/credentials/credentials.module';
import { ClassImportModule } from './modules/people/import/class-import.module';
import { UsageModule } from './modules/people/usage/usage.module';
import { ProfileModule } from './modules/profile/profile.module';
import { ReferenceDataModule } from './modules/reference-data/reference-data.module';
import { TimetableModule } from './modules/timetable/timetable.module';
import { GradesModule } from './modules/grades/grades.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { ReportsModule } from './modules/reports/reports.module';
import { JournalModule } from './modules/journal/journal.module';
import { WorkloadModule } from './modules/workload/workload.module';

export interface AppModuleOptions {
  /** False to build the app without touching the database (contract generation). */
  connect?: boolean;
}

/** The modules every process shares: configuration, clock, database, Redis, queues. */
export function infrastructureModules(
  config: AppConfig,
  options: AppModuleOptions = {},
): (DynamicModule | Promise<DynamicModule> | Type)[] {
  return [
    ConfigModule.forRoot(config),
    ClockModule.forRoot(config),
    MikroOrmModule.forRoot({
      ...appOrmOptions(config),
      connect: options.connect ?? true,
      // The HTTP layer opens a request context per request itself (see configureHttpApp).
      registerRequestContext: false,
    }),
    RedisModule,
    QueueModule,
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...infrastructureModules(config, options),
        PolicyModule,
        HealthModule,
        AuthModule,
        TenancyModule,
        AccountsModule,
        AuditModule,
        BackupsModule,
        ReferenceDataModule,
        AcademicYearsModule,
        ClassesModule,
        PeopleModule,
        CredentialsModule,
        ClassImportModule,
        UsageModule,
        ProfileModule,
        CurriculumModule,
        TimetableModule,
        WorkloadModule,
        LessonsModule,
        GradesModule,
        AttendanceModule,
        JournalModule,
        ReportsModule,
      ],
      providers: [
        // Order matters: authentication attaches the actor the policy guard then checks.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
      ],
    };
  }
}
