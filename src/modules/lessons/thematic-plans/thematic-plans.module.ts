import { Module } from '@nestjs/common';
import { ImportUploadsModule } from '../../../core/http/uploads/import-body';
import { ClassesModule } from '../../classes/classes.module';
import { ProgramFulfilmentController } from './program-fulfilment.controller';
import { ProgramFulfilmentService } from './program-fulfilment.service';
import { ThematicPlansController } from './thematic-plans.controller';
import { ThematicPlansService } from './thematic-plans.service';

/** Thematic plans (КТП, O5): topics with hours, next-topic suggestion, program fulfilment. */
@Module({
  imports: [ClassesModule, ImportUploadsModule],
  controllers: [ThematicPlansController, ProgramFulfilmentController],
  providers: [ThematicPlansService, ProgramFulfilmentService],
  exports: [ThematicPlansService],
})
export class ThematicPlansModule {}
