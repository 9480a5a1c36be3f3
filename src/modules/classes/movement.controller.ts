import { Body, Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { ItemsOf, PageOf, type Items, type Page } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import { ClassListService } from './class-list.service';
import {
  ClassListEntryDto,
  ClassOnDateDto,
  CreateMovementOrderDto,
  EnrollmentDto,
  ListMovementOrdersQueryDto,
  MovementOrderDto,
  OnDateQueryDto,
} from './dto/movement.dto';
import { MovementService } from './movement.service';

@ApiTags('movement')
@Controller()
export class MovementController {
  constructor(
    private readonly movement: MovementService,
    private readonly classLists: ClassListService,
  ) {}

  @Get('schools/:schoolId/movement-orders')
  @Endpoint({
    summary: 'List movement orders of a school, newest first',
    permission: ['read', 'MovementOrder'],
    response: PageOf(MovementOrderDto),
  })
  listMovementOrders(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListMovementOrdersQueryDto,
  ): Promise<Page<MovementOrderDto>> {
    return this.movement.list(ability, schoolId, query);
  }

  @Post('schools/:schoolId/movement-orders')
  @Endpoint({
    summary: 'Enter a movement order (admission, transfer, withdrawal)',
    description:
      'One order of one kind for one or more students. Admission enrolls a student who is in no class; transfer ends the current enrollment the day before `effectiveOn` and starts the next; withdrawal ends it. Every line is checked first and every problem is listed; then all of it is applied in one transaction. A withdrawn student keeps their records.',
    permission: ['create', 'MovementOrder'],
    status: HttpStatus.CREATED,
    response: MovementOrderDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createMovementOrder(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateMovementOrderDto,
  ): Promise<MovementOrderDto> {
    return this.movement.create(ability, actor, schoolId, body);
  }

  @Get('movement-orders/:id')
  @Endpoint({
    summary: 'Get a movement order',
    permission: ['read', 'MovementOrder'],
    response: MovementOrderDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getMovementOrder(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<MovementOrderDto> {
    return this.movement.get(ability, id);
  }

  @Get('people/:id/enrollments')
  @Endpoint({
    summary: 'Class history of a student',
    description: 'Every stay in a class with the orders that began and ended it, oldest first.',
    permission: ['read', 'Person'],
    response: ItemsOf(EnrollmentDto),
    errors: [HttpStatus.NOT_FOUND],
  })
  listEnrollments(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<Items<EnrollmentDto>> {
    return this.classLists.history(ability, id);
  }

  @Get('people/:id/class')
  @Endpoint({
    summary: 'The class a student was in on a date',
    permission: ['read', 'Person'],
    response: ClassOnDateDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getClassOnDate(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: OnDateQueryDto,
  ): Promise<ClassOnDateDto> {
    return this.classLists.classOn(ability, id, query.on);
  }

  @Get('classes/:id/students')
  @Endpoint({
    summary: 'The class list on a date',
    description:
      'Students enrolled on that date (today unless given) whom the caller may see, by name.',
    permission: ['read', 'SchoolClass'],
    response: ItemsOf(ClassListEntryDto),
    errors: [HttpStatus.NOT_FOUND],
  })
  listClassStudents(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: OnDateQueryDto,
  ): Promise<Items<ClassListEntryDto>> {
    return this.classLists.students(ability, id, query.on);
  }
}
