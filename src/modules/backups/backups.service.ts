import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { findPage, mapPage, type Page, type PageQueryDto } from '../../core/http/pagination';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { JobName } from '../../core/queue/jobs';
import { QueueService } from '../../core/queue/queue.service';
import { BackupDto } from './dto/backup.dto';
import { Backup } from './entities/backup.entity';

/** Backups as the API offers them: ask for one, follow its progress, list them. */
@Injectable()
export class BackupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly queue: QueueService,
  ) {}

  async request(actor: Actor): Promise<BackupDto> {
    const backup = this.em.create(Backup, { trigger: 'manual', requestedBy: actor.accountId });
    await this.em.flush();
    try {
      await this.queue.enqueue(JobName.RunBackup, { backupId: backup.id });
    } catch (error) {
      // Never leave a row `queued` that no worker will ever pick up.
      backup.status = 'failed';
      backup.error = `could not be queued: ${(error as Error).message}`;
      await this.em.flush();
      throw error;
    }
    return BackupDto.from(backup);
  }

  async list(ability: AppAbility, page: PageQueryDto): Promise<Page<BackupDto>> {
    const backups = await findPage(
      this.em,
      Backup,
      accessibleWhere<Backup>(ability, 'read', 'Backup'),
      page,
      'desc',
    );
    return mapPage(backups, BackupDto.from);
  }

  async get(ability: AppAbility, id: string): Promise<BackupDto> {
    return BackupDto.from(await findVisible(this.em, Backup, id, ability, 'Backup'));
  }
}
