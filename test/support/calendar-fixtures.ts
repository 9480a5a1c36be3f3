import { RequestContext } from '@mikro-orm/postgresql';
import { StudyPeriodsService } from '../../src/modules/academic-years/study-periods.service';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import type { TestApp } from './test-app';
import type { TestUser } from './factories';

export interface PeriodView {
  id: string;
  name: string;
  ordinal: number;
  startsOn: string;
  endsOn: string;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  stateReason: string | null;
}

export interface YearView {
  id: string;
  name: string;
  schemes: { id: string; name: string; grades: number[]; periods: PeriodView[] }[];
  holidays: {
    id: string;
    name: string;
    startsOn: string;
    endsOn: string;
    grades: number[] | null;
  }[];
}

/** Creates an academic year through the API as the school's admin (defaults unless given). */
export async function createAcademicYear(
  t: TestApp,
  admin: TestUser,
  school: School,
  body: Record<string, unknown> = {},
): Promise<YearView> {
  const response = await t
    .http()
    .post(`/v1/schools/${school.id}/academic-years`)
    .set(admin.auth)
    .send({ name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', ...body });
  if (response.status !== 201) {
    throw new Error(
      `academic year not created: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as YearView;
}

/** The periods of the scheme a grade follows in a year. */
export function periodsOfGrade(year: YearView, grade: number): PeriodView[] {
  return year.schemes.find((scheme) => scheme.grades.includes(grade))?.periods ?? [];
}

/** Calls StudyPeriodsService as another module would, inside a request context of its own. */
export function studyPeriods(t: TestApp) {
  const service = t.app.get(StudyPeriodsService);
  const inContext = <T>(call: () => Promise<T>) => RequestContext.create(t.em(), call);
  return {
    findPeriod: (schoolId: string, grade: number, date: string) =>
      inContext(() => service.findPeriod(schoolId, grade, date)),
    isLocked: (schoolId: string, grade: number, date: string) =>
      inContext(() => service.isLocked(schoolId, grade, date)),
  };
}
