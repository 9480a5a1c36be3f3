import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException } from '../../../core/http/problem';
import { assertAllowed, findVisible } from '../../../core/policy/scoped-find';
import type { AppAbility } from '../../../core/policy/subjects';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { RosterService } from '../../classes/roster/roster.service';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Clock } from '../../../core/clock/clock';
import { Guardianship } from '../entities/guardianship.entity';
import { Person } from '../entities/person.entity';
import type { ImportClassListQueryDto } from './dto/import-query.dto';
import type { ImportResultDto, ImportRowDto } from './dto/import-result.dto';
import type { ImportUpload } from '../../../core/http/uploads/import-body';
import { mapHeader } from './import-columns';
import { ImportFileError, readImportFile } from '../../../core/http/uploads/import-file';
import { nameOf, personIdOf, planImport, type NewCard, type RowPlan } from './import-planner';
import { validateRows, type ParentInput, type ParsedRow, type StudentInput } from './row-validator';

/** Import of a class list with parents from CSV or XLSX (P1). */
@Injectable()
export class ClassImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly roster: RosterService,
  ) {}

  async importClassList(
    ability: AppAbility,
    classId: string,
    upload: ImportUpload,
    query: ImportClassListQueryDto,
  ): Promise<ImportResultDto> {
    const schoolClass = await findVisible(this.em, SchoolClass, classId, ability, 'SchoolClass');
    await assertAllowed(this.em, SchoolClass, classId, ability, 'create', 'ClassList');
    const year = await this.em.findOneOrFail(AcademicYear, schoolClass.academicYearId);
    const school = await this.em.findOneOrFail(School, schoolClass.schoolId);
    const today = this.clock.today(school.timeZone);
    const enrolledOn = startDate(query.enrolledOn, year, today);

    let rows: ParsedRow[];
    try {
      const table = await readImportFile(upload.body, upload.type);
      const header = mapHeader(table.header);
      if (header.errors.length > 0) throw new ImportFileError(header.errors.join('; '));
      rows = validateRows(table, header.columns, { today, yearStartsOn: year.startsOn });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      throw ProblemException.invalid([{ field: 'file', messages: [error.message] }]);
    }

    if (query.dryRun) {
      return describe(true, await planImport(this.em, this.roster, schoolClass, rows));
    }
    // One transaction: either the whole file is imported or nothing is. The class row is
    // locked so that two imports into it run one after the other and cannot both create.
    return this.em.transactional(async (em) => {
      const locked = await em.findOneOrFail(SchoolClass, classId);
      await em.lock(locked, LockMode.PESSIMISTIC_WRITE);
      const plan = await planImport(em, this.roster, locked, rows);
      const rejected = describe(false, plan).rows.filter((row) => row.errors.length > 0);
      if (rejected.length > 0) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ErrorCode.importRejected,
          'Import rejected',
          `${rejected.length} row(s) have errors; nothing was imported.`,
          { rows: rejected },
        );
      }
      write(em, this.roster, locked, plan, enrolledOn);
      await em.flush();
      return describe(false, plan);
    });
  }
}

/** The first day of the new enrollments: as asked, or the later of the year's start and today. */
function startDate(asked: string | undefined, year: AcademicYear, today: string): string {
  if (asked !== undefined) {
    if (asked < year.startsOn || asked > year.endsOn) {
      throw ProblemException.invalid([
        {
          field: 'enrolledOn',
          messages: [
            `enrolledOn must be within the academic year (${year.startsOn} – ${year.endsOn})`,
          ],
        },
      ]);
    }
    return asked;
  }
  const date = today > year.startsOn ? today : year.startsOn;
  return date > year.endsOn ? year.endsOn : date;
}

/** Creates the planned cards, links and enrollments (an initial import: no movement order). */
function write(
  em: EntityManager,
  roster: RosterService,
  schoolClass: SchoolClass,
  plan: RowPlan[],
  enrolledOn: string,
) {
  const schoolId = schoolClass.schoolId;
  const newStudent = (card: NewCard<StudentInput>) =>
    (card.person ??= em.create(Person, { schoolId, kind: 'student', ...card.input }));
  const newParent = (card: NewCard<ParentInput>) => {
    const { lastName, firstName, middleName, phone, email } = card.input;
    const fields = { lastName, firstName, middleName, phone, email };
    return (card.person ??= em.create(Person, { schoolId, kind: 'parent', ...fields }));
  };
  for (const row of plan) {
    const student =
      'existing' in row.student ? row.student.existing : newStudent(row.student.created);
    for (const parent of row.parents) {
      const person =
        'existing' in parent.card ? parent.card.existing : newParent(parent.card.created);
      if (parent.linked) continue;
      em.create(Guardianship, {
        schoolId,
        student,
        parent: person,
        relation: parent.input.relation,
      });
    }
    if (row.enrollment === 'create') {
      roster.enroll(student, schoolClass, enrolledOn);
    }
  }
}

function describe(dryRun: boolean, plan: RowPlan[]): ImportResultDto {
  const rows: ImportRowDto[] = plan.map((row) => ({
    row: row.parsed.row,
    student: {
      action: row.student.action,
      personId: personIdOf(row.student),
      fullName: nameOf(row.student),
    },
    parents: row.parents.map((parent) => ({
      action: parent.card.action,
      personId: personIdOf(parent.card),
      fullName: nameOf(parent.card),
      relation: parent.input.relation,
    })),
    enrollment: row.enrollment,
    errors: row.parsed.errors,
  }));
  const count = (test: (row: RowPlan) => boolean) => plan.filter(test).length;
  const parents = plan.flatMap((row) => row.parents);
  return {
    dryRun,
    rows,
    summary: {
      rows: plan.length,
      errors: count((row) => row.parsed.errors.length > 0),
      studentsCreated: count((row) => row.student.action === 'create'),
      studentsMatched: count((row) => row.student.action === 'match'),
      parentsCreated: parents.filter((p) => p.card.action === 'create').length,
      parentsMatched: parents.filter((p) => p.card.action === 'match').length,
      enrollmentsCreated: count((row) => row.enrollment === 'create'),
    },
  };
}
