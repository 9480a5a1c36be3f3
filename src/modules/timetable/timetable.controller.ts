import { Body, Controller, Get, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import {
  LessonGenerationDto,
  RegenerateLessonsDto,
  ReplaceTimetableDto,
  TimetableChangeDto,
  TimetableDto,
  TimetableQueryDto,
} from './dto/timetable.dto';
import { TimetableService } from './timetable.service';

const CONFLICTS =
  'A clash is refused with 409 `timetable.conflict`; `conflicts` lists every one: `{ kind: teacher|room|class|subgroup, weekday, lessonNumber, cellIndex, message, with: { classId, className, subject, teacher, room, subgroup, cellIndex | cellId, validFrom, validUntil } }`.';

@ApiTags('timetable')
@Controller('classes/:id')
export class TimetableController {
  constructor(private readonly timetable: TimetableService) {}

  @Get('timetable')
  @Endpoint({
    summary: 'A class’s weekly timetable as in force on a date',
    description:
      'Staff read every class’s timetable; students and parents their own (their children’s) class’s.',
    permission: ['read', 'Timetable'],
    response: TimetableDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getTimetable(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: TimetableQueryDto,
  ): Promise<TimetableDto> {
    return this.timetable.get(ability, id, query.on);
  }

  @Put('timetable')
  @Endpoint({
    summary: 'Replace a class’s week from a date to the end of a study period',
    description: `The cells before \`effectiveFrom\` stay as they were; those in force across it end the day before; the new ones run to the end of the period. Each cell needs a lesson number of the bell schedule, a current subject and room, a teacher with a teaching assignment for the class and subject (or subgroup), and a subgroup of the class’s split for the subject. ${CONFLICTS} A teacher or room is checked against every class of the school, a whole-class cell against every other cell of the class in its slot, parallel subgroups of different splits against sharing a student. Then the class’s lessons from \`effectiveFrom\` to the end of the period are regenerated (\`generation\`). A closed period answers 409 \`period.closed\`.`,
    permission: ['update', 'Timetable'],
    response: TimetableChangeDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  replaceTimetable(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: ReplaceTimetableDto,
  ): Promise<TimetableChangeDto> {
    return this.timetable.replace(ability, id, body);
  }

  @Post('lessons/regenerate')
  @Endpoint({
    summary: 'Regenerate a class’s lessons from its timetable for a range of dates',
    description:
      'Idempotent: lessons are matched by date, lesson number, subject and subgroup; a match keeps what was recorded and follows the timetable’s teacher and room; missing lessons are added; blank lessons the timetable no longer has are removed, recorded ones are kept and listed. Holidays and days outside study periods get no lessons; lessons added by hand are never touched. At most 366 days.',
    permission: ['update', 'Timetable'],
    response: LessonGenerationDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  regenerateLessons(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: RegenerateLessonsDto,
  ): Promise<LessonGenerationDto> {
    return this.timetable.regenerate(ability, id, body);
  }
}
