import { SCHOOL_ROLES, type Role } from '../core/auth/roles';

/** The password of every demo account. Demo data only: never use it on a real deployment. */
export const DEMO_PASSWORD = 'journal-demo-2026';

export const DEMO_REGION = { code: 'demo', name: 'Демонстрационный регион' };

export const DEMO_SCHOOLS = [
  {
    key: 'school1',
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
    shortName: 'МБОУ СОШ № 1',
  },
  {
    key: 'school2',
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 2»',
    shortName: 'МБОУ Гимназия № 2',
  },
] as const;

export type DemoSchoolKey = (typeof DEMO_SCHOOLS)[number]['key'];

/** One account per school role in each school, machine clients aside. */
const SCHOOL_ROLES_SEEDED = SCHOOL_ROLES.filter((role) => role !== 'integration');

export interface DemoAccount {
  login: string;
  role: Role | 'platform operator';
  /** School key, `region` for the authority, `platform` for the operator. */
  school: string;
  /** What the login leads, when it is more than its role (the class teacher). */
  note?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  ...DEMO_SCHOOLS.flatMap((school) => [
    ...SCHOOL_ROLES_SEEDED.map((role) => ({
      login: `${school.key}.${role}`,
      role,
      school: school.key,
    })),
    {
      login: `${school.key}.classteacher`,
      role: 'teacher' as const,
      school: school.key,
      note: 'class teacher of 7А',
    },
  ]),
  { login: 'region.authority', role: 'authority', school: 'region' },
  { login: 'operator', role: 'platform operator', school: 'platform' },
];
