import { Body, Controller, Get, Headers, HttpStatus, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { ClassLessonsQueryDto, LessonRangeQueryDto } from './dto/lesson-query.dto';
import { LessonDto, LessonListDto } from './dto/lesson.dto';
import { RecordLessonDto } from './dto/record-lesson.dto';
import { MAX_RANGE_DAYS } from './lesson-dates';
import { LessonsService } from './lessons.service';

const NOTES = '`notes` are shown to staff; for students and parents they are always null.';

@ApiTags('lessons')
@Controller()
export class LessonsController {
  constructor(private readonly lessons: LessonsService) {}

  @Get('lessons/:id')
  @Endpoint({
    summary: 'Get a lesson and what was recorded in it',
    description: `A teacher sees the lessons they teach or substitute and every lesson of the class they lead; the school’s leadership sees all; students and parents see their class’s. ${NOTES}`,
    permission: ['read', 'Lesson'],
    response: LessonDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getLesson(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
  ): Promise<LessonDto> {
    return this.lessons.get(ability, actor, id);
  }

  @Patch('lessons/:id')
  @Endpoint({
    summary: 'Record a lesson: topic, type, content, homework, notes',
    description:
      'By the lesson’s teacher, or by the substitute when one is set (then only by them). Fields left out are kept, null clears them. Control, practical and laboratory works and excursions need a topic naming them. Homework without `homeworkDueOn` is due on the date of the next scheduled lesson of the same class, subject and subgroup. A cancelled lesson (409 `resource.conflict`) and a lesson in a closed study period (409 `period.closed`) cannot be recorded.',
    permission: ['update', 'Lesson'],
    response: LessonDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PRECONDITION_FAILED,
    ],
    ifMatch: true,
  })
  recordLesson(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: RecordLessonDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<LessonDto> {
    return this.lessons.record(ability, actor, id, body, ifMatch);
  }

  @Get('classes/:id/lessons')
  @Endpoint({
    summary: 'List a class’s lessons over some dates (its week by default)',
    description: `The class’s dated lessons the caller may read, ordered by date, lesson number and subgroup (lessons of subgroups run in parallel): by default the week from this Monday (in the school’s time zone), at most ${MAX_RANGE_DAYS} days. A subject teacher sees their own lessons of the class, the class teacher and the leadership all of them, students and parents their class’s. ${NOTES}`,
    permission: ['read', 'Lesson'],
    response: LessonListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listClassLessons(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ClassLessonsQueryDto,
  ): Promise<LessonListDto> {
    return this.lessons.listOfClass(ability, actor, id, query);
  }

  @Get('me/lessons')
  @Endpoint({
    summary: 'List my lessons (a teacher’s day or week)',
    description: `Lessons the caller teaches: those of their staff card nobody substitutes, and those they substitute. Cancelled lessons are included with their status. By default today (in the school’s time zone), at most ${MAX_RANGE_DAYS} days; empty for an account without a staff card.`,
    permission: ['read', 'Lesson'],
    response: LessonListDto,
  })
  listMyLessons(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Query() query: LessonRangeQueryDto,
  ): Promise<LessonListDto> {
    return this.lessons.listMine(ability, actor, query);
  }
}
