import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { PageOf, PageQueryDto, type Page } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import { ReportDocumentDto } from './dto/report-document.dto';
import { ReportDto } from './dto/report.dto';
import { RequestReportDto } from './dto/request-report.dto';
import { CONTENT_TYPES } from './render/formats';
import { REPORT_TYPE_TABLE } from './report-types/report-type-names';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Endpoint({
    summary: 'Ask for a report; it is built in the background',
    description: `Checks the type, format and parameters, and who may run this report about this class or school, before anything is queued: a bad parameter answers 400 naming it, an unknown class 404. Answers 202 with the report \`queued\` — poll \`GET /v1/reports/{id}\` until it is \`done\`, then download \`GET /v1/reports/{id}/file\`. The same request over data that has not changed since an earlier equal report is answered \`done\` at once (\`cached: true\`), with that report's file. Students and parents get 404. A printed journal of a period not yet closed answers 409 \`report.period_not_closed\` unless \`draft: true\`.\n\n${REPORT_TYPE_TABLE}`,
    permission: ['read', 'Report'],
    status: HttpStatus.ACCEPTED,
    response: ReportDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  requestReport(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @Body() body: RequestReportDto,
  ): Promise<ReportDto> {
    return this.reports.request(ability, actor, body);
  }

  @Get()
  @Endpoint({
    summary: 'List the reports you asked for, newest first',
    permission: ['read', 'Report'],
    response: PageOf(ReportDto),
  })
  listReports(
    @CurrentAbility() ability: AppAbility,
    @Query() page: PageQueryDto,
  ): Promise<Page<ReportDto>> {
    return this.reports.list(ability, page);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a report: its status, progress, and its file’s name, size and checksum',
    permission: ['read', 'Report'],
    response: ReportDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getReport(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<ReportDto> {
    return this.reports.get(ability, id);
  }

  @Get(':id/file')
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({
    summary: 'Download a report’s file',
    description:
      'The file in the report’s format (JSON, CSV in UTF-8 with BOM and `;`, XLSX, or A4 PDF) with its Russian name in `Content-Disposition` (`filename*`). 409 `report.not_ready` while it is queued or running or when it failed; 410 `report.expired` once the file was deleted. Whether the caller may still run this report is checked again: 404 if no longer.',
    permission: ['read', 'Report'],
    produces: {
      contentType: Object.values(CONTENT_TYPES).map((type) => type.split(';')[0]),
      description: 'The report’s file, as an attachment; in `json` format, the report document.',
      json: ReportDocumentDto,
    },
    errors: [HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.GONE],
  })
  async downloadReport(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<StreamableFile> {
    const { report, stream } = await this.reports.file(ability, id);
    return new StreamableFile(stream, {
      type: CONTENT_TYPES[report.format],
      length: report.sizeBytes ?? undefined,
      disposition: `attachment; filename="report-${report.id}.${report.fileName!.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(report.fileName!)}`,
    });
  }
}
