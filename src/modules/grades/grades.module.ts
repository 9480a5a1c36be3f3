import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { GradesPolicy } from './grades.policy';
import { MarksController } from './marks/marks.controller';
import { MarksService } from './marks/marks.service';
import { PeriodMarksController } from './period-marks/period-marks.controller';
import { PeriodMarkFacts } from './period-marks/period-mark-facts';
import { PeriodMarksService } from './period-marks/period-marks.service';

/** Marks (J3) and period, year, exam and final marks (J4). */
@Module({
  imports: [ClassesModule],
  controllers: [MarksController, PeriodMarksController],
  providers: [GradesPolicy, MarksService, PeriodMarksService, PeriodMarkFacts],
})
export class GradesModule {}
