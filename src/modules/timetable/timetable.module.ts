import { Module } from '@nestjs/common';
import { TimetablePolicy } from './timetable.policy';

/** Weekly class timetables with conflict checks, lesson generation, substitutions (O6, J1). */
@Module({
  controllers: [],
  providers: [TimetablePolicy],
})
export class TimetableModule {}
