/** «7А»: a class's grade and letter, as schools write it. */
export const className = (c: { grade: number; letter: string }) => `${c.grade}${c.letter}`;
