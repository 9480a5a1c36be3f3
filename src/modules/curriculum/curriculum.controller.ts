import { Body, Controller, Get, HttpStatus, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { CurriculumService } from './curriculum.service';
import { CurriculumDto, CurriculumQueryDto, ReplaceCurriculumDto } from './dto/curriculum.dto';
import { ApiGradeParam, GradeParam } from './grade-param';

/** The curriculum of an academic year (учебный план, O5). */
@ApiTags('curriculum')
@Controller()
export class CurriculumController {
  constructor(private readonly curriculum: CurriculumService) {}

  @Get('academic-years/:id/curriculum')
  @Endpoint({
    summary: 'Read the curriculum of a year: weekly hours per subject and grade',
    permission: ['read', 'Curriculum'],
    response: CurriculumDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getCurriculum(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: CurriculumQueryDto,
  ): Promise<CurriculumDto> {
    return this.curriculum.list(ability, id, query.grade);
  }

  @Put('academic-years/:id/curriculum/:grade')
  @ApiGradeParam()
  @Endpoint({
    summary: 'Replace the curriculum of one grade',
    description:
      'The lines sent become the grade’s curriculum: a subject already there keeps its line (its hours are updated), new subjects are added, subjects left out are removed. Answers the grade’s lines. New teaching assignments take their default hours from here.',
    permission: ['update', 'Curriculum'],
    response: CurriculumDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  replaceCurriculum(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @GradeParam() grade: number,
    @Body() body: ReplaceCurriculumDto,
  ): Promise<CurriculumDto> {
    return this.curriculum.replace(ability, id, grade, body);
  }
}
