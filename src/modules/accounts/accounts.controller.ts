import {
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { PageOf, type Page } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import { AccountsService } from './accounts.service';
import {
  AccountDto,
  ActivationCodeDto,
  CreateAccountDto,
  DisableAccountDto,
  ListAccountsQueryDto,
  SetSchoolRolesDto,
  UpdateAccountDto,
} from './dto/account.dto';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Endpoint({
    summary: 'List the accounts of the caller’s schools',
    description:
      'Every account the caller may read: staff, students and parents holding a role in one of the caller’s schools. Filter by `schoolId`, `role`, `status` or `q` (login or display name); a filter by school or role only looks at roles the caller may see.',
    permission: ['read', 'Account'],
    response: PageOf(AccountDto),
  })
  listAccounts(
    @CurrentAbility() ability: AppAbility,
    @Query() query: ListAccountsQueryDto,
  ): Promise<Page<AccountDto>> {
    return this.accounts.list(ability, query);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get an account',
    permission: ['read', 'Account'],
    response: AccountDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getAccount(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<AccountDto> {
    return this.accounts.get(ability, id);
  }

  @Post()
  @Endpoint({
    summary: 'Create an account with roles',
    description:
      'A school admin creates staff accounts of their school; a platform operator creates a school’s first admin or a region’s authority account. The account is `pending` until its holder sets a password with an activation code.',
    permission: ['create', 'Account'],
    status: HttpStatus.CREATED,
    response: AccountDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.CONFLICT],
    idempotent: true,
  })
  createAccount(
    @CurrentAbility() ability: AppAbility,
    @Body() body: CreateAccountDto,
  ): Promise<AccountDto> {
    return this.accounts.create(ability, body);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Change an account’s name or e-mail',
    permission: ['update', 'Account'],
    response: AccountDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.PRECONDITION_FAILED],
    ifMatch: true,
  })
  updateAccount(
    @CurrentAbility() ability: AppAbility,
    @IdParam() id: string,
    @Body() body: UpdateAccountDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AccountDto> {
    return this.accounts.update(ability, id, body, ifMatch);
  }

  @Put(':id/roles')
  @Endpoint({
    summary: 'Replace an account’s roles in one school',
    permission: ['update', 'Account'],
    response: AccountDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  setAccountRoles(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SetSchoolRolesDto,
  ): Promise<AccountDto> {
    return this.accounts.setSchoolRoles(ability, actor, id, body);
  }

  @Post(':id/disable')
  @Endpoint({
    summary: 'Disable an account',
    description:
      'The account can no longer log in or refresh: its refresh tokens are revoked at once, and access tokens already issued expire within ACCESS_TOKEN_TTL_SECONDS (15 minutes by default).',
    permission: ['update', 'Account'],
    response: AccountDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  disableAccount(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: DisableAccountDto,
  ): Promise<AccountDto> {
    return this.accounts.disable(ability, actor, id, body.reason);
  }

  @Post(':id/enable')
  @Endpoint({
    summary: 'Enable a disabled account',
    permission: ['update', 'Account'],
    response: AccountDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND],
  })
  enableAccount(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<AccountDto> {
    return this.accounts.enable(ability, id);
  }

  @Post(':id/activation-codes')
  @Endpoint({
    summary: 'Issue a one-time activation code (password reset)',
    description:
      'The holder sets a new password with it at `POST /v1/auth/activate`. Issuing a new code voids the previous one. Not idempotent on purpose: a retry simply issues another code.',
    permission: ['update', 'Account'],
    status: HttpStatus.CREATED,
    response: ActivationCodeDto,
    errors: [HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  issueActivationCode(
    @CurrentAbility() ability: AppAbility,
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
  ): Promise<ActivationCodeDto> {
    return this.accounts.issueActivationCode(ability, actor, id);
  }
}
