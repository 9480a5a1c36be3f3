import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { Action, AppAbility, Subject } from '../../core/policy/subjects';
import {
  ConsentDto,
  FileNoteDto,
  HealthRecordDto,
  IdentityDocumentDto,
  isValidSnils,
  type CreateConsentDto,
  type CreateFileNoteDto,
  type CreateIdentityDocumentDto,
  type PutHealthRecordDto,
} from './dto/person-records.dto';
import { Guardianship } from './entities/guardianship.entity';
import { HealthRecord } from './entities/health-record.entity';
import { IdentityDocument } from './entities/identity-document.entity';
import { Person } from './entities/person.entity';
import { PersonalDataConsent } from './entities/personal-data-consent.entity';
import { PersonalFileNote } from './entities/personal-file-note.entity';

/**
 * The sensitive parts of a card, each its own subject with conditions on the person:
 * identity documents and SNILS, health data (P6), consents (P7) and the personal file (P5).
 * A caller who may not read a part gets 404, exactly as if the person did not exist.
 */
@Injectable()
export class PersonRecordsService {
  constructor(private readonly em: EntityManager) {}

  async listDocuments(ability: AppAbility, personId: string) {
    const person = await this.personFor(ability, personId, 'IdentityDocument', 'read');
    const documents = await this.em.find(IdentityDocument, { person }, { orderBy: { id: 'asc' } });
    return { items: documents.map(IdentityDocumentDto.from) };
  }

  async addDocument(
    ability: AppAbility,
    personId: string,
    input: CreateIdentityDocumentDto,
  ): Promise<IdentityDocumentDto> {
    const person = await this.personFor(ability, personId, 'IdentityDocument', 'create');
    if (input.kind === 'snils') {
      if (!isValidSnils(input.number)) {
        throw ProblemException.invalid([
          { field: 'number', messages: ['number is not a valid SNILS (11 digits, check sum)'] },
        ]);
      }
      if (await this.em.count(IdentityDocument, { person, kind: 'snils' })) {
        throw ProblemException.conflict(
          ErrorCode.alreadyExists,
          'This person already has a SNILS; delete it first to replace it.',
        );
      }
    }
    const document = this.em.create(IdentityDocument, {
      ...input,
      schoolId: person.schoolId,
      person,
    });
    await this.em.flush();
    return IdentityDocumentDto.from(document);
  }

  async removeDocument(ability: AppAbility, id: string): Promise<void> {
    const document = await this.em.findOne(IdentityDocument, { id });
    if (!document) throw ProblemException.notFound(`IdentityDocument ${id}`);
    await this.personFor(ability, document.person.id, 'IdentityDocument', 'delete');
    this.em.remove(document);
    await this.em.flush();
  }

  async getHealth(ability: AppAbility, personId: string): Promise<HealthRecordDto> {
    const person = await this.personFor(ability, personId, 'HealthRecord', 'read');
    return HealthRecordDto.from(person.id, await this.em.findOne(HealthRecord, { person }));
  }

  async putHealth(
    ability: AppAbility,
    personId: string,
    input: PutHealthRecordDto,
  ): Promise<HealthRecordDto> {
    const person = await this.personFor(ability, personId, 'HealthRecord', 'update');
    const record =
      (await this.em.findOne(HealthRecord, { person })) ??
      this.em.create(HealthRecord, { schoolId: person.schoolId, person });
    this.em.assign(record, input);
    await this.em.flush();
    return HealthRecordDto.from(person.id, record);
  }

  async listConsents(ability: AppAbility, personId: string) {
    const person = await this.personFor(ability, personId, 'PersonalFile', 'read');
    const consents = await this.em.find(
      PersonalDataConsent,
      { person },
      { orderBy: { givenOn: 'asc', id: 'asc' } },
    );
    return { items: consents.map(ConsentDto.from) };
  }

  async addConsent(
    ability: AppAbility,
    personId: string,
    input: CreateConsentDto,
  ): Promise<ConsentDto> {
    const person = await this.personFor(ability, personId, 'PersonalFile', 'create');
    let givenBy = person;
    if (input.givenById && input.givenById !== person.id) {
      const link = await this.em.findOne(
        Guardianship,
        { student: person, parent: input.givenById },
        { populate: ['parent'] },
      );
      if (!link) {
        throw ProblemException.invalid([
          {
            field: 'givenById',
            messages: ['givenById must be the person or one of their parents'],
          },
        ]);
      }
      givenBy = link.parent;
    }
    const consent = this.em.create(PersonalDataConsent, {
      schoolId: person.schoolId,
      person,
      givenBy,
      purpose: input.purpose,
      givenOn: input.givenOn,
      documentRef: input.documentRef ?? null,
    });
    await this.em.flush();
    return ConsentDto.from(consent);
  }

  async withdrawConsent(ability: AppAbility, id: string, withdrawnOn: string): Promise<ConsentDto> {
    const consent = await this.em.findOne(PersonalDataConsent, { id });
    if (!consent) throw ProblemException.notFound(`Consent ${id}`);
    await this.personFor(ability, consent.person.id, 'PersonalFile', 'update');
    if (consent.withdrawnOn) {
      throw ProblemException.conflict(ErrorCode.conflict, 'This consent is already withdrawn.');
    }
    if (withdrawnOn < consent.givenOn) {
      throw ProblemException.invalid([
        { field: 'withdrawnOn', messages: ['withdrawnOn must not be before givenOn'] },
      ]);
    }
    consent.withdrawnOn = withdrawnOn;
    await this.em.flush();
    return ConsentDto.from(consent);
  }

  async listFileNotes(ability: AppAbility, personId: string) {
    const person = await this.personFor(ability, personId, 'PersonalFile', 'read');
    const notes = await this.em.find(PersonalFileNote, { person }, { orderBy: { id: 'asc' } });
    return { items: notes.map(FileNoteDto.from) };
  }

  async addFileNote(
    ability: AppAbility,
    actor: Actor,
    personId: string,
    input: CreateFileNoteDto,
  ): Promise<FileNoteDto> {
    const person = await this.personFor(ability, personId, 'PersonalFile', 'create');
    const note = this.em.create(PersonalFileNote, {
      schoolId: person.schoolId,
      person,
      body: input.body,
      authorId: actor.accountId,
    });
    await this.em.flush();
    return FileNoteDto.from(note);
  }

  /** The person, if the caller may read this part of their card (404) and do `action` (403). */
  private async personFor(
    ability: AppAbility,
    personId: string,
    part: Subject,
    action: Action,
  ): Promise<Person> {
    const person = await findVisible(this.em, Person, personId, ability, part);
    if (action !== 'read') await assertAllowed(this.em, Person, personId, ability, action, part);
    return person;
  }
}
