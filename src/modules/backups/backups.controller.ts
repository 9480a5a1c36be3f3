import { Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentAbility, CurrentActor } from '../../core/auth/request-identity';
import { Endpoint } from '../../core/http/endpoint.decorator';
import { IdParam } from '../../core/http/id-param';
import { PageOf, PageQueryDto, type Page } from '../../core/http/pagination';
import type { AppAbility } from '../../core/policy/subjects';
import { BackupsService } from './backups.service';
import { BackupDto } from './dto/backup.dto';

@ApiTags('backups')
@Controller('backups')
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  @Post()
  @Endpoint({
    summary: 'Back up the database now',
    description:
      'Answers 202 with the backup, `queued`; poll `GET /v1/backups/{id}` until it is `succeeded` or `failed`. Backups run one at a time; a request made during another backup waits for it.',
    permission: ['create', 'Backup'],
    status: HttpStatus.ACCEPTED,
    response: BackupDto,
    errors: [HttpStatus.FORBIDDEN],
    idempotent: true,
  })
  requestBackup(@CurrentActor() actor: Actor): Promise<BackupDto> {
    return this.backups.request(actor);
  }

  @Get()
  @Endpoint({
    summary: 'List backups, newest first',
    permission: ['read', 'Backup'],
    response: PageOf(BackupDto),
  })
  listBackups(
    @CurrentAbility() ability: AppAbility,
    @Query() page: PageQueryDto,
  ): Promise<Page<BackupDto>> {
    return this.backups.list(ability, page);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a backup: status, size, duration, checksum, copies and their verification',
    permission: ['read', 'Backup'],
    response: BackupDto,
    errors: [HttpStatus.NOT_FOUND],
  })
  getBackup(@CurrentAbility() ability: AppAbility, @IdParam() id: string): Promise<BackupDto> {
    return this.backups.get(ability, id);
  }
}
