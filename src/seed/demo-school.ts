import { addDays, daysBetween, isoWeekday } from '../core/calendar/date-only';
import { makeSiblings, peopleOf, type PeoplePlan, type StudentPlan } from './school/people-plan';
import { idOf, planSchool, type ClassPlan, type SchoolPlan } from './school/school-plan';

/**
 * A demo school: one class per grade 1–11 and a second fifth grade (12 classes, about 300
 * students), and the people behind the demo logins chosen from it. Whose login is whose is
 * decided here, so the README's promises have one place: the class teacher leads 7А, the
 * teacher teaches 7А's mathematics (and more classes), the student is in 7А, the parent has
 * that student and a younger child in 3А.
 */
export const DEMO_CLASS = { grade: 7, letter: 'А' };
export const SIBLING_CLASS = { grade: 3, letter: 'А' };

export interface DemoMovementLine {
  id: string;
  studentId: string;
  fromClassId: string | null;
  toClassId: string | null;
  effectiveOn: string;
  destination: string | null;
}

export interface DemoMovementOrder {
  id: string;
  number: string;
  datedOn: string;
  kind: 'admission' | 'transfer' | 'withdrawal';
  basis: string;
  lines: DemoMovementLine[];
}

export interface DemoSchool {
  plan: SchoolPlan;
  people: PeoplePlan;
  movements: DemoMovementOrder[];
}

const classOf = (plan: SchoolPlan, grade: number, letter: string): ClassPlan =>
  plan.classes.find((c) => c.grade === grade && c.letter === letter)!;

/** The first weekday on or after `date`. */
const weekdayFrom = (date: string): string => {
  let day = date;
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return day;
};

export function planDemoSchool(
  key: string,
  seed: number,
  year: { startsOn: string; today: string },
): DemoSchool {
  const namespace = `demo-${key}`;
  const plan = planSchool({
    namespace,
    loginPrefix: `${key}.`,
    lettersByGrade: Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [i + 1, i === 4 ? ['А', 'Б'] : ['А']]),
    ),
    seed,
  });
  const people = peopleOf(plan, Number(year.startsOn.slice(0, 4)), seed + 1);
  const login = (name: string) => `${key}.${name}`;

  const demoClass = classOf(plan, DEMO_CLASS.grade, DEMO_CLASS.letter);
  const classTeacher = plan.teachers.find((t) => t.id === demoClass.classTeacher)!;
  classTeacher.login = login('classteacher');
  // The demo teacher teaches the demo class's mathematics (its Russian when the class teacher
  // teaches mathematics there).
  const teacherId = ['Алгебра', 'Русский язык']
    .map((subject) =>
      plan.assignments.find((a) => a.classId === demoClass.id && a.subject === subject),
    )
    .find((a) => a && a.teacherId !== classTeacher.id)!.teacherId;
  plan.teachers.find((t) => t.id === teacherId)!.login = login('teacher');

  const studentsOf = (schoolClass: ClassPlan) =>
    people.students.filter((s) => s.classId === schoolClass.id);
  const student = studentsOf(demoClass)[0];
  student.login = login('student');
  const sibling = studentsOf(classOf(plan, SIBLING_CLASS.grade, SIBLING_CLASS.letter))[0];
  makeSiblings(people, student, sibling);
  people.parents.find((p) => p.studentIds.includes(student.id))!.login = login('parent');

  return { plan, people, movements: movementsOf(plan, people, namespace, year) };
}

/**
 * An admission, a transfer and a withdrawal spread over the part of the year already
 * passed (none in its first three weeks), with the stays they make.
 */
function movementsOf(
  plan: SchoolPlan,
  people: PeoplePlan,
  namespace: string,
  year: { startsOn: string; today: string },
): DemoMovementOrder[] {
  const passed = daysBetween(year.startsOn, year.today);
  if (passed < 21) return [];
  const on = (share: number) => weekdayFrom(addDays(year.startsOn, Math.round(passed * share)));
  const lastOf = (grade: number, letter: string): StudentPlan => {
    const schoolClass = classOf(plan, grade, letter);
    return people.students.filter((s) => s.classId === schoolClass.id).at(-1)!;
  };
  const from5a = classOf(plan, 5, 'А');
  const to5b = classOf(plan, 5, 'Б');
  const admitted = lastOf(8, 'А');
  const moved = lastOf(5, 'А');
  const left = lastOf(9, 'А');
  const admittedOn = on(0.3);
  const movedOn = on(0.5);
  const leftOn = on(0.7);
  admitted.stays = [{ classId: admitted.classId, startsOn: admittedOn, endsOn: null }];
  moved.stays = [
    { classId: from5a.id, startsOn: year.startsOn, endsOn: movedOn },
    { classId: to5b.id, startsOn: movedOn, endsOn: null },
  ];
  moved.groups.push({ splitId: to5b.split!.id, subgroupId: to5b.split!.subgroups[0].id });
  left.stays = [{ classId: left.classId, startsOn: year.startsOn, endsOn: leftOn }];

  const order = (
    n: number,
    kind: DemoMovementOrder['kind'],
    effectiveOn: string,
    basis: string,
    line: Omit<DemoMovementLine, 'id' | 'effectiveOn'>,
  ): DemoMovementOrder => ({
    id: idOf(namespace, `order ${n}`),
    number: `${10 + n}-${kind === 'admission' ? 'у' : kind === 'transfer' ? 'п' : 'в'}`,
    datedOn: addDays(effectiveOn, -1),
    kind,
    basis,
    lines: [{ ...line, id: idOf(namespace, `movement ${n}`), effectiveOn }],
  });
  return [
    order(1, 'admission', admittedOn, `заявление родителя от ${addDays(admittedOn, -3)}`, {
      studentId: admitted.id,
      fromClassId: null,
      toClassId: admitted.classId,
      destination: null,
    }),
    order(2, 'transfer', movedOn, `заявление родителя от ${addDays(movedOn, -2)}`, {
      studentId: moved.id,
      fromClassId: from5a.id,
      toClassId: to5b.id,
      destination: null,
    }),
    order(3, 'withdrawal', leftOn, `заявление родителя от ${addDays(leftOn, -5)}`, {
      studentId: left.id,
      fromClassId: left.classId,
      toClassId: null,
      destination: 'МАОУ «СОШ № 5» г. Перми (переезд семьи)',
    }),
  ];
}
