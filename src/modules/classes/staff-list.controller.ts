import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { IdParam } from '../../core/http/id-param';
import { Endpoint } from '../../core/http/endpoint.decorator';
import type { AppAbility } from '../../core/policy/subjects';
import { StaffListDto } from './dto/staff-list.dto';
import { StaffListService } from './staff-list.service';

@ApiTags('classes')
@Controller('schools/:schoolId/staff')
export class StaffListController {
  constructor(private readonly staffList: StaffListService) {}

  @Get()
  @Endpoint({
    summary: 'The school’s staff list with positions',
    description:
      'Every member of the school reads it: names, positions and led classes, never contacts.',
    permission: ['read', 'StaffList'],
    response: StaffListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listStaff(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
  ): Promise<StaffListDto> {
    return this.staffList.list(ability, schoolId);
  }
}
