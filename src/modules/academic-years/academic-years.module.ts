import { Module } from '@nestjs/common';
import { AcademicYearsPolicy } from './academic-years.policy';

/** Academic years, their study periods and holidays (O2); closing a period (J5). */
@Module({
  controllers: [],
  providers: [AcademicYearsPolicy],
})
export class AcademicYearsModule {}
