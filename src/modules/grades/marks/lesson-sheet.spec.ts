import { inStudentOrder, lessonSheetOf, type LessonSheetRow } from './lesson-sheet';

describe('the order of a lesson’s marks', () => {
  it('follows the class’s name order, keeps each student’s marks as given, puts leavers last', () => {
    const rows = [
      { studentId: 'leaver', n: 1 },
      { studentId: 'boris', n: 2 },
      { studentId: 'anna', n: 3 },
      { studentId: 'boris', n: 4 },
    ];
    expect(inStudentOrder(['anna', 'boris'], rows).map((row) => row.n)).toEqual([3, 2, 4, 1]);
  });
});

describe('reading a lesson’s sheet', () => {
  it('names the class and refuses a school without a default scale', () => {
    const row = {
      id: 'lesson',
      schoolId: 'school',
      grade: 7,
      letter: 'А',
      enrolled: ['anna', 'anna'],
      roster: ['anna'],
      markTypes: [],
      scale: { name: 'Пятибалльная', values: [] },
      marks: [],
    } as unknown as LessonSheetRow;
    const sheet = lessonSheetOf(row);
    expect([sheet.lesson.className, sheet.lesson.enrolled]).toEqual(['7А', ['anna']]);
    expect(() => lessonSheetOf({ ...row, scale: null })).toThrow(/no default grading scale/);
  });
});
