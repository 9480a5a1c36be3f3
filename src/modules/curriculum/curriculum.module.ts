import { Module } from '@nestjs/common';
import { CurriculumPolicy } from './curriculum.policy';

/** The curriculum (учебный план), teachers' load and classes' weekly load (O5, O6). */
@Module({
  controllers: [],
  providers: [CurriculumPolicy],
})
export class CurriculumModule {}
