import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { ProgramFulfilmentDto, ProgramFulfilmentQueryDto } from './dto/program-fulfilment.dto';
import { ProgramFulfilmentService } from './program-fulfilment.service';

@ApiTags('thematic-plans')
@Controller('schools')
export class ProgramFulfilmentController {
  constructor(private readonly fulfilment: ProgramFulfilmentService) {}

  @Get(':schoolId/program-fulfilment')
  @Endpoint({
    summary: 'Program fulfilment: planned against delivered hours',
    description: [
      'One row per class × subject × subgroup that has a thematic plan or lessons in the class’s academic year. A lesson is one hour.',
      '`plannedHours` is the sum of the plan’s topic hours; `scheduledHours` the lessons of the year that are not cancelled; `deliveredHours` those dated on or before `on`; `cancelledHours` the cancelled lessons up to `on`; `remainingHours` = planned − delivered; `shortfallHours` = max(0, planned − scheduled), the hours the program will not fit into.',
      'Rows are shown as their plan would be: the leadership sees all, a class teacher the rows of their class, a teacher their own rows (the plan’s teacher, or without a plan the assigned teacher).',
    ].join('\n\n'),
    permission: ['read', 'ThematicPlan'],
    response: ProgramFulfilmentDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getProgramFulfilment(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ProgramFulfilmentQueryDto,
  ): Promise<ProgramFulfilmentDto> {
    return this.fulfilment.fulfilment(ability, schoolId, query);
  }
}
