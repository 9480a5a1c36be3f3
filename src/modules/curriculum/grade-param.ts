import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ProblemException } from '../../core/http/problem';

/** `:grade` as a number 1–11 (400 naming the field otherwise). */
class ParseGradePipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const grade = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (!(grade >= 1 && grade <= 11)) {
      throw ProblemException.invalid([
        { field: 'grade', messages: ['grade must be a whole number from 1 to 11'] },
      ]);
    }
    return grade;
  }
}

/** The `:grade` path parameter as a number. */
export const GradeParam = () => Param('grade', new ParseGradePipe());

/** Documents `:grade` on the route as an integer 1–11 (not the default string). */
export const ApiGradeParam = () =>
  ApiParam({ name: 'grade', schema: { type: 'integer', minimum: 1, maximum: 11 }, example: 7 });
