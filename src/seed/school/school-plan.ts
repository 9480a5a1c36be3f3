import { createHash } from 'node:crypto';

/**
 * The shape of a generated school, decided in memory (deterministically) before anything is
 * written: its classes of grades 1–11 (as many parallels per grade as the shape asks), the
 * weekly curriculum of each grade (ФОП-like hours, 5 lessons a day in grades 1–4 and 6 in
 * 5–11), English split into two subgroups from grade 2, teachers who each take whole subject
 * bundles of classes up to a full load, and a weekly timetable per class. One generator for
 * the demo schools of `make run` and the benchmark school of `make bench`, at two scales;
 * `fill-sql.ts` turns a plan into rows.
 */

/** What differs between the generated schools. */
export interface SchoolShape {
  /** Namespace of the ids (`idOf`), so two schools of one database never share an id. */
  namespace: string;
  /** Every account's login starts with this, e.g. `bench.` or `school1.`. */
  loginPrefix: string;
  /** The class letters of each grade, e.g. `{ 1: ['А', 'Б'], … }`. */
  lettersByGrade: Record<number, string[]>;
  /** Classes of exactly 30 students (the benchmark's grid and write classes). */
  fullClasses?: { grade: number; letter: string }[];
  /** Seed of the school's PRNG. */
  seed: number;
}

/** A small deterministic PRNG (mulberry32), so every seed builds the same school. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A UUID derived from a namespaced name, so plans are reproducible (and ids stable across
 * re-seeds).
 */
export function idOf(namespace: string, name: string): string {
  const hex = createHash('sha256').update(`${namespace}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Curriculum = [subject: string, hoursPerWeek: number][];

const PRIMARY_1: Curriculum = [
  ['Русский язык', 6],
  ['Литературное чтение', 5],
  ['Математика', 4],
  ['Окружающий мир', 2],
  ['Родной язык', 2],
  ['Музыка', 1],
  ['Изобразительное искусство', 1],
  ['Труд (технология)', 1],
  ['Физическая культура', 3],
];
const PRIMARY: (grade: number) => Curriculum = (grade) => [
  ['Русский язык', 5],
  ['Литературное чтение', 4],
  ['Английский язык', 2],
  ['Математика', 4],
  ['Окружающий мир', 2],
  grade === 4 ? ['Основы религиозных культур и светской этики', 1] : ['Родной язык', 1],
  ['Родной язык', 1],
  ['Музыка', 1],
  ['Изобразительное искусство', 1],
  ['Труд (технология)', 1],
  ['Физическая культура', 3],
];
const MIDDLE: (grade: number) => Curriculum = (grade) => [
  ['Русский язык', 6],
  ['Литература', 3],
  ['Английский язык', 3],
  ['Математика', 5],
  ['Информатика', 1],
  ['История', 2],
  grade === 6 ? ['Обществознание', 1] : ['Родной язык', 1],
  ['География', 1],
  ['Биология', 1],
  ['Музыка', 1],
  ['Изобразительное искусство', 1],
  ['Труд (технология)', 2],
  ['Физическая культура', 3],
];
const UPPER: (grade: number) => Curriculum = (grade) => [
  ['Русский язык', 4],
  ['Литература', 2],
  ['Английский язык', 3],
  ['Алгебра', 3],
  ['Геометрия', 2],
  ['Вероятность и статистика', 1],
  ['Информатика', 1],
  ['История', 2],
  ['Обществознание', 1],
  ['География', 2],
  ['Биология', 2],
  ['Физика', 2],
  ...(grade === 7
    ? ([
        ['Музыка', 1],
        ['Изобразительное искусство', 1],
        ['Труд (технология)', 1],
      ] as Curriculum)
    : ([
        ['Химия', 2],
        ['Основы безопасности и защиты Родины', 1],
      ] as Curriculum)),
  ['Физическая культура', 2],
];
const SENIOR: Curriculum = [
  ['Русский язык', 2],
  ['Литература', 3],
  ['Английский язык', 3],
  ['Алгебра', 4],
  ['Геометрия', 2],
  ['Вероятность и статистика', 1],
  ['Информатика', 1],
  ['История', 2],
  ['Обществознание', 2],
  ['География', 1],
  ['Биология', 1],
  ['Физика', 3],
  ['Химия', 1],
  ['Физическая культура', 2],
  ['Основы безопасности и защиты Родины', 1],
  ['Родной язык', 1],
];

export function curriculumOf(grade: number): Curriculum {
  const lines =
    grade === 1
      ? PRIMARY_1
      : grade <= 4
        ? PRIMARY(grade)
        : grade <= 6
          ? MIDDLE(grade)
          : grade <= 9
            ? UPPER(grade)
            : SENIOR;
  // Same subject listed twice (Родной язык in grades 2–3) is one line.
  const merged = new Map<string, number>();
  for (const [subject, hours] of lines) merged.set(subject, (merged.get(subject) ?? 0) + hours);
  const total = [...merged.values()].reduce((a, b) => a + b, 0);
  const expected = lessonsPerDay(grade) * 5;
  if (total !== expected) {
    throw new Error(`curriculum of grade ${grade} has ${total} h/week, expected ${expected}`);
  }
  return [...merged.entries()];
}

export const lessonsPerDay = (grade: number) => (grade <= 4 ? 5 : 6);

/** Subjects split into two subgroups (from grade 2). */
const SPLIT_SUBJECTS = new Set(['Английский язык']);

/** Which teacher specialty teaches a subject; a teacher takes a class's whole bundle. */
const SPECIALTY: Record<string, string> = {
  'Русский язык': 'russian',
  Литература: 'russian',
  'Родной язык': 'russian',
  'Английский язык': 'english',
  Математика: 'math',
  Алгебра: 'math',
  Геометрия: 'math',
  'Вероятность и статистика': 'math',
  Информатика: 'informatics',
  История: 'history',
  Обществознание: 'history',
  'Основы религиозных культур и светской этики': 'history',
  География: 'geography',
  Биология: 'biology',
  Химия: 'chemistry',
  Физика: 'physics',
  Музыка: 'arts',
  'Изобразительное искусство': 'arts',
  'Труд (технология)': 'labour',
  'Физическая культура': 'pe',
  'Основы безопасности и защиты Родины': 'pe',
};
/** In grades 1–4 the class teacher teaches everything but these. */
const PRIMARY_SPECIALISTS = new Set(['english', 'arts', 'pe']);
/** A teacher stops taking new classes past this load (hours a week). */
const MAX_LOAD = 26;

export interface TeacherPlan {
  key: string;
  id: string;
  accountId: string;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string;
  specialty: string;
  load: number;
}

export interface SubgroupPlan {
  id: string;
  position: number;
  name: string;
}

export interface ClassPlan {
  id: string;
  grade: number;
  letter: string;
  size: number;
  classTeacher: string;
  /** Subgroups of the English split (grades 2–11), with their split's id. */
  split: { id: string; subject: string; subgroups: SubgroupPlan[] } | null;
}

export interface AssignmentPlan {
  classId: string;
  subject: string;
  subgroupId: string | null;
  teacherId: string;
  hoursPerWeek: number;
}

export interface SlotPlan {
  classId: string;
  weekday: number;
  lessonNumber: number;
  subject: string;
  subgroupId: string | null;
  teacherId: string;
}

export interface SchoolPlan {
  shape: SchoolShape;
  classes: ClassPlan[];
  teachers: TeacherPlan[];
  assignments: AssignmentPlan[];
  slots: SlotPlan[];
}

// prettier-ignore
const TEACHER_LAST = [
  'Иванова', 'Смирнова', 'Кузнецова', 'Попова', 'Васильева', 'Петрова', 'Соколова', 'Михайлова',
  'Новикова', 'Фёдорова', 'Морозова', 'Волкова', 'Алексеева', 'Лебедева', 'Семёнова', 'Егорова',
  'Павлова', 'Козлова', 'Степанова', 'Николаева', 'Орлова', 'Андреева', 'Макарова', 'Никитина',
  'Захарова', 'Зайцева', 'Соловьёва', 'Борисова', 'Яковлева', 'Григорьева', 'Романова',
  'Воробьёва',
];
// prettier-ignore
const TEACHER_FIRST = [
  'Анна', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Марина',
];
const TEACHER_MIDDLE = ['Ивановна', 'Петровна', 'Сергеевна', 'Александровна', 'Викторовна'];

/** The school of a shape, the same on every run. */
export function planSchool(shape: SchoolShape): SchoolPlan {
  const rnd = random(shape.seed);
  const idOfThis = (name: string) => idOf(shape.namespace, name);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const classes: ClassPlan[] = [];
  for (const [gradeText, letters] of Object.entries(shape.lettersByGrade)) {
    const grade = Number(gradeText);
    for (const letter of letters) {
      const full = (shape.fullClasses ?? []).some((c) => c.grade === grade && c.letter === letter);
      const id = idOfThis(`class ${grade}${letter}`);
      classes.push({
        id,
        grade,
        letter,
        size: full ? 30 : 22 + Math.floor(rnd() * 7),
        classTeacher: '',
        split:
          grade >= 2
            ? {
                id: idOfThis(`split ${grade}${letter}`),
                subject: 'Английский язык',
                subgroups: [1, 2].map((position) => ({
                  id: idOfThis(`subgroup ${grade}${letter} ${position}`),
                  position,
                  name: `${position} группа`,
                })),
              }
            : null,
      });
    }
  }

  const teachers: TeacherPlan[] = [];
  const newTeacher = (specialty: string): TeacherPlan => {
    const n = teachers.length + 1;
    const key = `t${String(n).padStart(2, '0')}`;
    const teacher: TeacherPlan = {
      key,
      id: idOfThis(`teacher ${key}`),
      accountId: idOfThis(`teacher account ${key}`),
      login: `${shape.loginPrefix}teacher${String(n).padStart(2, '0')}`,
      lastName: pick(TEACHER_LAST),
      firstName: pick(TEACHER_FIRST),
      middleName: pick(TEACHER_MIDDLE),
      specialty,
      load: 0,
    };
    teachers.push(teacher);
    return teacher;
  };

  // Demands: for every class, the bundle of hours each specialty teaches there (per subgroup
  // for split subjects). Primary classes' own bundle goes to their class teacher.
  const assignments: AssignmentPlan[] = [];
  const current = new Map<string, TeacherPlan>();
  const teacherFor = (specialty: string, hours: number): TeacherPlan => {
    let teacher = current.get(specialty);
    if (!teacher || teacher.load + hours > MAX_LOAD) {
      teacher = newTeacher(specialty.split(':')[0]);
      current.set(specialty, teacher);
    }
    teacher.load += hours;
    return teacher;
  };
  // Senior classes first, so the mathematics teacher of 10А also teaches 11А (the benchmark's
  // grid and write classes).
  const ordered = [...classes].sort(
    (a, b) => b.grade - a.grade || a.letter.localeCompare(b.letter),
  );
  for (const schoolClass of ordered) {
    const curriculum = curriculumOf(schoolClass.grade);
    const bundles = new Map<string, Curriculum>();
    for (const line of curriculum) {
      let specialty = SPECIALTY[line[0]];
      if (schoolClass.grade <= 4 && !PRIMARY_SPECIALISTS.has(specialty)) specialty = 'primary';
      bundles.set(specialty, [...(bundles.get(specialty) ?? []), line]);
    }
    for (const [specialty, lines] of bundles) {
      const hours = lines.reduce((sum, [, h]) => sum + h, 0);
      const groups: (SubgroupPlan | null)[] =
        schoolClass.split && lines.some(([subject]) => SPLIT_SUBJECTS.has(subject))
          ? schoolClass.split.subgroups
          : [null];
      for (const subgroup of groups) {
        const teacher =
          specialty === 'primary'
            ? newTeacher('primary')
            : // The two subgroups of a split have different teachers (same time slot).
              teacherFor(subgroup ? `${specialty}:${subgroup.position}` : specialty, hours);
        if (specialty === 'primary') {
          teacher.load = hours;
          schoolClass.classTeacher = teacher.id;
        }
        for (const [subject, hoursPerWeek] of lines) {
          assignments.push({
            classId: schoolClass.id,
            subject,
            subgroupId: SPLIT_SUBJECTS.has(subject) ? (subgroup?.id ?? null) : null,
            teacherId: teacher.id,
            hoursPerWeek,
          });
        }
      }
    }
  }

  // Class teachers of grades 5–11: one teacher per class, never twice.
  const leading = new Set(classes.map((c) => c.classTeacher).filter(Boolean));
  for (const schoolClass of ordered.filter((c) => !c.classTeacher)) {
    const teaching = assignments.filter((a) => a.classId === schoolClass.id);
    const candidate = teaching.find((a) => !leading.has(a.teacherId))?.teacherId;
    schoolClass.classTeacher = candidate ?? teaching[0].teacherId;
    leading.add(schoolClass.classTeacher);
  }

  // Weekly timetable: each subject's hours go to consecutive weekdays, so a subject is not
  // twice on one day (unless it has more hours than there are days).
  const slots: SlotPlan[] = [];
  for (const schoolClass of classes) {
    const curriculum = curriculumOf(schoolClass.grade).sort((a, b) => b[1] - a[1]);
    const perDay = lessonsPerDay(schoolClass.grade);
    const days: string[][] = [[], [], [], [], []];
    let day = 0;
    for (const [subject, hours] of curriculum) {
      for (let h = 0; h < hours; h++) {
        while (days[day % 5].length >= perDay) day++;
        days[day % 5].push(subject);
        day++;
      }
    }
    days.forEach((subjects, index) => {
      // Shuffle the order within a day, so a subject is not always first.
      for (let i = subjects.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [subjects[i], subjects[j]] = [subjects[j], subjects[i]];
      }
      subjects.forEach((subject, position) => {
        for (const assignment of assignments.filter(
          (a) => a.classId === schoolClass.id && a.subject === subject,
        )) {
          slots.push({
            classId: schoolClass.id,
            weekday: index + 1,
            lessonNumber: position + 1,
            subject,
            subgroupId: assignment.subgroupId,
            teacherId: assignment.teacherId,
          });
        }
      });
    });
  }
  return { shape, classes, teachers, assignments, slots };
}
