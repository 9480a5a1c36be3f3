import { Body, Controller, Delete, Get, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { AttendanceDaysService } from './attendance-days.service';
import { AttendanceWeeksService } from './attendance-weeks.service';
import { DateParam } from '../../core/http/date-param';
import { AttendanceDayDto, DayStudentQueryDto, SetDayReasonDto } from './dto/attendance-day.dto';
import { AttendanceWeekDto, ReconcileWeekDto } from './dto/attendance-week.dto';

const DAY_PARAM = ApiParam({
  name: 'date',
  format: 'date',
  description: 'The day, `YYYY-MM-DD`.',
  example: '2026-09-07',
});
const WEEK_PARAM = ApiParam({
  name: 'date',
  format: 'date',
  description: 'Any day of the week (the week runs from its Monday), `YYYY-MM-DD`.',
  example: '2026-09-09',
});

@ApiTags('attendance')
@Controller('classes/:id/attendance')
export class ClassAttendanceController {
  constructor(
    private readonly days: AttendanceDaysService,
    private readonly weeks: AttendanceWeeksService,
  ) {}

  @Put('days/:date')
  @DAY_PARAM
  @Endpoint({
    summary: 'Set one reason for a student’s whole day',
    description:
      'Sets the reason (e.g. Б with a doctor’s note) in every lesson of the class on that date that the student attends — whole-class lessons and those of their subgroups, cancelled ones left out — creating or updating their entries; the lessons’ `takenAt` is not changed (the other students’ attendance is not taken by it). By the class teacher, or a teacher allowed to record every one of those lessons (403 otherwise). A late arrival (О) is recorded per lesson. A day after today, or without lessons for the student, is refused (409 `resource.conflict`); a day in a closed study period too (409 `period.closed`).',
    permission: ['update', 'Attendance'],
    response: AttendanceDayDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  setDayAbsence(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @DateParam() date: string,
    @Body() body: SetDayReasonDto,
  ): Promise<AttendanceDayDto> {
    return this.days.setReason(ability, actor, id, date, body);
  }

  @Delete('days/:date')
  @DAY_PARAM
  @Endpoint({
    summary: 'Mark a student present for a whole day',
    description:
      'Removes the student’s entries in the lessons of the class on that date that they attend, and answers the day as it is now. Who may: as for setting a day’s reason. A day in a closed study period is refused (409 `period.closed`).',
    permission: ['delete', 'Attendance'],
    response: AttendanceDayDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  clearDayAbsence(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @DateParam() date: string,
    @Query() query: DayStudentQueryDto,
  ): Promise<AttendanceDayDto> {
    return this.days.clear(ability, id, date, query.studentId);
  }

  @Get('weeks/:date')
  @WEEK_PARAM
  @Endpoint({
    summary: 'Get a class’s attendance week for reconciliation',
    description:
      'The week (Monday to Sunday) of the given date: its lessons by day with when their attendance was taken, every student’s absences and totals, how many lessons up to today have no attendance taken, and the class teacher’s reconciliation, if any. For staff who read the class’s attendance.',
    permission: ['read', 'Attendance'],
    response: AttendanceWeekDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getAttendanceWeek(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @DateParam() date: string,
  ): Promise<AttendanceWeekDto> {
    return this.weeks.get(ability, id, date);
  }

  @Post('weeks/:date/reconcile')
  @WEEK_PARAM
  @Endpoint({
    summary: 'Reconcile a class’s attendance week',
    description:
      'The class teacher records that they checked the week (seed 003 §5.2.3), with an optional note; reconciling again records the new check. Refused (409 `resource.conflict`, the lessons listed in `lessons`) while lessons of the week up to today have no attendance taken, unless `force` is true; a week that has not begun is refused too.',
    permission: ['update', 'Attendance'],
    response: AttendanceWeekDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  reconcileAttendanceWeek(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @DateParam() date: string,
    @Body() body: ReconcileWeekDto,
  ): Promise<AttendanceWeekDto> {
    return this.weeks.reconcile(ability, actor, id, date, body);
  }
}
