import { Body, Controller, Get, HttpStatus, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../http/endpoint.decorator';
import type { Actor } from './actor';
import { ChangePasswordDto } from './dto/auth.dto';
import { MeDto } from './dto/me.dto';
import { MeService } from './me.service';
import { CurrentActor } from './request-identity';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @Endpoint({
    summary: 'The caller’s account and roles per school',
    permission: ['read', 'OwnAccount'],
    response: MeDto,
  })
  getMe(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.me.describe(actor.accountId);
  }

  @Put('password')
  @Endpoint({
    summary: 'Change the caller’s password',
    description:
      'Needs the current password. Revokes every refresh token of the account, so other devices must log in again once their access token expires.',
    permission: ['update', 'OwnAccount'],
    status: HttpStatus.NO_CONTENT,
  })
  changeMyPassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    return this.me.changePassword(actor.accountId, body.currentPassword, body.newPassword);
  }
}
