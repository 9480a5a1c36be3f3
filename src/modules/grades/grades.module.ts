import { Module } from '@nestjs/common';
import { GradesPolicy } from './grades.policy';
import { MarksController } from './marks.controller';
import { MarksService } from './marks.service';
import { PeriodMarksController } from './period-marks.controller';
import { PeriodMarksService } from './period-marks.service';

/** Marks (J3) and period, year, exam and final marks (J4). */
@Module({
  controllers: [MarksController, PeriodMarksController],
  providers: [GradesPolicy, MarksService, PeriodMarksService],
})
export class GradesModule {}
