import { Module } from '@nestjs/common';
import { LessonsPolicy } from './lessons.policy';
import { ThematicPlansModule } from './thematic-plans/thematic-plans.module';

/** Lesson records (J1) and thematic plans (O5). */
@Module({
  imports: [ThematicPlansModule],
  controllers: [],
  providers: [LessonsPolicy],
})
export class LessonsModule {}
