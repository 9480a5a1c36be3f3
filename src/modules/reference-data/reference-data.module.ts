import { Module } from '@nestjs/common';
import { ReferenceDataPolicy } from './reference-data.policy';

/** A school's reference data (O1): subjects, mark types, lesson types, absence reasons, rooms, bells. */
@Module({
  controllers: [],
  providers: [ReferenceDataPolicy],
})
export class ReferenceDataModule {}
