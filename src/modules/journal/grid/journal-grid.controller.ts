import { Controller, Get, Header, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { JournalGridDto, JournalGridQueryDto } from './dto/journal-grid.dto';
import { JournalGridService } from './journal-grid.service';
import { JSON_CONTENT_TYPE, type JsonText } from './journal-read';

@ApiTags('journal')
@Controller()
export class JournalGridController {
  constructor(private readonly grids: JournalGridService) {}

  @Get('classes/:id/journal')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @Endpoint({
    summary: 'The journal page of a class for a subject and study period',
    description:
      'Lessons of the subject in the period (columns) and the students enrolled at some date of it (rows) with their marks, absences, plain and weighted averages (over marks with a score, 2 decimals) and absence counts; the class average over every mark of the grid. With `subgroupId`: that subgroup’s members, its lessons and the whole-class lessons. The school’s leadership and the teachers of the class see every row; a student sees only their own row and a parent only their children’s (with the lessons and the class average); anyone else gets 404. A subject, period or subgroup that is not the class’s answers 400.',
    permission: ['read', 'Mark'],
    response: JournalGridDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getJournal(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: JournalGridQueryDto,
  ): Promise<JsonText> {
    return this.grids.grid(ability, id, query);
  }
}
