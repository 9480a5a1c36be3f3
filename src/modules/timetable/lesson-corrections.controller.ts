import { Body, Controller, Delete, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { LessonDto } from '../lessons/dto/lesson.dto';
import {
  CancelLessonDto,
  CreateManualLessonDto,
  SubstitutionInputDto,
} from './dto/lesson-corrections.dto';
import { LessonCorrectionsService } from './lesson-corrections.service';

const CONFLICTS =
  'A clash with another scheduled lesson of the same date and lesson number is refused with 409 `timetable.conflict`; `conflicts` lists every one (`{ kind, date, lessonNumber, message, with: { classId, className, subject, teacher, room, subgroup, lessonId } }`).';

/** Timetable changes of single dated lessons: substitutions, cancellations, added lessons. */
@ApiTags('timetable')
@Controller()
export class LessonCorrectionsController {
  constructor(private readonly corrections: LessonCorrectionsService) {}

  @Post('classes/:id/lessons')
  @Endpoint({
    summary: 'Add a lesson by hand',
    description: `Outside the timetable (origin \`manual\`): regenerating never touches it. The date must be a school day of a study period of the class’s grade, not a holiday; the rest is checked as a timetable cell. ${CONFLICTS}`,
    permission: ['create', 'Timetable'],
    status: HttpStatus.CREATED,
    response: LessonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  addLesson(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: CreateManualLessonDto,
  ): Promise<LessonDto> {
    return this.corrections.addManual(ability, id, body);
  }

  @Delete('lessons/:id')
  @Endpoint({
    summary: 'Delete a lesson added by hand',
    description:
      'Only a lesson added by hand with nothing recorded in it; otherwise 409 `resource.conflict` (a timetable lesson is cancelled instead).',
    permission: ['delete', 'Timetable'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  deleteLesson(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<void> {
    return this.corrections.removeManual(ability, id);
  }

  @Put('lessons/:id/substitution')
  @Endpoint({
    summary: 'Substitute another teacher for one lesson',
    description: `The substitute (a member of staff other than the lesson’s teacher) teaches and records the lesson on its date; \`roomId\` moves it to another room. A cancelled lesson answers 409 \`resource.conflict\`. ${CONFLICTS}`,
    permission: ['update', 'Timetable'],
    response: LessonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  setSubstitution(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: SubstitutionInputDto,
  ): Promise<LessonDto> {
    return this.corrections.substitute(ability, id, body);
  }

  @Delete('lessons/:id/substitution')
  @Endpoint({
    summary: 'Remove a lesson’s substitution',
    description: 'The lesson’s own teacher teaches it again; its room stays as it is.',
    permission: ['update', 'Timetable'],
    response: LessonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  removeSubstitution(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<LessonDto> {
    return this.corrections.removeSubstitution(ability, id);
  }

  @Post('lessons/:id/cancel')
  @Endpoint({
    summary: 'Cancel a lesson',
    description:
      'It stays in the class’s lessons with status `cancelled` and the reason, and frees its slot. An already cancelled lesson answers 409 `resource.conflict`.',
    permission: ['update', 'Timetable'],
    response: LessonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  cancelLesson(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: CancelLessonDto,
  ): Promise<LessonDto> {
    return this.corrections.cancel(ability, id, body);
  }

  @Post('lessons/:id/restore')
  @Endpoint({
    summary: 'Schedule a cancelled lesson again',
    description: `Its slot is checked again: ${CONFLICTS} A lesson that is not cancelled answers 409 \`resource.conflict\`.`,
    permission: ['update', 'Timetable'],
    response: LessonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  restoreLesson(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<LessonDto> {
    return this.corrections.restore(ability, id);
  }
}
