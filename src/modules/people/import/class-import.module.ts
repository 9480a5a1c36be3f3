import { Module } from '@nestjs/common';
import { ClassImportController } from './class-import.controller';
import { ClassImportService } from './class-import.service';
import { ImportBodyParsers } from './import-body';

/** Import of a class list with parents from CSV or XLSX (P1). */
@Module({
  controllers: [ClassImportController],
  providers: [ClassImportService, ImportBodyParsers],
})
export class ClassImportModule {}
