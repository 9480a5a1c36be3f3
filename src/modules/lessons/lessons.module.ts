import { Module } from '@nestjs/common';
import { LessonsPolicy } from './lessons.policy';

/** Lesson records (J1) and thematic plans (O5). */
@Module({
  controllers: [],
  providers: [LessonsPolicy],
})
export class LessonsModule {}
