import { Module } from '@nestjs/common';
import { AcademicYearsController } from './academic-years.controller';
import { AcademicYearsPolicy } from './academic-years.policy';
import { AcademicYearsService } from './academic-years.service';
import { StudyPeriodsController } from './study-periods.controller';
import { StudyPeriodsService } from './study-periods.service';

/** Academic years, their study periods and holidays (O2); closing a period (J5). */
@Module({
  controllers: [AcademicYearsController, StudyPeriodsController],
  providers: [AcademicYearsPolicy, AcademicYearsService, StudyPeriodsService],
  // The journal asks which period a date is in and whether it is locked.
  exports: [StudyPeriodsService],
})
export class AcademicYearsModule {}
