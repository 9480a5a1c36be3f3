import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPage, type Page, type PageQueryDto } from '../../core/http/pagination';
import { ProblemException } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { StudyPeriod } from '../academic-years/entities/study-period.entity';
import { PrintedJournalDto } from './dto/printed-journal.dto';
import { Report } from './entities/report.entity';
import { ReportScopeService } from './report-types/report-scope.service';
import { reportRun } from './reports.policy';

/**
 * The printed copies of a class's journal (J9): every printed-journal report of the class that
 * produced a file, whoever asked for it. Seen by those who may print it (the run rule), so a
 * teacher who only teaches the class gets 404 as for a class they cannot print.
 */
@Injectable()
export class PrintedJournalsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ReportScopeService,
  ) {}

  async list(
    ability: AppAbility,
    classId: string,
    page: PageQueryDto,
  ): Promise<Page<PrintedJournalDto>> {
    const schoolClass = await this.scope.classOf(classId);
    const target = { schoolId: schoolClass.schoolId, classId, studentId: null };
    if (!ability.can('create', reportRun('printed-journal', target))) {
      throw ProblemException.notFound(`Class ${classId}`);
    }
    // Expired copies stay listed: their file is gone, the record of the print is not.
    const reports = await findPage(
      this.em,
      Report,
      { classId, type: 'printed-journal', status: { $in: ['done', 'expired'] } },
      page,
      'desc',
    );
    const periodIds = reports.items
      .map((report) => report.params.studyPeriodId)
      .filter((id): id is string => typeof id === 'string');
    const periods = await this.em.find(StudyPeriod, { id: { $in: periodIds } });
    const byId = new Map(periods.map((period) => [period.id, period]));
    return {
      items: reports.items.map((report) => PrintedJournalDto.from(report, byId)),
      nextCursor: reports.nextCursor,
    };
  }
}
