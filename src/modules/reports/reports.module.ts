import { Module, type Provider } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { ClassesModule } from '../classes/classes.module';
import { JournalControlModule } from '../journal/control/journal-control.module';
import { ReportBuilderService } from './jobs/report-builder.service';
import { ReportRetentionService } from './jobs/report-retention.service';
import { ReportSlotsService } from './jobs/report-slots.service';
import { ReportsJobs } from './jobs/reports.jobs';
import { ReportCatalogService } from './report-catalog.service';
import { AttendanceByMonthReport } from './report-types/attendance-by-month.report';
import { AttendanceSummaryReport } from './report-types/attendance-summary.report';
import { ClassResultsReport } from './report-types/class-results.report';
import {
  ClassTeacherPeriodReport,
  ClassTeacherPreliminaryReport,
} from './report-types/class-teacher.report';
import { MarksForecastReport } from './report-types/marks-forecast.report';
import { MovementSummaryReport } from './report-types/movement-summary.report';
import { JournalKeepingReport } from './report-types/journal-keeping.report';
import { AttendanceWeeklyReport } from './report-types/attendance-weekly.report';
import { HealthGroupsReport } from './report-types/health-groups.report';
import { StudentProgressReport } from './report-types/student-progress.report';
import { UsageReport } from './report-types/usage.report';
import { MarksSummaryReport } from './report-types/marks-summary.report';
import { PrintedJournalReport } from './report-types/printed-journal.report';
import { REPORT_DEFINITIONS } from './report-types/report-definition';
import { ReportScopeService } from './report-types/report-scope.service';
import { PrintedJournalsController } from './printed-journals.controller';
import { PrintedJournalsService } from './printed-journals.service';
import { ReportsController } from './reports.controller';
import { ReportsPolicy } from './reports.policy';
import { ReportsService } from './reports.service';
import { ReportFilesService } from './storage/report-files.service';

const DEFINITIONS = [
  AttendanceByMonthReport,
  ClassTeacherPreliminaryReport,
  ClassTeacherPeriodReport,
  ClassResultsReport,
  MarksSummaryReport,
  AttendanceSummaryReport,
  MovementSummaryReport,
  JournalKeepingReport,
  UsageReport,
  MarksForecastReport,
  AttendanceWeeklyReport,
  HealthGroupsReport,
  StudentProgressReport,
  PrintedJournalReport,
];

/** The report types, their files: what the API and the worker both need. */
const SHARED: Provider[] = [
  ...DEFINITIONS,
  {
    provide: REPORT_DEFINITIONS,
    useFactory: (...definitions: unknown[]) => definitions,
    inject: DEFINITIONS,
  },
  ReportCatalogService,
  ReportScopeService,
  ReportFilesService,
];

/** Reports (R1–R14, J9): asked for through the API, built by the worker. */
@Module({
  imports: [ClassesModule, AcademicYearsModule, JournalControlModule],
  controllers: [ReportsController, PrintedJournalsController],
  providers: [...SHARED, ReportsPolicy, ReportsService, PrintedJournalsService],
})
export class ReportsModule {}

/** The worker's side: building reports, keeping the storage to its retention period. */
@Module({
  imports: [ClassesModule, AcademicYearsModule, JournalControlModule],
  providers: [
    ...SHARED,
    ReportSlotsService,
    ReportBuilderService,
    ReportRetentionService,
    ReportsJobs,
  ],
})
export class ReportsWorkerModule {}
