import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpStatus,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { CreateMarkDto, SaveLessonMarksDto, UpdateMarkDto } from '../dto/mark-input.dto';
import { MarkDto, MarkListDto } from '../dto/mark.dto';
import { MarksService } from './marks.service';

const WRITERS =
  'Marks are given by the lesson’s teacher, or by the substitute when one is set for its date (then only by them); another teacher of the class gets 403.';
const WRITE_CONFLICTS =
  'A cancelled lesson, or one after today (in the school’s time zone), answers 409 `resource.conflict`: marks are given for lessons that took place. A lesson in a closed study period answers 409 `period.closed` and nothing is stored.';
const CHECKS =
  'The student must be in the lesson’s class on its date (and in its subgroup, when the lesson is for one); the mark type must be the school’s and not archived; the value must be on the subject’s grading scale (its own, else the school’s default). Every bad field is listed at once.';
const TERM =
  'For a mark type with a term to check the work (dictation, test, control work: 3 days), `dueOn` is the lesson’s date plus the term and a mark given after it is `late`.';
const HISTORY =
  'Every change is kept in the journal’s history with who made it and the `X-Change-Reason` header.';

/** Current marks (J3). */
@ApiTags('marks')
@Controller()
export class MarksController {
  constructor(private readonly marks: MarksService) {}

  @Get('lessons/:id/marks')
  @Endpoint({
    summary: 'List the marks of a lesson',
    description:
      'The marks of the lesson the caller may read: its teacher and substitute, the teachers and class teacher of the class and the leadership see all of them; a student only their own, a parent only their children’s. Ordered by student (by name), then by when the mark was given.',
    permission: ['read', 'Mark'],
    response: MarkListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listLessonMarks(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<MarkListDto> {
    return this.marks.listOfLesson(ability, id);
  }

  @Put('lessons/:id/marks')
  @Endpoint({
    summary: 'Save all marks of a lesson at once',
    description: `The lesson’s marks become exactly the list: an item with \`id\` updates that mark; an item without one updates a not yet matched mark of the same student and mark type, or gives a new mark; marks left out are deleted. Repeating the same request changes nothing. A student may have several marks in a lesson. Answers every mark of the lesson after the write. ${WRITERS} ${CHECKS} ${TERM} ${WRITE_CONFLICTS} ${HISTORY}`,
    permission: ['update', 'Mark'],
    response: MarkListDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  saveLessonMarks(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SaveLessonMarksDto,
  ): Promise<MarkListDto> {
    return this.marks.saveLesson(ability, actor, id, body);
  }

  @Post('lessons/:id/marks')
  @Endpoint({
    summary: 'Give a mark in a lesson',
    description: `${WRITERS} ${CHECKS} ${TERM} ${WRITE_CONFLICTS} ${HISTORY}`,
    permission: ['create', 'Mark'],
    status: HttpStatus.CREATED,
    response: MarkDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createMark(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CreateMarkDto,
  ): Promise<MarkDto> {
    return this.marks.create(ability, actor, id, body);
  }

  @Get('marks/:id')
  @Endpoint({
    summary: 'Get a mark',
    description:
      'Staff of the class and the lesson’s teachers read every mark of it; a student reads their own marks, a parent their children’s.',
    permission: ['read', 'Mark'],
    response: MarkDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getMark(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<MarkDto> {
    return this.marks.get(ability, id);
  }

  @Patch('marks/:id')
  @Endpoint({
    summary: 'Change a mark',
    description: `Its value, mark type or comment; fields left out are kept, a null comment clears it. A changed mark type recomputes \`dueOn\`; \`late\` stays as decided when the mark was given. ${WRITERS} ${WRITE_CONFLICTS} ${HISTORY}`,
    permission: ['update', 'Mark'],
    response: MarkDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PRECONDITION_FAILED,
    ],
    ifMatch: true,
  })
  updateMark(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateMarkDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MarkDto> {
    return this.marks.update(ability, id, body, ifMatch);
  }

  @Delete('marks/:id')
  @Endpoint({
    summary: 'Delete a mark',
    description: `${WRITERS} A mark in a closed study period answers 409 \`period.closed\`. ${HISTORY}`,
    permission: ['delete', 'Mark'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  deleteMark(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<void> {
    return this.marks.remove(ability, id);
  }
}
