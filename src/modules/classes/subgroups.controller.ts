import { Body, Controller, Delete, Get, HttpStatus, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import {
  ReplaceSubgroupSplitDto,
  SubgroupSplitDto,
  SubgroupSplitListDto,
} from './dto/subgroup.dto';
import { SubgroupsService } from './subgroups.service';

@ApiTags('classes')
@Controller('classes/:id/subgroup-splits')
export class SubgroupsController {
  constructor(private readonly subgroups: SubgroupsService) {}

  @Get()
  @Endpoint({
    summary: 'A class’s subgroup splits, one per subject',
    description:
      'Each split lists its subgroups with their current students, and the current students in none of them (`complete` is false then).',
    permission: ['read', 'Subgroup'],
    response: SubgroupSplitListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listSubgroupSplits(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<SubgroupSplitListDto> {
    return this.subgroups.list(ability, id);
  }

  @Put(':subjectId')
  @Endpoint({
    summary: 'Split a class into subgroups for a subject (create or replace)',
    description:
      'Every current student of the class must be in exactly one of the 2–6 subgroups; otherwise 400 names each student missing, listed twice or not in the class. Subgroups keep their ids by position.',
    permission: ['update', 'Subgroup'],
    response: SubgroupSplitDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  replaceSubgroupSplit(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @IdParam('subjectId') subjectId: string,
    @Body() body: ReplaceSubgroupSplitDto,
  ): Promise<SubgroupSplitDto> {
    return this.subgroups.replace(ability, id, subjectId, body);
  }

  @Delete(':subjectId')
  @Endpoint({
    summary: 'Remove a class’s subgroup split for a subject',
    description: 'Teaching assignments of its subgroups are removed with it.',
    permission: ['update', 'Subgroup'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  deleteSubgroupSplit(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @IdParam('subjectId') subjectId: string,
  ): Promise<void> {
    return this.subgroups.remove(ability, id, subjectId);
  }
}
