import { Body, Controller, Get, Headers, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import {
  CloseStudyPeriodDto,
  FindStudyPeriodsQueryDto,
  ReopenStudyPeriodDto,
  StudyPeriodDto,
  StudyPeriodListDto,
  UpdateStudyPeriodDto,
} from './dto/study-period.dto';
import { StudyPeriodsService } from './study-periods.service';

/** Study periods: finding, moving, closing and reopening them (O2, J5). */
@ApiTags('academic-years')
@Controller()
export class StudyPeriodsController {
  constructor(private readonly periods: StudyPeriodsService) {}

  @Get('schools/:schoolId/study-periods')
  @Endpoint({
    summary: 'Find a school’s study periods',
    description:
      '`grade=7&on=2026-11-20` answers «which quarter is it for grade 7 on that day» (empty between periods). Ordered by start date.',
    permission: ['read', 'StudyPeriod'],
    response: StudyPeriodListDto,
  })
  listStudyPeriods(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: FindStudyPeriodsQueryDto,
  ): Promise<StudyPeriodListDto> {
    return this.periods.list(ability, schoolId, query);
  }

  @Patch('study-periods/:id')
  @Endpoint({
    summary: 'Rename or move an open study period',
    description:
      'The dates stay inside the year and between the neighbouring periods of the scheme. A closed period answers 409 `period.closed`.',
    permission: ['update', 'StudyPeriod'],
    response: StudyPeriodDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PRECONDITION_FAILED,
    ],
    ifMatch: true,
  })
  updateStudyPeriod(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateStudyPeriodDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<StudyPeriodDto> {
    return this.periods.update(ability, id, body, ifMatch);
  }

  @Post('study-periods/:id/close')
  @Endpoint({
    summary: 'Close a study period',
    description:
      'Locks the marks and absences of its dates for the grades of its scheme (J5). Closing a closed period is a 409.',
    permission: ['update', 'StudyPeriod'],
    response: StudyPeriodDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  closeStudyPeriod(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CloseStudyPeriodDto,
  ): Promise<StudyPeriodDto> {
    return this.periods.close(ability, actor, id, body.reason);
  }

  @Post('study-periods/:id/reopen')
  @Endpoint({
    summary: 'Reopen a closed study period',
    description: 'Needs a reason, kept on the period and in the audit trail.',
    permission: ['update', 'StudyPeriod'],
    response: StudyPeriodDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  reopenStudyPeriod(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: ReopenStudyPeriodDto,
  ): Promise<StudyPeriodDto> {
    return this.periods.reopen(ability, id, body.reason);
  }
}
