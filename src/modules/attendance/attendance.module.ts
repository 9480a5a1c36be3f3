import { Module } from '@nestjs/common';
import { AttendancePolicy } from './attendance.policy';

/** Attendance (J2): per lesson, a day's reason for a student, the weekly reconciliation. */
@Module({
  providers: [AttendancePolicy],
})
export class AttendanceModule {}
