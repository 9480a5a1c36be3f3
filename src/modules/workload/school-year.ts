import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';

/** The school's academic year running on `date`; 404 saying so when there is none. */
export async function yearRunningOn(
  em: EntityManager,
  schoolId: string,
  date: string,
  hint: string,
): Promise<AcademicYear> {
  const year = await em.findOne(
    AcademicYear,
    { schoolId, startsOn: { $lte: date }, endsOn: { $gte: date } },
    { orderBy: { startsOn: 'desc' } },
  );
  if (!year) {
    throw new ProblemException(
      HttpStatus.NOT_FOUND,
      ErrorCode.notFound,
      'Not found',
      `No academic year of this school runs on ${date}; ${hint}.`,
    );
  }
  return year;
}
