import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { ItemsOf, PageOf, type Items, type Page } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import { GuardianshipDto, LinkParentDto } from './dto/guardianship.dto';
import { CreatePersonDto, ListPeopleQueryDto, PersonDto, UpdatePersonDto } from './dto/person.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('schools/:schoolId/people')
  @Endpoint({
    summary: 'List or search the people of a school',
    description:
      'Students, parents and staff the caller may see, by kind and by part of the name (case-insensitive; «ё» matches «е»).',
    permission: ['read', 'Person'],
    response: PageOf(PersonDto),
  })
  listPeople(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Query() query: ListPeopleQueryDto,
  ): Promise<Page<PersonDto>> {
    return this.people.list(ability, schoolId, query);
  }

  @Post('schools/:schoolId/people')
  @Endpoint({
    summary: 'Add a person card',
    description:
      'The secretary and the admin add students, parents and staff; a class teacher adds parents. A card needs no account: credentials are issued separately.',
    permission: ['create', 'Person'],
    status: HttpStatus.CREATED,
    response: PersonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
    idempotent: true,
  })
  createPerson(
    @CurrentAbility() ability: AppAbility,
    @IdParam('schoolId') schoolId: string,
    @Body() body: CreatePersonDto,
  ): Promise<PersonDto> {
    return this.people.create(ability, schoolId, body);
  }

  @Get('people/:id')
  @Endpoint({
    summary: 'Get a person card',
    description:
      'The card only: documents, health data and the personal file have their own routes.',
    permission: ['read', 'Person'],
    response: PersonDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getPerson(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<PersonDto> {
    return this.people.get(ability, id);
  }

  @Patch('people/:id')
  @Endpoint({
    summary: 'Change a person card',
    permission: ['update', 'Person'],
    response: PersonDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
    ifMatch: true,
  })
  updatePerson(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdatePersonDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<PersonDto> {
    return this.people.update(ability, id, body, ifMatch);
  }

  @Get('people/:id/relatives')
  @Endpoint({
    summary: 'Parents of a student, or children of a parent',
    permission: ['read', 'Person'],
    response: ItemsOf(GuardianshipDto),
    errors: [HttpStatus.NOT_FOUND],
  })
  listRelatives(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<Items<GuardianshipDto>> {
    return this.people.relatives(ability, id);
  }

  @Put('people/:id/parents/:parentId')
  @Endpoint({
    summary: 'Link a parent to a student (or change the relation)',
    permission: ['update', 'Person'],
    response: GuardianshipDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  linkParent(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @IdParam('parentId') parentId: string,
    @Body() body: LinkParentDto,
  ): Promise<GuardianshipDto> {
    return this.people.linkParent(ability, id, parentId, body);
  }

  @Delete('people/:id/parents/:parentId')
  @Endpoint({
    summary: 'Unlink a parent from a student',
    permission: ['update', 'Person'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  unlinkParent(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @IdParam('parentId') parentId: string,
  ): Promise<void> {
    return this.people.unlinkParent(ability, id, parentId);
  }
}
