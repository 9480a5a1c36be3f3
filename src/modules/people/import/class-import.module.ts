import { Module } from '@nestjs/common';
import { ClassesModule } from '../../classes/classes.module';
import { ClassImportController } from './class-import.controller';
import { ClassImportService } from './class-import.service';
import { ImportUploadsModule } from '../../../core/http/uploads/import-body';

/** Import of a class list with parents from CSV or XLSX (P1). */
@Module({
  imports: [ImportUploadsModule, ClassesModule],
  controllers: [ClassImportController],
  providers: [ClassImportService],
})
export class ClassImportModule {}
