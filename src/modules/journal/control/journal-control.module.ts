import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../../academic-years/academic-years.module';
import { JournalControlController } from './journal-control.controller';
import { MarkForecastsService } from './mark-forecasts.service';
import { JournalControlService } from './journal-control.service';

/**
 * The journal's control reports (J6, J11): read models over marks, attendance and lessons,
 * behind the `Mark` and `Attendance` rules.
 */
@Module({
  imports: [AcademicYearsModule],
  controllers: [JournalControlController],
  providers: [JournalControlService, MarkForecastsService],
  // The reports' forecasts (R2, R12).
  exports: [MarkForecastsService],
})
export class JournalControlModule {}
