import { Body, Controller, Header, HttpStatus, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../../core/auth/request-identity';
import { Endpoint } from '../../../core/http/endpoint.decorator';
import { IdParam } from '../../../core/http/id-param';
import type { AppAbility } from '../../../core/policy/subjects';
import { CredentialsService } from './credentials.service';
import {
  CredentialSlipsDto,
  IssueCredentialsDto,
  IssuedCredentialsDto,
} from './dto/credential.dto';

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post('people/:id/credentials')
  @Header('Cache-Control', 'no-store')
  @Endpoint({
    summary: 'Issue a login and a one-time activation code to a person',
    description:
      'A person without an account gets one (status `pending`) with the role of their kind in their school — `student`, `parent`, or the given staff `roles` — and a code; a person with an account gets a new code, which voids the previous one; with `existingLogin`, a person without an account is linked to that existing account instead of getting a second one (`accountCreated: false`; no code when the account has a password or holds other roles — its holder keeps their password). The holder sets a password at `POST /v1/auth/activate`. The code is shown only in this answer. Not idempotent on purpose: a retry issues another code. The admin issues to anyone of their school; a class teacher to the students and parents of their class.',
    permission: ['create', 'Credential'],
    status: HttpStatus.CREATED,
    response: IssuedCredentialsDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  issuePersonCredentials(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: IssueCredentialsDto,
  ): Promise<IssuedCredentialsDto> {
    return this.credentials.issueToPerson(ability, actor, id, body);
  }

  @Post('classes/:id/credential-slips')
  @Header('Cache-Control', 'no-store')
  @Endpoint({
    summary: 'Issue credentials to a class and print the slips (PDF)',
    description:
      'For every current student of the class and their parents (as `include` says) whom the caller may issue to: creates the missing accounts and issues new one-time codes, all in one transaction, then answers an A4 PDF with four cut-out slips per page (school, class, name, login, code, its expiry in the school’s time zone, instructions). Re-issuing voids the previous codes; `onlyWithoutAccount` limits it to people without an account. People whose account is disabled or also holds other roles are skipped.',
    permission: ['create', 'Credential'],
    produces: {
      contentType: 'application/pdf',
      description: 'The slips, as an A4 PDF attachment.',
    },
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  async printCredentialSlips(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CredentialSlipsDto,
  ): Promise<StreamableFile> {
    const file = await this.credentials.printClassSlips(ability, actor, id, body);
    return new StreamableFile(file.pdf, {
      type: 'application/pdf',
      length: file.pdf.length,
      disposition: `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.displayName)}`,
    });
  }
}
