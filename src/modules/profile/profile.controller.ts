import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { MeDto } from './dto/me.dto';
import { ProfileService } from './profile.service';

/** `GET /v1/me` (the password route stays with core's MeController). */
@ApiTags('me')
@Controller('me')
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  @Get()
  @Endpoint({
    summary: 'The caller’s account and roles per school',
    description:
      'One call to build a menu from: the account; per school its roles, the person cards the account links there (staff, student with today’s class, parent), the children of its parent cards with their class today, the classes its staff card leads and its teaching assignments (class, subject, subgroup) in the academic year running today; region roles. Schools are those where the account holds a role.',
    permission: ['read', 'OwnAccount'],
    response: MeDto,
  })
  getMe(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.profile.describe(actor.accountId);
  }
}
