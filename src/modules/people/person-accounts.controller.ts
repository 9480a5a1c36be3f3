import { Body, Controller, Delete, HttpStatus, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import type { AppAbility } from '../../core/policy/subjects';
import { LinkAccountDto, PersonAccountDto } from './dto/person-account.dto';
import { PersonAccountsService } from './person-accounts.service';

/** One login per person: linking a person card to an existing account. */
@ApiTags('people')
@Controller()
export class PersonAccountsController {
  constructor(private readonly personAccounts: PersonAccountsService) {}

  @Put('people/:id/account')
  @Endpoint({
    summary: 'Link a person card to an existing account',
    description:
      'Whoever may change the card may link it: the admin and the secretary for any card of their school, a class teacher for the students of their class and their parents. The account is named by its login. A student or parent card gives the account the `student` or `parent` role in the card’s school if it lacks it (`roleAdded`); a staff card links only an account that already holds a staff role in that school and changes no role. One account may link cards in several schools (a teacher in one school who is a parent in another signs in once), but only one card of each kind per school. Linking the card to the account it already links changes nothing. Refusals: 409 `person.account_linked` (the card links another account, named in `login`), 409 `account.already_linked` (the account links another card of this kind in this school), 422 `account.not_linkable` (no such account, disabled, a platform operator, or not fitting the card — one answer for all, so that nobody can probe accounts they cannot see). The new role reaches the holder’s access token at its next refresh; `GET /v1/me` shows it at once. Audited.',
    permission: ['update', 'Person'],
    response: PersonAccountDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  linkPersonAccount(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: LinkAccountDto,
  ): Promise<PersonAccountDto> {
    return this.personAccounts.link(ability, id, body.login);
  }

  @Delete('people/:id/account')
  @Endpoint({
    summary: 'Unlink a person card from its account',
    description:
      'The same callers as linking. The account itself stays (with its password and its other cards). A student or parent card takes its school role (`student`, `parent`) with it unless another card of that kind in that school still links the account; a staff card changes no role (staff roles are removed through `PUT /v1/accounts/{id}/roles`). 404 when the card links no account. Audited.',
    permission: ['update', 'Person'],
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  unlinkPersonAccount(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<void> {
    return this.personAccounts.unlink(ability, id);
  }
}
