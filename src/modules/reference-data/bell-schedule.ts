import type { FieldError } from '../../core/http/problem';
import type { BellDto } from './dto/bell.dto';

/** Every problem of a schedule whose lines are each well-formed, by field path. */
export function bellScheduleErrors(items: BellDto[]): FieldError[] {
  const errors: FieldError[] = [];
  const add = (index: number, field: keyof BellDto, message: string) =>
    errors.push({ field: `items[${index}].${field}`, messages: [message] });
  const seen = new Map<number, number>();
  items.forEach((bell, index) => {
    if (bell.endsAt <= bell.startsAt) add(index, 'endsAt', 'endsAt must be after startsAt');
    const first = seen.get(bell.lessonNumber);
    if (first !== undefined) {
      add(index, 'lessonNumber', `lesson ${bell.lessonNumber} is already at items[${first}]`);
    } else seen.set(bell.lessonNumber, index);
    if (index === 0) return;
    const previous = items[index - 1];
    if (bell.lessonNumber <= previous.lessonNumber) {
      if (first === undefined)
        add(index, 'lessonNumber', 'lessons must be listed in increasing lessonNumber');
    } else if (bell.startsAt < previous.endsAt) {
      add(
        index,
        'startsAt',
        `lesson ${bell.lessonNumber} starts before lesson ${previous.lessonNumber} ends (${previous.endsAt})`,
      );
    }
  });
  return errors;
}

/** The default bell schedule of a new school: seven 45-minute lessons from 8:30. */
export const DEFAULT_BELLS: BellDto[] = [
  ['08:30', '09:15'],
  ['09:25', '10:10'],
  ['10:30', '11:15'],
  ['11:35', '12:20'],
  ['12:30', '13:15'],
  ['13:25', '14:10'],
  ['14:20', '15:05'],
].map(([startsAt, endsAt], index) => ({ lessonNumber: index + 1, startsAt, endsAt }));
