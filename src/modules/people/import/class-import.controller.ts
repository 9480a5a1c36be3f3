import { Controller, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentAbility } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { ClassImportService } from './class-import.service';
import { ImportClassListQueryDto } from './dto/import-query.dto';
import { ImportRejectedProblemDto, ImportResultDto } from './dto/import-result.dto';
import {
  ImportRoute,
  UploadedImport,
  type ImportUpload,
} from '../../../core/http/uploads/import-body';
import { CSV_TYPE, XLSX_TYPE } from '../../../core/http/uploads/import-file';
import { MAX_DATA_ROWS } from './row-validator';

@ApiTags('class-imports')
@Controller('classes')
export class ClassImportController {
  constructor(private readonly imports: ClassImportService) {}

  @Post(':id/imports')
  @ImportRoute()
  @Endpoint({
    summary: 'Import a class list with parents from CSV or XLSX',
    description: [
      'The body is the file itself: `text/csv` (UTF-8, with or without BOM, `;` or `,` between cells) or XLSX (its first worksheet).',
      'The first row holds the column headers (case-insensitive): Фамилия, Имя, Отчество, Дата рождения (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД), Пол (М/Ж), Телефон, Email, Адрес, and for each parent N of 1 and 2: «Родитель N Фамилия», «Родитель N Имя», «Родитель N Отчество», «Родитель N Кем приходится» (мать, отец, бабушка, дедушка, опекун, попечитель, другое), «Родитель N Телефон», «Родитель N Email». English aliases: last_name, first_name, middle_name, birth_date, sex, phone, email, address, parent1_last_name, …',
      `At most ${MAX_DATA_ROWS} data rows; empty rows are skipped. A file that cannot be read, or has unknown or missing columns, is a 400 naming \`file\`.`,
      '`dryRun=true` checks every row and shows what would be done, writing nothing. `dryRun=false` imports all rows in one transaction, or, if any row has an error, nothing (422 `import.rejected` listing the rows with errors).',
      'Students are matched by name and birth date, parents by name and phone or e-mail (or an existing link to the student), so importing the same file again creates nothing new. A student enrolled in another class is an error: transfers are made by movement orders.',
    ].join('\n\n'),
    permission: ['create', 'ClassList'],
    response: ImportResultDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.PAYLOAD_TOO_LARGE,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ],
  })
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiBody({
    description: 'The class list file (at most 5 MiB).',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiExtraModels(ImportRejectedProblemDto)
  @ApiResponse({
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    description: 'A real run refused: rows of the file have errors; nothing was imported.',
    content: {
      'application/problem+json': { schema: { $ref: getSchemaPath(ImportRejectedProblemDto) } },
    },
  })
  importClassList(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Query() query: ImportClassListQueryDto,
    @UploadedImport() upload: ImportUpload,
  ): Promise<ImportResultDto> {
    return this.imports.importClassList(ability, id, upload, query);
  }
}
