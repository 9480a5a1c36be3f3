import { idOf, random, type SchoolPlan } from './school-plan';
import { DEPUTY_LOGIN, LOGIN_PREFIX } from './settings';

/** Students (each with an account and one parent with an account) and the leadership. */

export interface StudentPlan {
  id: string;
  accountId: string;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: 'female' | 'male';
  birthDate: string;
  classId: string;
  /** Subgroup of the class's English split, when it has one. */
  subgroupId: string | null;
  splitId: string | null;
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
  studentId: string;
}

export interface StaffPlan {
  id: string;
  accountId: string;
  login: string;
  role: 'deputy' | 'director' | 'admin';
  lastName: string;
  firstName: string;
  middleName: string;
  position: string;
}

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
  const stem = father.endsWith('й') ? father.slice(0, -1) + 'е' : father + 'о';
  return sex === 'male' ? `${stem}вич` : `${stem}вна`;
};

export function peopleOf(plan: SchoolPlan, seed = 1000): PeoplePlan {
  const rnd = random(seed);
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
      const born = 2026 - 6 - schoolClass.grade;
      const dayOfYear = Math.floor(rnd() * 365);
      const birthDate = new Date(Date.UTC(born, 8, 1) - dayOfYear * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const student: StudentPlan = {
        id: idOf(`student ${code}`),
        accountId: idOf(`student account ${code}`),
        login: `${LOGIN_PREFIX}s${code}`,
        lastName: sex === 'male' ? male : female,
        firstName: sex === 'male' ? pick(MALE_FIRST) : pick(FEMALE_FIRST),
        middleName: patronymic(father, sex),
        sex,
        birthDate,
        classId: schoolClass.id,
        subgroupId: schoolClass.split ? schoolClass.split.subgroups[i % 2].id : null,
        splitId: schoolClass.split?.id ?? null,
      };
      students.push(student);
      const mother = rnd() < 0.8;
      parents.push({
        id: idOf(`parent ${code}`),
        accountId: idOf(`parent account ${code}`),
        login: `${LOGIN_PREFIX}p${code}`,
        lastName: mother ? female : male,
        firstName: mother ? pick(FEMALE_FIRST) : father,
        middleName: mother
          ? patronymic(pick(FATHER_NAMES), 'female')
          : patronymic(pick(FATHER_NAMES), 'male'),
        sex: mother ? 'female' : 'male',
        relation: mother ? 'mother' : 'father',
        studentId: student.id,
      });
    }
  }
  const leadership: StaffPlan[] = [
    ['director', 'Директор', 'Громова', 'Людмила', 'Николаевна'],
    ['deputy', 'Заместитель директора по УВР', 'Лаврова', 'Галина', 'Петровна'],
    ['admin', 'Администратор АИС', 'Котов', 'Денис', 'Олегович'],
  ].map(([role, position, lastName, firstName, middleName]) => ({
    id: idOf(`staff ${role}`),
    accountId: idOf(`staff account ${role}`),
    login: role === 'deputy' ? DEPUTY_LOGIN : `${LOGIN_PREFIX}${role}`,
    role: role as StaffPlan['role'],
    lastName,
    firstName,
    middleName,
    position,
  }));
  return { students, parents, leadership };
}
