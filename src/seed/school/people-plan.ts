import { searchableName } from '../../modules/people/person-name';
import { idOf, random, type SchoolPlan } from './school-plan';

/**
 * The people of a planned school: students (each with an account and a parent with an
 * account) and the staff besides the teachers, each with an account of their role.
 */

/** A stay in a class: from `startsOn` up to, not including, `endsOn` (null: open). */
export interface StayPlan {
  classId: string;
  startsOn: string;
  endsOn: string | null;
}

export interface StudentPlan {
  id: string;
  accountId: string;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: 'female' | 'male';
  birthDate: string;
  /** The class the student is in from the first day of the year. */
  classId: string;
  /** Stays in classes when the student moved during the year (else one, in `classId`). */
  stays?: StayPlan[];
  /** The subgroups of English splits the student belongs to. */
  groups: { splitId: string; subgroupId: string }[];
}

export interface ParentPlan {
  id: string;
  accountId: string;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: 'female' | 'male';
  relation: 'mother' | 'father';
  /** Their children in this school (usually one). */
  studentIds: string[];
}

export interface StaffPlan {
  id: string;
  accountId: string;
  login: string;
  role: StaffRole;
  lastName: string;
  firstName: string;
  middleName: string;
  position: string;
}

export type StaffRole =
  'director' | 'deputy' | 'admin' | 'secretary' | 'medical' | 'psychologist' | 'technical';

export interface PeoplePlan {
  students: StudentPlan[];
  parents: ParentPlan[];
  leadership: StaffPlan[];
}

// [male form, female form]
// prettier-ignore
const LAST_NAMES: [string, string][] = [
  ['Иванов', 'Иванова'], ['Смирнов', 'Смирнова'], ['Кузнецов', 'Кузнецова'], ['Попов', 'Попова'],
  ['Васильев', 'Васильева'], ['Петров', 'Петрова'], ['Соколов', 'Соколова'],
  ['Михайлов', 'Михайлова'], ['Новиков', 'Новикова'], ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'], ['Волков', 'Волкова'], ['Алексеев', 'Алексеева'],
  ['Лебедев', 'Лебедева'], ['Семёнов', 'Семёнова'], ['Егоров', 'Егорова'], ['Павлов', 'Павлова'],
  ['Козлов', 'Козлова'], ['Степанов', 'Степанова'], ['Николаев', 'Николаева'], ['Орлов', 'Орлова'],
  ['Андреев', 'Андреева'], ['Макаров', 'Макарова'], ['Никитин', 'Никитина'],
  ['Захаров', 'Захарова'], ['Зайцев', 'Зайцева'], ['Соловьёв', 'Соловьёва'],
  ['Борисов', 'Борисова'], ['Яковлев', 'Яковлева'], ['Григорьев', 'Григорьева'],
  ['Романов', 'Романова'], ['Воробьёв', 'Воробьёва'], ['Сергеев', 'Сергеева'],
  ['Кириллов', 'Кириллова'], ['Тарасов', 'Тарасова'], ['Белов', 'Белова'],
];
// prettier-ignore
const MALE_FIRST = [
  'Александр', 'Михаил', 'Максим', 'Артём', 'Иван', 'Дмитрий', 'Даниил', 'Кирилл', 'Андрей',
  'Егор', 'Никита', 'Илья', 'Алексей', 'Матвей', 'Тимофей', 'Роман',
];
// prettier-ignore
const FEMALE_FIRST = [
  'Анастасия', 'Мария', 'Анна', 'Виктория', 'Екатерина', 'Полина', 'София', 'Дарья', 'Алиса',
  'Ксения', 'Александра', 'Елизавета', 'Варвара', 'Вероника', 'Ульяна', 'Милана',
];
// prettier-ignore
const FATHER_NAMES = [
  'Александр', 'Сергей', 'Андрей', 'Алексей', 'Дмитрий', 'Владимир', 'Евгений', 'Игорь', 'Олег',
  'Павел',
];
const patronymic = (father: string, sex: 'female' | 'male') => {
  // Игорь → Игоревич, Сергей → Сергеевич, Павел → Павлович, Олег → Олегович.
  const stem =
    father === 'Павел' ? 'Павло' : /[йь]$/.test(father) ? father.slice(0, -1) + 'е' : father + 'о';
  return sex === 'male' ? `${stem}вич` : `${stem}вна`;
};

/** The people of a planned school whose year starts in `schoolYear`, the same on every run. */
export function peopleOf(plan: SchoolPlan, schoolYear: number, seed = 1000): PeoplePlan {
  const rnd = random(seed);
  const { namespace, loginPrefix } = plan.shape;
  const idOfThis = (name: string) => idOf(namespace, name);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const students: StudentPlan[] = [];
  const parents: ParentPlan[] = [];
  let n = 0;
  for (const schoolClass of plan.classes) {
    for (let i = 0; i < schoolClass.size; i++) {
      n += 1;
      const sex = rnd() < 0.5 ? 'female' : 'male';
      const [male, female] = pick(LAST_NAMES);
      const father = pick(FATHER_NAMES);
      const code = String(n).padStart(4, '0');
      const born = schoolYear - 6 - schoolClass.grade;
      const dayOfYear = Math.floor(rnd() * 365);
      const birthDate = new Date(Date.UTC(born, 8, 1) - dayOfYear * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const student: StudentPlan = {
        id: idOfThis(`student ${code}`),
        accountId: idOfThis(`student account ${code}`),
        login: `${loginPrefix}s${code}`,
        lastName: sex === 'male' ? male : female,
        firstName: sex === 'male' ? pick(MALE_FIRST) : pick(FEMALE_FIRST),
        middleName: patronymic(father, sex),
        sex,
        birthDate,
        classId: schoolClass.id,
        groups: schoolClass.split
          ? [{ splitId: schoolClass.split.id, subgroupId: schoolClass.split.subgroups[i % 2].id }]
          : [],
      };
      students.push(student);
      const mother = rnd() < 0.8;
      parents.push({
        id: idOfThis(`parent ${code}`),
        accountId: idOfThis(`parent account ${code}`),
        login: `${loginPrefix}p${code}`,
        lastName: mother ? female : male,
        firstName: mother ? pick(FEMALE_FIRST) : father,
        middleName: mother
          ? patronymic(pick(FATHER_NAMES), 'female')
          : patronymic(pick(FATHER_NAMES), 'male'),
        sex: mother ? 'female' : 'male',
        relation: mother ? 'mother' : 'father',
        studentIds: [student.id],
      });
    }
  }
  const leadership: StaffPlan[] = [
    ['director', 'Директор', 'Громова', 'Людмила', 'Николаевна'],
    ['deputy', 'Заместитель директора по УВР', 'Лаврова', 'Галина', 'Петровна'],
    ['admin', 'Администратор АИС', 'Котов', 'Денис', 'Олегович'],
    ['secretary', 'Секретарь учебной части', 'Белова', 'Марина', 'Игоревна'],
    ['medical', 'Медицинская сестра', 'Тарасова', 'Оксана', 'Викторовна'],
    ['psychologist', 'Педагог-психолог', 'Кириллова', 'Алёна', 'Сергеевна'],
    ['technical', 'Заместитель директора по АХЧ', 'Сергеев', 'Виктор', 'Павлович'],
  ].map(([role, position, lastName, firstName, middleName]) => ({
    id: idOfThis(`staff ${role}`),
    accountId: idOfThis(`staff account ${role}`),
    login: `${loginPrefix}${role}`,
    role: role as StaffRole,
    lastName,
    firstName,
    middleName,
    position,
  }));
  return { students, parents, leadership };
}

/**
 * Makes `younger` a sibling of `elder`: the family name of the elder's family, and the
 * elder's parent as their parent (whose own card and account are dropped).
 */
export function makeSiblings(people: PeoplePlan, elder: StudentPlan, younger: StudentPlan): void {
  const parent = people.parents.find((p) => p.studentIds.includes(elder.id))!;
  const dropped = people.parents.find((p) => p.studentIds.includes(younger.id))!;
  people.parents.splice(people.parents.indexOf(dropped), 1);
  parent.studentIds.push(younger.id);
  const family = LAST_NAMES.find(
    ([male, female]) => elder.lastName === male || elder.lastName === female,
  );
  if (family) younger.lastName = younger.sex === 'male' ? family[0] : family[1];
  younger.middleName = elder.middleName.replace(
    /(вич|вна)$/,
    younger.sex === 'male' ? 'вич' : 'вна',
  );
}

/** Lower-case full names by person id (people.search_name, as the app computes it). */
export function searchNamesOf(plan: SchoolPlan, people: PeoplePlan): Record<string, string> {
  return Object.fromEntries(
    [...plan.teachers, ...people.students, ...people.parents, ...people.leadership].map((p) => [
      p.id,
      searchableName(p.lastName, p.firstName, p.middleName),
    ]),
  );
}
