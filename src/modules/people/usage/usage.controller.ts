import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import { PageOf, type Page } from '../../../core/http/pagination';
import type { AppAbility } from '../../../core/policy/subjects';
import {
  AccountUsageDto,
  InactiveParentListDto,
  InactiveParentsQueryDto,
  SchoolUsageQueryDto,
} from './dto/usage.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('schools/:id/usage')
  @Endpoint({
    summary: 'Last login and last seen of every account of a school',
    description:
      'Accounts holding a role in the school, with their roles here, last login and last seen (a login or a session refresh; refreshes count at most every 15 minutes); `inactiveDays` keeps those not seen for that many days, or never. For the admin, director and deputy of the school (403 for other readers of the school).',
    permission: ['read', 'Usage'],
    response: PageOf(AccountUsageDto),
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  listSchoolUsage(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: SchoolUsageQueryDto,
  ): Promise<Page<AccountUsageDto>> {
    return this.usage.schoolUsage(ability, id, query);
  }

  @Get('classes/:id/inactive-parents')
  @Endpoint({
    summary: 'Parents of a class not seen for N days',
    description:
      'Parents of the class’s current students who have no account yet, never logged in, or were last seen (a login or a session refresh) at least `days` days ago, in name order. For the school’s admin, director and deputy, and the class teacher.',
    permission: ['read', 'Usage'],
    response: InactiveParentListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listInactiveParents(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: InactiveParentsQueryDto,
  ): Promise<InactiveParentListDto> {
    return this.usage.inactiveParents(ability, id, query.days);
  }
}
