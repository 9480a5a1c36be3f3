import { Module } from '@nestjs/common';
import { CellHistoryController } from './cell-history.controller';
import { CellHistoryService } from './cell-history.service';

/**
 * The history of a journal cell (J10): who changed a mark or an attendance entry, when and
 * why, read from `journal_changes` behind the `Mark` and `Attendance` rules.
 */
@Module({
  controllers: [CellHistoryController],
  providers: [CellHistoryService],
})
export class CellHistoryModule {}
