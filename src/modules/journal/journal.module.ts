import { Module } from '@nestjs/common';

/**
 * The journal's read model: the grid of a class × subject × period, the student's diary,
 * the control reports (J6, J11) and the history of a cell (J10). Hot reads go through
 * dedicated SQL that builds the JSON, behind the same rules as the grades and attendance.
 */
@Module({})
export class JournalModule {}
