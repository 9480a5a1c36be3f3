import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import {
  ClassJournalControlDto,
  JournalControlQueryDto,
  SchoolJournalControlDto,
  SchoolJournalControlQueryDto,
} from './dto/journal-control.dto';
import { JournalControlService } from './journal-control.service';

const TERMS =
  '“Past” is before today in the school’s time zone; cancelled lessons do not count. A student is flagged without marks («накопляемость») when their latest `withoutMarksFor` taken lessons of a subject in the period have no mark of theirs (a mark given today clears it); only students enrolled on the period’s last day (today, if sooner) are listed, and a lesson of a subgroup counts for its members.';

/** Journal-keeping control (J6) and the forecast of results (J11). */
@ApiTags('journal')
@Controller()
export class JournalControlController {
  constructor(private readonly control: JournalControlService) {}

  @Get('classes/:id/journal/control')
  @Endpoint({
    summary:
      'Journal-keeping control of a class: unmarked students, unrecorded lessons, late marks, forecast',
    description: `For one study period (by default the one containing today for the class’s grade, else the latest before today) and one subject or all: students without marks for several lessons, past lessons without a topic, past lessons whose attendance was not taken, marks given after their term (\`late\`), and per student and subject the marks so far, their weighted average and the period mark it suggests on the subject’s grading scale (\`forecast\`). ${TERMS} For the class teacher, the class’s teachers and the school’s leadership; to anyone else the class does not exist (404).`,
    permission: ['read', 'Mark'],
    response: ClassJournalControlDto,
    errors: [HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  getClassJournalControl(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: JournalControlQueryDto,
  ): Promise<ClassJournalControlDto> {
    return this.control.ofClass(ability, id, query);
  }

  @Get('schools/:id/journal/control')
  @Endpoint({
    summary: 'Journal-keeping control of a school: the figures of every class',
    description: `For the deputy’s overview: per class, the past lessons without a topic, those without attendance, the late marks and the students flagged without marks (each student once). Without \`studyPeriodId\`, each class of the current academic year is checked over its own current period (quarters and half-years differ by grade); with it, the classes of that period’s grades. Lists the classes whose marks the caller may read (the leadership: every class; a teacher: the classes they teach or lead). ${TERMS}`,
    permission: ['read', 'Mark'],
    response: SchoolJournalControlDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getSchoolJournalControl(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: SchoolJournalControlQueryDto,
  ): Promise<SchoolJournalControlDto> {
    return this.control.ofSchool(ability, id, query);
  }
}
