import { Module } from '@nestjs/common';
import { LoadController } from './workload.controller';
import { StudentLoadService } from './student-load.service';
import { TeacherLoadService } from './teacher-load.service';

/**
 * Teachers' load and classes' weekly load (O6): reports over the curriculum, the teaching
 * assignments and the timetable, so above all three. The `Curriculum` policy guards them.
 */
@Module({
  controllers: [LoadController],
  providers: [TeacherLoadService, StudentLoadService],
})
export class WorkloadModule {}
