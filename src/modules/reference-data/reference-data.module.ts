import { Module } from '@nestjs/common';
import { BellScheduleService } from './bell-schedule.service';
import { DefaultReferenceData } from './reference-defaults';
import { ReferenceDataPolicy } from './reference-data.policy';
import { ReferenceDataService } from './reference-data.service';
import { SchoolResourcesController } from './school-resources.controller';
import { TeachingReferenceController } from './teaching-reference.controller';

/** A school's reference data (O1): subjects, mark types, lesson types, absence reasons, rooms, bells. */
@Module({
  controllers: [TeachingReferenceController, SchoolResourcesController],
  providers: [ReferenceDataPolicy, ReferenceDataService, BellScheduleService, DefaultReferenceData],
})
export class ReferenceDataModule {}
