import { Module } from '@nestjs/common';
import { JournalControlModule } from './control/journal-control.module';
import { DiaryController } from './diary/diary.controller';
import { DiaryService } from './diary/diary.service';
import { JournalGridController } from './grid/journal-grid.controller';
import { JournalGridService } from './grid/journal-grid.service';
import { CellHistoryModule } from './history/cell-history.module';

/**
 * The journal's read model: the grid of a class × subject × period, the student's diary,
 * the control reports (J6, J11) and the history of a cell (J10). Hot reads go through
 * dedicated SQL that builds the JSON, behind the same rules as the grades and attendance.
 */
@Module({
  imports: [JournalControlModule, CellHistoryModule],
  controllers: [JournalGridController, DiaryController],
  providers: [JournalGridService, DiaryService],
})
export class JournalModule {}
