import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { ClassesModule } from '../classes/classes.module';
import { AttendanceDaysService } from './attendance-days.service';
import { AttendancePolicy } from './attendance.policy';
import { AttendanceWeeksService } from './attendance-weeks.service';
import { ClassAttendanceController } from './class-attendance.controller';
import { LessonAttendanceController } from './lesson-attendance.controller';
import { LessonAttendanceService } from './lesson-attendance.service';

/** Attendance (J2): per lesson, a day's reason for a student, the weekly reconciliation. */
@Module({
  imports: [AcademicYearsModule, ClassesModule],
  controllers: [LessonAttendanceController, ClassAttendanceController],
  providers: [
    AttendancePolicy,
    LessonAttendanceService,
    AttendanceDaysService,
    AttendanceWeeksService,
  ],
})
export class AttendanceModule {}
