import { Body, Controller, Get, Headers, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import {
  CreateGradingScaleDto,
  GradingScaleDto,
  UpdateGradingScaleDto,
} from './dto/grading-scale.dto';
import { CreateMarkTypeDto, MarkTypeDto, UpdateMarkTypeDto } from './dto/mark-type.dto';
import { ListReferenceItemsQueryDto } from './dto/reference-item.dto';
import { ItemsOf, type Items } from '../../core/http/pagination';
import {
  CreateLessonTypeDto,
  CreateSubjectDto,
  LessonTypeDto,
  SubjectDto,
  UpdateLessonTypeDto,
  UpdateSubjectDto,
} from './dto/subject.dto';
import { GRADING_SCALES, LESSON_TYPES, MARK_TYPES, SUBJECTS } from './reference-kinds';
import { ReferenceDataService } from './reference-data.service';

export const LIST_DESCRIPTION =
  'Ordered by name. Only active items unless `archived=true` (then only archived ones).';
export const CREATE_ERRORS = [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT];
export const UPDATE_ERRORS = [
  HttpStatus.FORBIDDEN,
  HttpStatus.NOT_FOUND,
  HttpStatus.CONFLICT,
  HttpStatus.PRECONDITION_FAILED,
];
export const UPDATE_DESCRIPTION =
  'Renames or changes the item; `archived: true` archives it (items are never deleted: lessons and marks refer to them), `archived: false` brings it back.';

/** Subjects, lesson types, mark types and grading scales of a school (O1, J3). */
@ApiTags('reference-data')
@Controller()
export class TeachingReferenceController {
  constructor(private readonly referenceData: ReferenceDataService) {}

  @Get('schools/:schoolId/subjects')
  @Endpoint({
    summary: 'List a school’s subjects',
    description: LIST_DESCRIPTION,
    permission: ['read', 'ReferenceData'],
    response: ItemsOf(SubjectDto),
  })
  listSubjects(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListReferenceItemsQueryDto,
  ): Promise<Items<SubjectDto>> {
    return this.referenceData.list(SUBJECTS, ability, schoolId, query.archived);
  }

  @Post('schools/:schoolId/subjects')
  @Endpoint({
    summary: 'Add a subject',
    permission: ['create', 'ReferenceData'],
    status: HttpStatus.CREATED,
    response: SubjectDto,
    errors: CREATE_ERRORS,
    idempotent: true,
  })
  createSubject(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateSubjectDto,
  ): Promise<SubjectDto> {
    return this.referenceData.create(SUBJECTS, ability, schoolId, { ...body });
  }

  @Patch('subjects/:id')
  @Endpoint({
    summary: 'Change or archive a subject',
    description: UPDATE_DESCRIPTION,
    permission: ['update', 'ReferenceData'],
    response: SubjectDto,
    errors: UPDATE_ERRORS,
    ifMatch: true,
  })
  updateSubject(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateSubjectDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SubjectDto> {
    return this.referenceData.update(SUBJECTS, ability, id, { ...body }, ifMatch);
  }

  @Get('schools/:schoolId/lesson-types')
  @Endpoint({
    summary: 'List a school’s lesson types',
    description: LIST_DESCRIPTION,
    permission: ['read', 'ReferenceData'],
    response: ItemsOf(LessonTypeDto),
  })
  listLessonTypes(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListReferenceItemsQueryDto,
  ): Promise<Items<LessonTypeDto>> {
    return this.referenceData.list(LESSON_TYPES, ability, schoolId, query.archived);
  }

  @Post('schools/:schoolId/lesson-types')
  @Endpoint({
    summary: 'Add a lesson type',
    permission: ['create', 'ReferenceData'],
    status: HttpStatus.CREATED,
    response: LessonTypeDto,
    errors: CREATE_ERRORS,
    idempotent: true,
  })
  createLessonType(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateLessonTypeDto,
  ): Promise<LessonTypeDto> {
    return this.referenceData.create(LESSON_TYPES, ability, schoolId, { ...body });
  }

  @Patch('lesson-types/:id')
  @Endpoint({
    summary: 'Change or archive a lesson type',
    description: UPDATE_DESCRIPTION,
    permission: ['update', 'ReferenceData'],
    response: LessonTypeDto,
    errors: UPDATE_ERRORS,
    ifMatch: true,
  })
  updateLessonType(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateLessonTypeDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<LessonTypeDto> {
    return this.referenceData.update(LESSON_TYPES, ability, id, { ...body }, ifMatch);
  }

  @Get('schools/:schoolId/mark-types')
  @Endpoint({
    summary: 'List a school’s mark types with their weights',
    description: LIST_DESCRIPTION,
    permission: ['read', 'ReferenceData'],
    response: ItemsOf(MarkTypeDto),
  })
  listMarkTypes(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListReferenceItemsQueryDto,
  ): Promise<Items<MarkTypeDto>> {
    return this.referenceData.list(MARK_TYPES, ability, schoolId, query.archived);
  }

  @Post('schools/:schoolId/mark-types')
  @Endpoint({
    summary: 'Add a mark type',
    permission: ['create', 'ReferenceData'],
    status: HttpStatus.CREATED,
    response: MarkTypeDto,
    errors: CREATE_ERRORS,
    idempotent: true,
  })
  createMarkType(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateMarkTypeDto,
  ): Promise<MarkTypeDto> {
    return this.referenceData.create(MARK_TYPES, ability, schoolId, { ...body });
  }

  @Patch('mark-types/:id')
  @Endpoint({
    summary: 'Change, reweigh or archive a mark type',
    description: UPDATE_DESCRIPTION,
    permission: ['update', 'ReferenceData'],
    response: MarkTypeDto,
    errors: UPDATE_ERRORS,
    ifMatch: true,
  })
  updateMarkType(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateMarkTypeDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MarkTypeDto> {
    return this.referenceData.update(MARK_TYPES, ability, id, { ...body }, ifMatch);
  }

  @Get('schools/:schoolId/grading-scales')
  @Endpoint({
    summary: 'List a school’s grading scales',
    description: `${LIST_DESCRIPTION} Every school starts with «Пятибалльная» (5…1, the default) and «Зачёт / незачёт» (зач, незач: no score).`,
    permission: ['read', 'ReferenceData'],
    response: ItemsOf(GradingScaleDto),
  })
  listGradingScales(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListReferenceItemsQueryDto,
  ): Promise<Items<GradingScaleDto>> {
    return this.referenceData.list(GRADING_SCALES, ability, schoolId, query.archived);
  }

  @Post('schools/:schoolId/grading-scales')
  @Endpoint({
    summary: 'Add a grading scale',
    description:
      '2–20 distinct values, each with the score it counts for in averages (null: it does not count). «н/а» and «осв» are reserved for period marks. `isDefault: true` makes it the school’s default scale in place of the previous one.',
    permission: ['create', 'ReferenceData'],
    status: HttpStatus.CREATED,
    response: GradingScaleDto,
    errors: CREATE_ERRORS,
    idempotent: true,
  })
  createGradingScale(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateGradingScaleDto,
  ): Promise<GradingScaleDto> {
    return this.referenceData.create(GRADING_SCALES, ability, schoolId, { ...body });
  }

  @Patch('grading-scales/:id')
  @Endpoint({
    summary: 'Change, make default or archive a grading scale',
    description: `${UPDATE_DESCRIPTION} \`isDefault: true\` makes it the school’s default in place of the previous one; the default scale cannot be archived or un-defaulted (409 \`resource.conflict\`). Marks already given keep the value and score they were given with.`,
    permission: ['update', 'ReferenceData'],
    response: GradingScaleDto,
    errors: UPDATE_ERRORS,
    ifMatch: true,
  })
  updateGradingScale(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateGradingScaleDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<GradingScaleDto> {
    return this.referenceData.update(GRADING_SCALES, ability, id, { ...body }, ifMatch);
  }
}
