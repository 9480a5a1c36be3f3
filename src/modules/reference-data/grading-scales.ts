import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../core/http/problem';
import {
  GradingScale,
  RESERVED_MARK_VALUES,
  type GradingScaleValue,
} from './entities/grading-scale.entity';
import type { Subject } from './entities/subject.entity';

const fold = (value: string) => value.trim().toLocaleLowerCase('ru');

type Input = Record<string, unknown>;

/** Values distinct (case-insensitive) and none of the reserved period-mark values. */
function checkValues(values: GradingScaleValue[]): void {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  values.forEach(({ value }, index) => {
    const field = `values[${index}].value`;
    const folded = fold(value);
    if (RESERVED_MARK_VALUES.includes(folded)) {
      errors.push({
        field,
        messages: [`«${value}» is reserved for period marks (not attested, exempt)`],
      });
    }
    const first = seen.get(folded);
    if (first !== undefined) {
      errors.push({ field, messages: [`«${value}» repeats values[${first}]`] });
    } else {
      seen.set(folded, index);
    }
  });
  if (errors.length > 0) throw ProblemException.invalid(errors);
}

/**
 * Checks a new scale or a change to one and, when it becomes the school's default, takes
 * the default from the previous one. That is written first, in the caller's transaction:
 * the one-default index is checked row by row, so in a single statement the new default
 * could meet the old one. The default cannot be archived, un-defaulted or be archived.
 */
export async function prepareGradingScale(
  em: EntityManager,
  schoolId: string,
  input: Input,
  scale?: GradingScale,
): Promise<void> {
  if (Array.isArray(input.values)) {
    // Plain objects in the jsonb column, whatever class the validated body used.
    const values = (input.values as GradingScaleValue[]).map(({ value, score }) => ({
      value,
      score,
    }));
    checkValues(values);
    input.values = values;
  }
  const wasDefault = scale?.isDefault ?? false;
  const willBeDefault = input.isDefault === undefined ? wasDefault : input.isDefault === true;
  const willBeArchived =
    input.archived === undefined ? (scale?.archived ?? false) : input.archived === true;
  if (wasDefault && !willBeDefault) {
    throw ProblemException.conflict(
      ErrorCode.conflict,
      `«${scale!.name}» is the school’s default scale: make another scale the default instead.`,
    );
  }
  if (willBeDefault && willBeArchived) {
    throw ProblemException.conflict(
      ErrorCode.conflict,
      wasDefault
        ? `«${scale!.name}» is the school’s default scale and cannot be archived: make another scale the default first.`
        : 'An archived scale cannot be the default: bring it back first.',
    );
  }
  if (willBeDefault && !wasDefault) {
    const previous = await em.findOne(GradingScale, { schoolId, isDefault: true });
    if (previous) {
      previous.isDefault = false;
      await em.flush();
    }
  }
}

/** A subject's own scale must be an active scale of its school (400 otherwise). */
export async function prepareSubject(
  em: EntityManager,
  schoolId: string,
  input: Input,
  subject?: Subject,
): Promise<void> {
  const scaleId = input.gradingScaleId;
  if (typeof scaleId !== 'string' || scaleId === subject?.gradingScaleId) return;
  const scale = await em.findOne(GradingScale, { id: scaleId, schoolId });
  if (!scale || scale.archived) {
    throw ProblemException.invalid([
      {
        field: 'gradingScaleId',
        messages: [
          scale
            ? `the scale «${scale.name}» is archived`
            : 'must be a grading scale of the subject’s school',
        ],
      },
    ]);
  }
}
