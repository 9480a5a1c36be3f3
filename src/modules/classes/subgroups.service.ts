import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException, type FieldError } from '../../core/http/problem';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { auditInSchool } from '../../core/request-context/call-context';
import { Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import { Subject } from '../reference-data/entities/subject.entity';
import { byName } from '../people/person-name';
import { ClassesService } from './classes.service';
import { ClassPersonDto } from './dto/class.dto';
import type {
  ReplaceSubgroupSplitDto,
  SubgroupInputDto,
  SubgroupSplitDto,
  SubgroupSplitListDto,
} from './dto/subgroup.dto';
import { SchoolClass } from './entities/school-class.entity';
import { className } from './class-name';
import { Subgroup, SubgroupMember, SubgroupSplit } from './entities/subgroup.entity';
import { TeachingAssignment } from './entities/teaching-assignment.entity';

/** A split as it is described: its subgroups in order, each with its members' ids. */
interface SplitContents {
  split: SubgroupSplit;
  groups: { subgroup: Subgroup; studentIds: string[] }[];
}

/** Splitting a class into subgroups for a subject (O4). */
@Injectable()
export class SubgroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly classes: ClassesService,
  ) {}

  async list(ability: AppAbility, classId: string): Promise<SubgroupSplitListDto> {
    const schoolClass = await findVisible(this.em, SchoolClass, classId, ability, 'Subgroup');
    const splits = await this.em.find(
      SubgroupSplit,
      { schoolClass },
      { populate: ['subject', 'subgroups', 'subgroups.members'] },
    );
    splits.sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'ru'));
    const students = await this.classes.currentStudents(classId);
    return {
      items: splits.map((split) =>
        describe(
          {
            split,
            groups: [...split.subgroups.getItems()]
              .sort((a, b) => a.position - b.position)
              .map((subgroup) => ({
                subgroup,
                studentIds: subgroup.members.getItems().map((m) => m.student.id),
              })),
          },
          students,
        ),
      ),
    };
  }

  /**
   * Creates or replaces the split of one subject. Subgroups are kept by position (teaching
   * assignments may point at them): the first stays the first, renamed if need be; positions
   * beyond the new count are removed with their teaching assignments.
   */
  async replace(
    ability: AppAbility,
    classId: string,
    subjectId: string,
    input: ReplaceSubgroupSplitDto,
  ): Promise<SubgroupSplitDto> {
    const schoolClass = await this.loadForChange(ability, classId);
    const subjectOf = await this.em.findOne(Subject, {
      id: subjectId,
      schoolId: schoolClass.schoolId,
      archived: false,
    });
    if (!subjectOf) {
      throw ProblemException.invalid([
        { field: 'subjectId', messages: ['no such current subject in this school'] },
      ]);
    }
    const students = await this.classes.currentStudents(classId);
    assertCoversEveryStudentOnce(schoolClass, students, input.subgroups);

    const found = await this.em.findOne(
      SubgroupSplit,
      { schoolClass, subject: subjectOf },
      { populate: ['subgroups'] },
    );
    const split =
      found ??
      this.em.create(SubgroupSplit, {
        schoolId: schoolClass.schoolId,
        schoolClass,
        subject: subjectOf,
      });
    const existing = found ? found.subgroups.getItems() : [];
    const subgroups = input.subgroups.map((wanted, index) => {
      const position = index + 1;
      const kept = existing.find((s) => s.position === position);
      if (!kept) return this.em.create(Subgroup, { split, name: wanted.name, position });
      kept.name = wanted.name;
      return kept;
    });

    // Members are moved, added or dropped one by one: nobody is ever in two subgroups.
    const members = found ? await this.em.find(SubgroupMember, { split }) : [];
    const memberOf = new Map(members.map((m) => [m.student.id, m]));
    const target = new Map<string, Subgroup>();
    input.subgroups.forEach((wanted, index) =>
      wanted.studentIds.forEach((id) => target.set(id, subgroups[index])),
    );
    for (const [studentId, subgroup] of target) {
      const member = memberOf.get(studentId);
      if (member) member.subgroup = subgroup;
      else
        this.em.create(SubgroupMember, {
          split,
          subgroup,
          student: this.em.getReference(Person, studentId),
        });
    }
    for (const member of members) if (!target.has(member.student.id)) this.em.remove(member);
    await this.removeSubgroups(existing.filter((s) => s.position > subgroups.length));

    auditInSchool(schoolClass.schoolId);
    await this.em.flush();
    return describe(
      {
        split,
        groups: subgroups.map((subgroup, index) => ({
          subgroup,
          studentIds: input.subgroups[index].studentIds,
        })),
      },
      students,
    );
  }

  async remove(ability: AppAbility, classId: string, subjectId: string): Promise<void> {
    const schoolClass = await this.loadForChange(ability, classId);
    const split = await this.em.findOne(
      SubgroupSplit,
      { schoolClass, subject: subjectId },
      { populate: ['subgroups'] },
    );
    if (!split) throw ProblemException.notFound(`The subgroup split of subject ${subjectId}`);
    // Removed one by one rather than by the database's cascade, so the audit trail lists them.
    for (const member of await this.em.find(SubgroupMember, { split })) this.em.remove(member);
    await this.removeSubgroups(split.subgroups.getItems());
    this.em.remove(split);
    auditInSchool(schoolClass.schoolId);
    await this.em.flush();
  }

  /** Subgroups and the teaching assignments of them (to be flushed by the caller). */
  private async removeSubgroups(subgroups: Subgroup[]): Promise<void> {
    if (subgroups.length === 0) return;
    const assignments = await this.em.find(TeachingAssignment, { subgroup: { $in: subgroups } });
    for (const assignment of assignments) this.em.remove(assignment);
    for (const subgroup of subgroups) this.em.remove(subgroup);
  }

  /** 404 when the caller cannot see the class's subgroups, 403 when they may not change them. */
  private async loadForChange(ability: AppAbility, classId: string): Promise<SchoolClass> {
    const schoolClass = await findVisible(this.em, SchoolClass, classId, ability, 'Subgroup');
    await assertAllowed(this.em, SchoolClass, classId, ability, 'update', 'Subgroup');
    return schoolClass;
  }
}

/**
 * Every current student of the class in exactly one subgroup, and nobody else: all the
 * problems are reported at once, naming the students.
 */
function assertCoversEveryStudentOnce(
  schoolClass: SchoolClass,
  students: Person[],
  groups: SubgroupInputDto[],
): void {
  const current = new Map(students.map((s) => [s.id, s]));
  const placedIn = new Map<string, number>();
  const errors: FieldError[] = [];
  groups.forEach((group, i) => {
    const sameName = groups.findIndex(
      (other) => other.name.trim().toLowerCase() === group.name.trim().toLowerCase(),
    );
    if (sameName < i) {
      errors.push({
        field: `subgroups[${i}].name`,
        messages: [`subgroup ${sameName + 1} has the same name`],
      });
    }
    group.studentIds.forEach((id, j) => {
      const field = `subgroups[${i}].studentIds[${j}]`;
      const student = current.get(id);
      if (!student) {
        errors.push({
          field,
          messages: [`student ${id} is not in class ${className(schoolClass)}`],
        });
        return;
      }
      const earlier = placedIn.get(id);
      if (earlier === undefined) placedIn.set(id, i);
      else
        errors.push({
          field,
          messages: [
            earlier === i
              ? `student ${fullName(student)} is listed twice in this subgroup`
              : `student ${fullName(student)} is in two subgroups`,
          ],
        });
    });
  });
  const missing = students.filter((s) => !placedIn.has(s.id));
  if (missing.length > 0) {
    errors.push({
      field: 'subgroups',
      messages: missing.map((s) => `${fullName(s)} is in no subgroup`),
    });
  }
  if (errors.length > 0) throw ProblemException.invalid(errors);
}

/** Only current students are shown; a student who left the class drops out of the view. */
function describe({ split, groups }: SplitContents, students: Person[]): SubgroupSplitDto {
  const current = new Map(students.map((s) => [s.id, s]));
  const placed = new Set<string>();
  const subgroups = groups.map(({ subgroup, studentIds }) => {
    const members = studentIds.flatMap((id) => current.get(id) ?? []).sort(byName);
    for (const member of members) placed.add(member.id);
    return {
      id: subgroup.id,
      name: subgroup.name,
      position: subgroup.position,
      students: members.map((m) => ClassPersonDto.from(m)),
    };
  });
  const unassigned = students.filter((s) => !placed.has(s.id));
  return {
    id: split.id,
    subject: { id: split.subject.id, name: split.subject.name },
    subgroups,
    unassignedStudents: unassigned.map((s) => ClassPersonDto.from(s)),
    complete: unassigned.length === 0,
  };
}
