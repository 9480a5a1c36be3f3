import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpStatus,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { ClassesService } from './classes.service';
import {
  CreateSchoolClassDto,
  ListSchoolClassesQueryDto,
  SchoolClassDto,
  SchoolClassListDto,
  UpdateSchoolClassDto,
} from './dto/class.dto';

@ApiTags('classes')
@Controller()
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get('schools/:schoolId/classes')
  @Endpoint({
    summary: 'List a school’s classes',
    description:
      'The classes the caller may see: all of them for the school’s administration, the led and taught classes for a teacher, their own class for a student, their children’s for a parent.',
    permission: ['read', 'SchoolClass'],
    response: SchoolClassListDto,
  })
  listClasses(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListSchoolClassesQueryDto,
  ): Promise<SchoolClassListDto> {
    return this.classes.list(ability, schoolId, query);
  }

  @Post('schools/:schoolId/classes')
  @Endpoint({
    summary: 'Create a class in an academic year',
    permission: ['create', 'SchoolClass'],
    status: HttpStatus.CREATED,
    response: SchoolClassDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createClass(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreateSchoolClassDto,
  ): Promise<SchoolClassDto> {
    return this.classes.create(ability, schoolId, body);
  }

  @Get('classes/:id')
  @Endpoint({
    summary: 'Get a class',
    permission: ['read', 'SchoolClass'],
    response: SchoolClassDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getClass(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<SchoolClassDto> {
    return this.classes.get(ability, id);
  }

  @Patch('classes/:id')
  @Endpoint({
    summary: 'Change a class’s letter or class teacher',
    description:
      'The class teacher gets the rights of a class teacher (their class’s students and parents, subgroups) from their next request.',
    permission: ['update', 'SchoolClass'],
    response: SchoolClassDto,
    errors: [
      HttpStatus.FORBIDDEN,
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.PRECONDITION_FAILED,
    ],
    ifMatch: true,
  })
  updateClass(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateSchoolClassDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SchoolClassDto> {
    return this.classes.update(ability, id, body, ifMatch);
  }

  @Delete('classes/:id')
  @Endpoint({
    summary: 'Delete a class nobody was ever enrolled in',
    description: 'A class with enrollments (even ended ones) is kept: 409.',
    permission: ['delete', 'SchoolClass'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  deleteClass(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<void> {
    return this.classes.remove(ability, id);
  }
}
