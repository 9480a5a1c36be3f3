import { Module } from '@nestjs/common';
import { CurriculumController } from './curriculum.controller';
import { CurriculumPolicy } from './curriculum.policy';
import { CurriculumService } from './curriculum.service';

/** The curriculum (учебный план, O5): hours a week per grade and subject. */
@Module({
  controllers: [CurriculumController],
  providers: [CurriculumPolicy, CurriculumService],
})
export class CurriculumModule {}
