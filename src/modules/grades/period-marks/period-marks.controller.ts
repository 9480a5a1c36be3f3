import { Body, Controller, Get, HttpStatus, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { SavePeriodMarksDto } from '../dto/period-mark-input.dto';
import { PeriodMarkSuggestionsQueryDto, PeriodMarksQueryDto } from '../dto/period-mark-query.dto';
import { PeriodMarkSuggestionListDto } from '../dto/period-mark-suggestion.dto';
import { PeriodMarkListDto } from '../dto/period-mark.dto';
import { PeriodMarksService } from './period-marks.service';

const READERS =
  'The school’s leadership and the teachers of the class (subject teachers and the class teacher) see every student; a student only their own, a parent only their children’s.';
const ORDER = 'Ordered by kind (period, year, exam, final), period, subject, then student name.';

/** Period, year, exam and final marks (J4) and the marks current marks suggest (J11). */
@ApiTags('marks')
@Controller()
export class PeriodMarksController {
  constructor(private readonly periodMarks: PeriodMarksService) {}

  @Get('classes/:id/period-marks')
  @Endpoint({
    summary: 'List a class’s period, year, exam and final marks',
    description: `Marks given in the class, optionally of one subject, kind and study period. ${READERS} ${ORDER}`,
    permission: ['read', 'PeriodMark'],
    response: PeriodMarkListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listPeriodMarks(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: PeriodMarksQueryDto,
  ): Promise<PeriodMarkListDto> {
    return this.periodMarks.list(ability, id, query);
  }

  @Put('classes/:id/period-marks')
  @Endpoint({
    summary: 'Give, change or delete period, year, exam or final marks of a class',
    description:
      'For the listed students of one subject and kind (and study period, for `kind: period`): a value sets the student’s mark (replacing value and comment), `value: null` deletes it; students left out keep theirs. Values: the subject’s grading scale (its own, else the school’s default), or «н/а» (not attested) and «осв» (exempt), which carry no score. Only a teacher assigned to the class and subject writes them (others get 403). Students must be in the class at some time of the period (of the year for the other kinds). Every bad field is listed at once; nothing is stored unless everything is. A mark of a closed study period (for year marks: once every period of the class’s grade is closed; exam and final marks are not locked by periods) answers 409 `period.closed`; a student’s mark of this slot given in another class (moved during the period) answers 409 `resource.conflict`. Answers every mark of the class in that subject, kind and period.',
    permission: ['update', 'PeriodMark'],
    response: PeriodMarkListDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  savePeriodMarks(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SavePeriodMarksDto,
  ): Promise<PeriodMarkListDto> {
    return this.periodMarks.save(ability, actor, id, body);
  }

  @Get('classes/:id/period-marks/suggestions')
  @Endpoint({
    summary: 'Suggest period or year marks from the marks given',
    description: `For each student of the class in the study period (the year), by name: for \`kind=period\`, the plain and weighted averages of their current marks of the subject in the class’s lessons of the period that were not cancelled (marks without a score, such as «зач», count in \`marksCount\` only); for \`kind=year\`, of their period marks of the year with a score. \`suggested\` is the scale value the weighted average comes nearest to (five-point scale: rounded half up). ${READERS}`,
    permission: ['read', 'PeriodMark'],
    response: PeriodMarkSuggestionListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  suggestPeriodMarks(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: PeriodMarkSuggestionsQueryDto,
  ): Promise<PeriodMarkSuggestionListDto> {
    return this.periodMarks.suggestions(ability, id, query);
  }
}
