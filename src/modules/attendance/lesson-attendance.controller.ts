import { Body, Controller, Get, Headers, HttpStatus, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { LessonAttendanceDto } from './dto/attendance.dto';
import { TakeAttendanceDto } from './dto/take-attendance.dto';
import { LessonAttendanceService } from './lesson-attendance.service';

@ApiTags('attendance')
@Controller()
export class LessonAttendanceController {
  constructor(private readonly attendance: LessonAttendanceService) {}

  @Get('lessons/:id/attendance')
  @Endpoint({
    summary: 'Get the attendance of a lesson',
    description:
      'Absences and late arrivals of the lesson, with `takenAt` telling "everyone was present" (taken, no entries) from "not taken yet" (null). Staff who read the class’s attendance (leadership, medical staff, the psychologist, the class’s teachers and class teacher) see every entry; a student sees their own, a parent their children’s.',
    permission: ['read', 'Attendance'],
    response: LessonAttendanceDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getLessonAttendance(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<LessonAttendanceDto> {
    return this.attendance.get(ability, id);
  }

  @Put('lessons/:id/attendance')
  @Endpoint({
    summary: 'Take the attendance of a whole lesson',
    description:
      'The list is the lesson’s whole attendance: its entries become exactly the absences given (students not listed were present; an empty list: everyone was), and `takenAt` is set. An unchanged entry is not rewritten, so repeating a take adds nothing to the history of its cells. By the lesson’s teacher (the substitute, when one is set) or the class teacher. Every student must be one of the lesson (enrolled in the class on its date, in its subgroup if it has one) and listed once; the reason one of the school’s current reasons; `minutesLate` (1–240) only with the late arrival (О). A cancelled lesson and one after today are refused (409 `resource.conflict`), as is one in a closed study period (409 `period.closed`).',
    permission: ['update', 'Attendance'],
    response: LessonAttendanceDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PRECONDITION_FAILED,
    ],
    ifMatch: true,
  })
  takeLessonAttendance(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: TakeAttendanceDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<LessonAttendanceDto> {
    return this.attendance.take(ability, actor, id, body, ifMatch);
  }
}
