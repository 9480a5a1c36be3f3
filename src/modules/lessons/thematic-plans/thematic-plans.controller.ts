import { Body, Controller, Delete, Get, HttpStatus, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Actor } from '../../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import {
  ImportRoute,
  UploadedImport,
  type ImportUpload,
} from '../../../core/http/uploads/import-body';
import { CSV_TYPE, XLSX_TYPE } from '../../../core/http/uploads/import-file';
import type { AppAbility } from '../../../core/policy/subjects';
import { PlanImportRejectedProblemDto, PlanImportResultDto } from './dto/plan-import.dto';
import {
  ImportThematicPlanQueryDto,
  MAX_TOPICS,
  SaveThematicPlanDto,
  SuggestedTopicDto,
  ThematicPlanDto,
  ThematicPlanListDto,
  ThematicPlanTargetQueryDto,
} from './dto/thematic-plan.dto';
import { ThematicPlansService } from './thematic-plans.service';

const WHO_WRITES =
  'A teacher writes only their own plans (the teacher must hold the teaching assignment for the class, subject and subgroup); the admin and the deputy write any. 404 when the caller cannot see the class, 403 when they can but may not write this plan.';

@ApiTags('thematic-plans')
@Controller()
export class ThematicPlansController {
  constructor(private readonly plans: ThematicPlansService) {}

  @Get('classes/:id/thematic-plans')
  @Endpoint({
    summary: 'Thematic plans of a class',
    description:
      'The plans the caller may read: the leadership all, a class teacher those of their class, a teacher their own.',
    permission: ['read', 'ThematicPlan'],
    response: ThematicPlanListDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  listThematicPlans(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<ThematicPlanListDto> {
    return this.plans.list(ability, id);
  }

  @Put('classes/:id/thematic-plans/:subjectId')
  @Endpoint({
    summary: 'Create or replace the thematic plan of a subject in a class (or one subgroup)',
    description: [
      'The topics are kept by position: the topic at a position that still exists keeps its id (its title and hours are updated), so lessons linked to it stay linked; new positions are added, and topics beyond the new length removed (their lessons keep their topic text, the link becomes null).',
      WHO_WRITES,
    ].join('\n\n'),
    permission: ['update', 'ThematicPlan'],
    response: ThematicPlanDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  saveThematicPlan(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('subjectId') subjectId: string,
    @Query() query: ThematicPlanTargetQueryDto,
    @Body() body: SaveThematicPlanDto,
  ): Promise<ThematicPlanDto> {
    return this.plans.save(
      ability,
      actor,
      { classId: id, subjectId, subgroupId: query.subgroupId, teacherId: body.teacherId },
      body.topics,
    );
  }

  @Post('classes/:id/thematic-plans/:subjectId/import')
  @ImportRoute()
  @Endpoint({
    summary: 'Import the thematic plan of a subject in a class from CSV or XLSX',
    description: [
      'The body is the file itself: `text/csv` (UTF-8, with or without BOM, `;` or `,` between cells) or XLSX (its first worksheet).',
      'The first row holds the column headers (case-insensitive): «Тема» and «Часы» (1–200), and optionally «№» (or «Номер»), whose numbers give the order of the topics; without it the order is that of the rows. Other columns are ignored.',
      `1–${MAX_TOPICS} topics; empty rows are skipped. A file that cannot be read, or lacks a column, is a 400 naming \`file\`.`,
      '`dryRun=true` reads and checks every row, writing nothing. `dryRun=false` replaces the plan as `PUT` does (topics kept by position), or, if any row has an error, changes nothing (422 `import.rejected` listing the rows with errors).',
      WHO_WRITES,
    ].join('\n\n'),
    permission: ['update', 'ThematicPlan'],
    response: PlanImportResultDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PAYLOAD_TOO_LARGE,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ],
  })
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiBody({
    description: 'The plan file (at most 5 MiB).',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiExtraModels(PlanImportRejectedProblemDto)
  @ApiResponse({
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    description: 'A real run refused: rows of the file have errors; the plan was not changed.',
    content: {
      'application/problem+json': {
        schema: { $ref: getSchemaPath(PlanImportRejectedProblemDto) },
      },
    },
  })
  importThematicPlan(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('subjectId') subjectId: string,
    @Query() query: ImportThematicPlanQueryDto,
    @UploadedImport() upload: ImportUpload,
  ): Promise<PlanImportResultDto> {
    return this.plans.importFile(
      ability,
      actor,
      { classId: id, subjectId, subgroupId: query.subgroupId, teacherId: query.teacherId },
      upload,
      query.dryRun,
    );
  }

  @Get('thematic-plans/:id')
  @Endpoint({
    summary: 'A thematic plan with its topics',
    description:
      'Each topic’s `deliveredHours` counts the lessons linked to it (`planTopicId`) that are not cancelled.',
    permission: ['read', 'ThematicPlan'],
    response: ThematicPlanDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getThematicPlan(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<ThematicPlanDto> {
    return this.plans.get(ability, id);
  }

  @Delete('thematic-plans/:id')
  @Endpoint({
    summary: 'Delete a thematic plan',
    description: 'Its lessons keep their topic text; their link to the plan’s topics becomes null.',
    permission: ['delete', 'ThematicPlan'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  deleteThematicPlan(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<void> {
    return this.plans.remove(ability, id);
  }

  @Get('lessons/:id/suggested-topic')
  @Endpoint({
    summary: 'The next topic of the thematic plan for a lesson',
    description:
      'From the plan of the lesson’s class, subject and subgroup: the first topic (by position) whose linked, not cancelled lessons other than this one are fewer than its hours. `topic` is null when there is no plan or every topic is delivered.',
    permission: ['read', 'Lesson'],
    response: SuggestedTopicDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  suggestTopic(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<SuggestedTopicDto> {
    return this.plans.suggestedTopic(ability, id);
  }
}
