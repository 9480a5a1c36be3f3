import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { PageOf, PageQueryDto, type Page } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import { PrintedJournalDto } from './dto/printed-journal.dto';
import { PrintedJournalsService } from './printed-journals.service';

@ApiTags('reports')
@Controller('classes')
export class PrintedJournalsController {
  constructor(private readonly printed: PrintedJournalsService) {}

  @Get(':id/printed-journals')
  @Endpoint({
    summary: 'List the printed copies of a class’s journal, newest first',
    description:
      'Every printed journal (J9, `POST /v1/reports` with `type: printed-journal`) of the class that produced a file, whoever printed it: the period or year, whether it was a draft, its page count (the N of its certification sheet), the PDF’s SHA-256, who printed it and when. Copies whose file was deleted after the retention period stay listed. Seen by the school’s leadership and the class’s class teacher (those who may print it); 404 for everyone else.',
    permission: ['read', 'Report'],
    response: PageOf(PrintedJournalDto),
    errors: [HttpStatus.NOT_FOUND],
  })
  listPrintedJournals(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<PrintedJournalDto>> {
    return this.printed.list(ability, id, page);
  }
}
