import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { CellHistoryDto, CellHistoryQueryDto } from './dto/cell-history.dto';
import { CellHistoryService } from './cell-history.service';

@ApiTags('journal')
@Controller()
export class CellHistoryController {
  constructor(private readonly history: CellHistoryService) {}

  @Get('lessons/:lessonId/students/:studentId/history')
  @Endpoint({
    summary: 'History of a journal cell: who changed a mark or an absence, when, from what',
    description:
      'Every change of the student’s marks and attendance entry in the lesson, oldest first (J10): `create`, `update` or `delete` of one record (`recordId`; a cell may hold several marks), its values before and after, who made it, the request and the reason given in `X-Change-Reason`. The database keeps these rows itself (a trigger on every write), so changes made by any path are there: `changedBy` null means the change was made outside the API, by a direct database write. Anyone who may read the cell may read its history — the lesson’s teachers, the class teacher, the leadership, the student and their parents (mark rows need the right to read marks, attendance rows the right to read attendance); to anyone else the cell does not exist (404).',
    permission: ['read', 'Mark'],
    response: CellHistoryDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getCellHistory(
    @CurrentAbility() ability: AppAbility,
    @IdParam('lessonId') lessonId: string,
    @IdParam('studentId') studentId: string,
    @Query() query: CellHistoryQueryDto,
  ): Promise<CellHistoryDto> {
    return this.history.history(ability, lessonId, studentId, query.cell);
  }
}
