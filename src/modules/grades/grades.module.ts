import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { ClassesModule } from '../classes/classes.module';
import { GradesPolicy } from './grades.policy';
import { MarksController } from './marks/marks.controller';
import { MarksService } from './marks/marks.service';
import { PeriodMarksController } from './period-marks/period-marks.controller';
import { PeriodMarkFactsService } from './period-marks/period-mark-facts.service';
import { PeriodMarksService } from './period-marks/period-marks.service';

/** Marks (J3) and period, year, exam and final marks (J4). */
@Module({
  imports: [ClassesModule, AcademicYearsModule],
  controllers: [MarksController, PeriodMarksController],
  providers: [GradesPolicy, MarksService, PeriodMarksService, PeriodMarkFactsService],
})
export class GradesModule {}
