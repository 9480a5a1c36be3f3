import { Module } from '@nestjs/common';
import { CurriculumController } from './curriculum.controller';
import { CurriculumPolicy } from './curriculum.policy';
import { CurriculumService } from './curriculum.service';
import { LoadController } from './load.controller';
import { StudentLoadService } from './student-load.service';
import { TeacherLoadService } from './teacher-load.service';

/** The curriculum (учебный план), teachers' load and classes' weekly load (O5, O6). */
@Module({
  controllers: [CurriculumController, LoadController],
  providers: [CurriculumPolicy, CurriculumService, TeacherLoadService, StudentLoadService],
})
export class CurriculumModule {}
