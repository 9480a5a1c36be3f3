import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { ClassesModule } from '../classes/classes.module';
import { LessonsController } from './lessons.controller';
import { LessonsPolicy } from './lessons.policy';
import { LessonsService } from './lessons.service';
import { ThematicPlansModule } from './thematic-plans/thematic-plans.module';

/** Lesson records (J1) and thematic plans (O5). */
@Module({
  imports: [ThematicPlansModule, ClassesModule, AcademicYearsModule],
  controllers: [LessonsController],
  providers: [LessonsPolicy, LessonsService],
})
export class LessonsModule {}
