import {
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import {
  AbsenceReasonDto,
  CreateAbsenceReasonDto,
  UpdateAbsenceReasonDto,
} from './dto/absence-reason.dto';
import { BellScheduleDto } from './dto/bell.dto';
import { ListReferenceItemsQueryDto } from './dto/reference-item.dto';
import { ItemsOf, type Items } from '../../core/http/pagination';
import { CreateRoomDto, RoomDto, UpdateRoomDto } from './dto/room.dto';
import { BellScheduleService } from './bell-schedule.service';
import {
  CREATE_ERRORS,
  LIST_DESCRIPTION,
  UPDATE_DESCRIPTION,
  UPDATE_ERRORS,
} from './teaching-reference.controller';
import { ABSENCE_REASONS, ROOMS } from './reference-kinds';
import { ReferenceDataService } from './reference-data.service';

/** Absence reasons, rooms and the bell schedule of a school (O1). */
@ApiTags('reference-data')
@Controller()
export class SchoolResourcesController {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly bells: BellScheduleService,
  ) {}

  @Get('schools/:schoolId/absence-reasons')
  @Endpoint({
    summary: 'List a school’s absence reasons (Б, У, Н, О…)',
    description: LIST_DESCRIPTION,
    permission: ['read', 'ReferenceData'],
    response: ItemsOf(AbsenceReasonDto),
  })
  listAbsenceReasons(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListReferenceItemsQueryDto,
  ): Promise<Items<AbsenceReasonDto>> {
    return this.referenceData.list(ABSENCE_REASONS, ability, schoolId, query.archived);
  }

  @Post('schools/:schoolId/absence-reasons')
  @Endpoint({
    summary: 'Add an absence reason',
    description: 'Its name and its code are each unique in the school.',
    permission: ['create', 'ReferenceData'],
    status: HttpStatus.CREATED,
    response: AbsenceReasonDto,
    errors: CREATE_ERRORS,
    idempotent: true,
  })
  createAbsenceReason(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateAbsenceReasonDto,
  ): Promise<AbsenceReasonDto> {
    return this.referenceData.create(ABSENCE_REASONS, ability, schoolId, { ...body });
  }

  @Patch('absence-reasons/:id')
  @Endpoint({
    summary: 'Change or archive an absence reason',
    description: UPDATE_DESCRIPTION,
    permission: ['update', 'ReferenceData'],
    response: AbsenceReasonDto,
    errors: UPDATE_ERRORS,
    ifMatch: true,
  })
  updateAbsenceReason(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateAbsenceReasonDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AbsenceReasonDto> {
    return this.referenceData.update(ABSENCE_REASONS, ability, id, { ...body }, ifMatch);
  }

  @Get('schools/:schoolId/rooms')
  @Endpoint({
    summary: 'List a school’s rooms',
    description: LIST_DESCRIPTION,
    permission: ['read', 'ReferenceData'],
    response: ItemsOf(RoomDto),
  })
  listRooms(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListReferenceItemsQueryDto,
  ): Promise<Items<RoomDto>> {
    return this.referenceData.list(ROOMS, ability, schoolId, query.archived);
  }

  @Post('schools/:schoolId/rooms')
  @Endpoint({
    summary: 'Add a room',
    permission: ['create', 'ReferenceData'],
    status: HttpStatus.CREATED,
    response: RoomDto,
    errors: CREATE_ERRORS,
    idempotent: true,
  })
  createRoom(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateRoomDto,
  ): Promise<RoomDto> {
    return this.referenceData.create(ROOMS, ability, schoolId, { ...body });
  }

  @Patch('rooms/:id')
  @Endpoint({
    summary: 'Change or archive a room',
    description: UPDATE_DESCRIPTION,
    permission: ['update', 'ReferenceData'],
    response: RoomDto,
    errors: UPDATE_ERRORS,
    ifMatch: true,
  })
  updateRoom(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateRoomDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RoomDto> {
    return this.referenceData.update(ROOMS, ability, id, { ...body }, ifMatch);
  }

  @Get('schools/:schoolId/bell-schedule')
  @Endpoint({
    summary: 'Get a school’s bell schedule',
    description: 'Lesson start and end times in the school’s local time, by lesson number.',
    permission: ['read', 'ReferenceData'],
    response: BellScheduleDto,
  })
  getBellSchedule(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
  ): Promise<BellScheduleDto> {
    return this.bells.get(ability, schoolId);
  }

  @Put('schools/:schoolId/bell-schedule')
  @Endpoint({
    summary: 'Replace a school’s bell schedule',
    description:
      'The whole schedule at once: lessons numbered 0–12, each listed once, in order, each ending after it starts and before the next one starts.',
    permission: ['update', 'ReferenceData'],
    response: BellScheduleDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  replaceBellSchedule(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: BellScheduleDto,
  ): Promise<BellScheduleDto> {
    return this.bells.replace(ability, schoolId, body);
  }
}
