import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../../academic-years/academic-years.module';
import { CellHistoryController } from '../history/cell-history.controller';
import { CellHistoryService } from '../history/cell-history.service';
import { JournalControlController } from './journal-control.controller';
import { JournalControlService } from './journal-control.service';

/**
 * The journal's control reports (J6, J11) and the history of a journal cell (J10): read
 * models over marks, attendance, lessons and `journal_changes`, behind the `Mark` and
 * `Attendance` rules.
 */
@Module({
  imports: [AcademicYearsModule],
  controllers: [JournalControlController, CellHistoryController],
  providers: [JournalControlService, CellHistoryService],
})
export class JournalControlModule {}
