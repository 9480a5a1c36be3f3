import type { EntityManager } from '@mikro-orm/postgresql';
import type { RosterService } from '../../classes/roster/roster.service';
import { type SchoolClass } from '../../classes/entities/school-class.entity';
import { className } from '../../classes/class-name';
import { Guardianship } from '../entities/guardianship.entity';
import { searchableName } from '../person-name';
import { Person } from '../entities/person.entity';
import { fullName } from '../person-name';
import type { EnrollmentAction } from './dto/import-result.dto';
import {
  normalizePhone,
  studentKey,
  type ParentInput,
  type ParsedRow,
  type StudentInput,
} from './row-validator';

/** A card the import uses: an existing one, or one it is to create (shared by later rows). */
export type PlannedPerson<Input> =
  | { action: 'match'; existing: Person }
  | { action: 'match'; created: NewCard<Input> }
  | { action: 'create'; created: NewCard<Input> };

/** A card to create; `person` is set once it is written. */
export interface NewCard<Input> {
  input: Input;
  person?: Person;
}

export interface PlannedParent {
  input: ParentInput;
  card: PlannedPerson<ParentInput>;
  /** The student is already linked to this parent: no new guardianship. */
  linked: boolean;
}

export interface RowPlan {
  parsed: ParsedRow;
  student: PlannedPerson<StudentInput>;
  parents: PlannedParent[];
  enrollment: EnrollmentAction;
}

const samePhone = (stored: string | null, given: string | null) =>
  !!stored && !!given && (normalizePhone(stored) ?? stored) === given;
const sameEmail = (stored: string | null, given: string | null) =>
  !!stored && !!given && stored.toLowerCase() === given;

/**
 * Decides, row by row, which cards are matched and which are created, so that importing
 * the same file again changes nothing. Reads only; errors found here (a student in another
 * class, an ambiguous match) are added to the rows' errors.
 */
export async function planImport(
  em: EntityManager,
  roster: RosterService,
  schoolClass: SchoolClass,
  rows: ParsedRow[],
): Promise<RowPlan[]> {
  const schoolId = schoolClass.schoolId;
  const studentNames = rows.map((r) =>
    searchableName(r.student.lastName, r.student.firstName, r.student.middleName),
  );
  const parentNames = rows.flatMap((r) =>
    r.parents.map((p) => searchableName(p.lastName, p.firstName, p.middleName)),
  );
  const students = await em.find(Person, {
    schoolId,
    kind: 'student',
    searchName: { $in: studentNames },
  });
  const studentIds = students.map((s) => s.id);
  // One after the other: in a real run they share the transaction's connection.
  const openStays = await roster.openStaysOf(studentIds);
  const links = await em.find(Guardianship, { student: { $in: studentIds } });
  const parents = await em.find(Person, {
    schoolId,
    kind: 'parent',
    searchName: { $in: parentNames },
  });

  const newParents: NewCard<ParentInput>[] = [];
  return rows.map((parsed) => {
    const { errors } = parsed;
    let student: PlannedPerson<StudentInput> = {
      action: 'create',
      created: { input: parsed.student },
    };
    const key = studentKey(parsed.student);
    const found = students.filter(
      (s) => studentKey({ ...s, birthDate: s.birthDate ?? '' }) === key,
    );
    if (found.length > 1) {
      errors.push({
        column: '*',
        message:
          'в школе несколько учеников с такими ФИО и датой рождения; добавьте ученика вручную',
      });
    } else if (found.length === 1) {
      student = { action: 'match', existing: found[0] };
    }

    let enrollment: EnrollmentAction = 'create';
    const existingStudent = 'existing' in student ? student.existing : undefined;
    const open = existingStudent ? (openStays.get(existingStudent.id) ?? []) : [];
    if (open.some((other) => other.id === schoolClass.id)) {
      enrollment = 'already-enrolled';
    } else if (open.length > 0) {
      errors.push({
        column: '*',
        message: `учится в ${className(open[0])}; переведите приказом`,
      });
    }

    const plannedParents = parsed.parents.map((input): PlannedParent => {
      const name = searchableName(input.lastName, input.firstName, input.middleName);
      const linkOf = (parent: Person) =>
        links.find((l) => l.student.id === existingStudent?.id && l.parent.id === parent.id);
      const existing =
        parents.find((p) => p.searchName === name && !!linkOf(p)) ??
        parents.find(
          (p) =>
            p.searchName === name &&
            (samePhone(p.phone, input.phone) || sameEmail(p.email, input.email)),
        );
      if (existing) {
        return { input, card: { action: 'match', existing }, linked: !!linkOf(existing) };
      }
      // A parent of two children in the same file is created once, by the first row.
      const earlier = newParents.find(
        (card) =>
          searchableName(card.input.lastName, card.input.firstName, card.input.middleName) ===
            name &&
          ((!!input.phone && card.input.phone === input.phone) ||
            (!!input.email && card.input.email === input.email)),
      );
      if (earlier) return { input, card: { action: 'match', created: earlier }, linked: false };
      const created: NewCard<ParentInput> = { input };
      newParents.push(created);
      return { input, card: { action: 'create', created }, linked: false };
    });
    return { parsed, student, parents: plannedParents, enrollment };
  });
}

/** The card's id once it exists (always in a real run; for matches in a dry run). */
export const personIdOf = <Input>(card: PlannedPerson<Input>): string | undefined =>
  'existing' in card ? card.existing.id : card.created.person?.id;

export const nameOf = <Input extends Parameters<typeof fullName>[0]>(
  card: PlannedPerson<Input>,
): string => fullName('existing' in card ? card.existing : card.created.input);
