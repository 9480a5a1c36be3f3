import { Body, Controller, Delete, Get, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { ItemsOf, type Items } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import {
  ConsentDto,
  CreateConsentDto,
  CreateFileNoteDto,
  CreateIdentityDocumentDto,
  FileNoteDto,
  HealthRecordDto,
  IdentityDocumentDto,
  PutHealthRecordDto,
  WithdrawConsentDto,
} from './dto/person-records.dto';
import { PersonRecordsService } from './person-records.service';

const HIDDEN = [HttpStatus.NOT_FOUND];
const CHANGE = [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND];

/** Documents, health data, consents and the personal file of a person. */
@ApiTags('people')
@Controller()
export class PersonRecordsController {
  constructor(private readonly records: PersonRecordsService) {}

  @Get('people/:id/documents')
  @Endpoint({
    summary: 'Identity documents and SNILS of a person',
    permission: ['read', 'IdentityDocument'],
    response: ItemsOf(IdentityDocumentDto),
    errors: HIDDEN,
  })
  listIdentityDocuments(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<Items<IdentityDocumentDto>> {
    return this.records.listDocuments(ability, id);
  }

  @Post('people/:id/documents')
  @Endpoint({
    summary: 'Add an identity document or the SNILS',
    description: 'A SNILS is checked (11 digits and its check sum); a person has at most one.',
    permission: ['create', 'IdentityDocument'],
    status: HttpStatus.CREATED,
    response: IdentityDocumentDto,
    errors: [...CHANGE, HttpStatus.CONFLICT],
    idempotent: true,
  })
  addIdentityDocument(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: CreateIdentityDocumentDto,
  ): Promise<IdentityDocumentDto> {
    return this.records.addDocument(ability, id, body);
  }

  @Delete('identity-documents/:id')
  @Endpoint({
    summary: 'Delete an identity document',
    permission: ['delete', 'IdentityDocument'],
    status: HttpStatus.NO_CONTENT,
    errors: CHANGE,
  })
  deleteIdentityDocument(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<void> {
    return this.records.removeDocument(ability, id);
  }

  @Get('people/:id/health')
  @Endpoint({
    summary: 'Health data of a student',
    description: 'Medical staff and the admin only; everyone else gets 404.',
    permission: ['read', 'HealthRecord'],
    response: HealthRecordDto,
    errors: HIDDEN,
  })
  getHealthRecord(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<HealthRecordDto> {
    return this.records.getHealth(ability, id);
  }

  @Put('people/:id/health')
  @Endpoint({
    summary: 'Replace the health data of a student',
    permission: ['update', 'HealthRecord'],
    response: HealthRecordDto,
    errors: CHANGE,
  })
  putHealthRecord(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: PutHealthRecordDto,
  ): Promise<HealthRecordDto> {
    return this.records.putHealth(ability, id, body);
  }

  @Get('people/:id/consents')
  @Endpoint({
    summary: 'Personal-data consents of a person (152-FZ)',
    permission: ['read', 'PersonalFile'],
    response: ItemsOf(ConsentDto),
    errors: HIDDEN,
  })
  listConsents(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<Items<ConsentDto>> {
    return this.records.listConsents(ability, id);
  }

  @Post('people/:id/consents')
  @Endpoint({
    summary: 'Record a personal-data consent',
    permission: ['create', 'PersonalFile'],
    status: HttpStatus.CREATED,
    response: ConsentDto,
    errors: CHANGE,
    idempotent: true,
  })
  addConsent(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: CreateConsentDto,
  ): Promise<ConsentDto> {
    return this.records.addConsent(ability, id, body);
  }

  @Post('consents/:id/withdraw')
  @Endpoint({
    summary: 'Record that a consent was withdrawn',
    permission: ['update', 'PersonalFile'],
    response: ConsentDto,
    errors: [...CHANGE, HttpStatus.CONFLICT],
  })
  withdrawConsent(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: WithdrawConsentDto,
  ): Promise<ConsentDto> {
    return this.records.withdrawConsent(ability, id, body.withdrawnOn);
  }

  @Get('people/:id/file-notes')
  @Endpoint({
    summary: 'Entries of a personal file (личное дело)',
    permission: ['read', 'PersonalFile'],
    response: ItemsOf(FileNoteDto),
    errors: HIDDEN,
  })
  listFileNotes(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
  ): Promise<Items<FileNoteDto>> {
    return this.records.listFileNotes(ability, id);
  }

  @Post('people/:id/file-notes')
  @Endpoint({
    summary: 'Add an entry to a personal file',
    permission: ['create', 'PersonalFile'],
    status: HttpStatus.CREATED,
    response: FileNoteDto,
    errors: CHANGE,
    idempotent: true,
  })
  addFileNote(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CreateFileNoteDto,
  ): Promise<FileNoteDto> {
    return this.records.addFileNote(ability, actor, id, body);
  }
}
