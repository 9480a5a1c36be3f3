import { Body, Controller, HttpStatus, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../http/endpoint.decorator';
import type { Actor } from './actor';
import { ChangePasswordDto } from './dto/auth.dto';
import { MeService } from './me.service';
import { CurrentActor } from './request-identity';

/**
 * The caller's own password. `GET /v1/me` is served by modules/profile, which adds the
 * person cards, children, classes and teaching that core cannot know.
 */
@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

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
