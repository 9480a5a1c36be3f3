import { Module } from '@nestjs/common';

/** Thematic plans (КТП, O5): topics with hours, next-topic suggestion, program fulfilment. */
@Module({
  controllers: [],
  providers: [],
})
export class ThematicPlansModule {}
