import { Module } from '@nestjs/common';
import { JournalControlController } from './journal-control.controller';
import { JournalControlService } from './journal-control.service';

/**
 * The journal's control reports (J6, J11): read models over marks, attendance and lessons,
 * behind the `Mark` and `Attendance` rules.
 */
@Module({
  controllers: [JournalControlController],
  providers: [JournalControlService],
})
export class JournalControlModule {}
