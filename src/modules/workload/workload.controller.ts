import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { StudentLoadDto, StudentLoadQueryDto } from './dto/student-load.dto';
import { TeacherLoadListDto, TeacherLoadQueryDto } from './dto/teacher-load.dto';
import { StudentLoadService } from './student-load.service';
import { TeacherLoadService } from './teacher-load.service';

/** Weekly load of a school's teachers (O5) and classes (O6). */
@ApiTags('curriculum')
@Controller()
export class LoadController {
  constructor(
    private readonly teacherLoad: TeacherLoadService,
    private readonly studentLoad: StudentLoadService,
  ) {}

  @Get('schools/:schoolId/teacher-load')
  @Endpoint({
    summary: 'Teachers’ load: hours a week and a year of their teaching assignments',
    description:
      'Hours a year = hours a week × study weeks of the class’s grade (its school days in the year, without its holidays, divided by the days of the school week), to a whole hour. 404 when no year runs today and none is asked for.',
    permission: ['read', 'Curriculum'],
    response: TeacherLoadListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getTeacherLoad(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: TeacherLoadQueryDto,
  ): Promise<TeacherLoadListDto> {
    return this.teacherLoad.load(ability, schoolId, query.academicYearId);
  }

  @Get('schools/:schoolId/student-load')
  @Endpoint({
    summary: 'Check classes’ weekly load against the norms',
    description:
      'For every class of the year running on the date: lessons a week and on the busiest day in the timetable in force, against the maximum of its grade for the school’s 5- or 6-day week (СанПиН 1.2.3685-21, table 6.6), and differences from the curriculum. 404 when no year runs on the date.',
    permission: ['read', 'Curriculum'],
    response: StudentLoadDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getStudentLoad(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: StudentLoadQueryDto,
  ): Promise<StudentLoadDto> {
    return this.studentLoad.check(ability, schoolId, query.on);
  }
}
