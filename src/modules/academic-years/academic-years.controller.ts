import { Body, Controller, Delete, Get, Headers, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { AcademicYearsService } from './academic-years.service';
import {
  AcademicYearDto,
  AcademicYearListDto,
  CreateAcademicYearDto,
  UpdateAcademicYearDto,
} from './dto/academic-year.dto';
import { HolidayDto, NewHolidayDto } from './dto/holiday.dto';

/** Academic years and their holidays (O2). */
@ApiTags('academic-years')
@Controller()
export class AcademicYearsController {
  constructor(private readonly years: AcademicYearsService) {}

  @Get('schools/:schoolId/academic-years')
  @Endpoint({
    summary: 'List a school’s academic years',
    description: 'Newest first, without their periods (see `GET /v1/academic-years/{id}`).',
    permission: ['read', 'StudyPeriod'],
    response: AcademicYearListDto,
  })
  listAcademicYears(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
  ): Promise<AcademicYearListDto> {
    return this.years.list(ability, schoolId);
  }

  @Post('schools/:schoolId/academic-years')
  @Endpoint({
    summary: 'Create an academic year with its study periods and holidays',
    description:
      'Without `schemes`, the year gets «Четверти» for grades 1–9 (1.09–24.10, 5.11–28.12, 9.01–20.03, 30.03–end) and «Полугодия» for grades 10–11 (1.09–28.12, 9.01–end); without `holidays`, the autumn, winter and spring holidays and the extra February week of grade 1. Every date must be inside the year; the periods of a scheme are in order and do not overlap; a grade is in at most one scheme.',
    permission: ['create', 'StudyPeriod'],
    status: HttpStatus.CREATED,
    response: AcademicYearDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createAcademicYear(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateAcademicYearDto,
  ): Promise<AcademicYearDto> {
    return this.years.create(ability, schoolId, body);
  }

  @Get('academic-years/:id')
  @Endpoint({
    summary: 'Get an academic year with its schemes, periods and holidays',
    permission: ['read', 'StudyPeriod'],
    response: AcademicYearDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getAcademicYear(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<AcademicYearDto> {
    return this.years.get(ability, id);
  }

  @Patch('academic-years/:id')
  @Endpoint({
    summary: 'Rename an academic year',
    permission: ['update', 'StudyPeriod'],
    response: AcademicYearDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PRECONDITION_FAILED,
    ],
    ifMatch: true,
  })
  updateAcademicYear(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateAcademicYearDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AcademicYearDto> {
    return this.years.update(ability, id, body, ifMatch);
  }

  @Post('academic-years/:id/holidays')
  @Endpoint({
    summary: 'Add holidays to an academic year',
    description: 'Inside the year; `grades` limits them to some grades.',
    permission: ['create', 'StudyPeriod'],
    status: HttpStatus.CREATED,
    response: HolidayDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
    idempotent: true,
  })
  addHoliday(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: NewHolidayDto,
  ): Promise<HolidayDto> {
    return this.years.addHoliday(ability, id, body);
  }

  @Delete('holidays/:id')
  @Endpoint({
    summary: 'Remove holidays',
    permission: ['delete', 'StudyPeriod'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  removeHoliday(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<void> {
    return this.years.removeHoliday(ability, id);
  }
}
