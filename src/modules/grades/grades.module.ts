import { Module } from '@nestjs/common';
import { GradesPolicy } from './grades.policy';

/** Marks (J3) and period, year, exam and final marks (J4). */
@Module({
  providers: [GradesPolicy],
})
export class GradesModule {}
