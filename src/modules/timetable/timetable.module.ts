import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { ClassesModule } from '../classes/classes.module';
import { LessonCorrectionsController } from './lesson-corrections.controller';
import { LessonCorrectionsService } from './lesson-corrections.service';
import { LessonGeneratorService } from './lesson-generator.service';
import { TimetableController } from './timetable.controller';
import { TimetablePolicy } from './timetable.policy';
import { TimetableService } from './timetable.service';

/** Weekly class timetables with conflict checks, lesson generation, substitutions (O6, J1). */
@Module({
  imports: [ClassesModule, AcademicYearsModule],
  controllers: [TimetableController, LessonCorrectionsController],
  providers: [TimetablePolicy, TimetableService, LessonGeneratorService, LessonCorrectionsService],
  exports: [LessonGeneratorService],
})
export class TimetableModule {}
