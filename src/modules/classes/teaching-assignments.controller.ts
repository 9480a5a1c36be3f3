import { Body, Controller, Delete, Get, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import {
  CreateTeachingAssignmentDto,
  TeachingAssignmentDto,
  TeachingAssignmentListDto,
  UpdateTeachingAssignmentDto,
} from './dto/teaching-assignment.dto';
import { TeachingAssignmentsService } from './teaching-assignments.service';

@ApiTags('classes')
@Controller()
export class TeachingAssignmentsController {
  constructor(private readonly assignments: TeachingAssignmentsService) {}

  @Get('classes/:id/teaching-assignments')
  @Endpoint({
    summary: 'Who teaches what in a class',
    permission: ['read', 'SchoolClass'],
    response: TeachingAssignmentListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listTeachingAssignments(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<TeachingAssignmentListDto> {
    return this.assignments.list(ability, id);
  }

  @Post('classes/:id/teaching-assignments')
  @Endpoint({
    summary: 'Assign a teacher to a subject of a class (or of one subgroup)',
    description:
      'The teacher then reads the class and its students (without health data or documents).',
    permission: ['update', 'SchoolClass'],
    status: HttpStatus.CREATED,
    response: TeachingAssignmentDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createTeachingAssignment(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: CreateTeachingAssignmentDto,
  ): Promise<TeachingAssignmentDto> {
    return this.assignments.create(ability, id, body);
  }

  @Patch('teaching-assignments/:id')
  @Endpoint({
    summary: 'Set the weekly hours of a teaching assignment',
    description: 'The hours count in the teacher’s load (`GET /v1/schools/{id}/teacher-load`).',
    permission: ['update', 'SchoolClass'],
    response: TeachingAssignmentDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  updateTeachingAssignment(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateTeachingAssignmentDto,
  ): Promise<TeachingAssignmentDto> {
    return this.assignments.update(ability, id, body);
  }

  @Delete('teaching-assignments/:id')
  @Endpoint({
    summary: 'Remove a teaching assignment',
    permission: ['update', 'SchoolClass'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  deleteTeachingAssignment(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<void> {
    return this.assignments.remove(ability, id);
  }
}
