/**
 * Conditions on people (MikroORM query language) for "the students and parents of these
 * classes". A class is of one academic year, so "ever enrolled" keeps a student who moved
 * away mid-year visible to the teachers who marked them.
 */
export const studentsOf = (classIds: string[]) => ({
  kind: 'student',
  enrollments: { $some: { schoolClass: { $in: classIds } } },
});

export const parentsOf = (classIds: string[]) => ({
  kind: 'parent',
  wards: { $some: { student: { enrollments: { $some: { schoolClass: { $in: classIds } } } } } },
});

/** Students and parents of these classes. */
export const familiesOf = (classIds: string[]) => ({
  $or: [studentsOf(classIds), parentsOf(classIds)],
});
