import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';

export class StudentLoadQueryDto {
  @ApiPropertyOptional({
    description: 'The date whose timetable is checked. Default: today in the school’s time zone.',
    example: '2026-10-05',
  })
  @IsOptional()
  @IsDateOnly()
  on?: string;
}

export class BusiestDayDto {
  @ApiProperty({
    minimum: 1,
    maximum: 7,
    description: 'ISO weekday: 1 Monday … 7 Sunday.',
    example: 2,
  })
  weekday!: number;

  @ApiProperty({ example: 7 })
  lessons!: number;
}

export class ClassLoadDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ example: '7Б' })
  className!: string;

  @ApiProperty({ minimum: 1, maximum: 11, example: 7 })
  grade!: number;

  @ApiProperty({
    description:
      'Lessons a week in the timetable in force on the date: distinct (weekday, lesson number) cells; parallel subgroup lessons count once.',
    example: 32,
  })
  weeklyHours!: number;

  @ApiProperty({
    description:
      'The maximum weekly load of the grade for the school’s 5- or 6-day week (СанПиН 1.2.3685-21, table 6.6).',
    example: 32,
  })
  maxWeeklyHours!: number;

  @ApiProperty({ description: 'Weekly hours of the grade’s curriculum.', example: 32 })
  curriculumHours!: number;

  @ApiProperty({
    type: BusiestDayDto,
    nullable: true,
    description:
      'The day with the most lessons (the earliest of equal days); null without a timetable.',
  })
  busiestDay!: BusiestDayDto | null;

  @ApiProperty({ description: 'The maximum lessons a day for the grade.', example: 7 })
  maxDailyLessons!: number;

  @ApiProperty({
    type: [String],
    description:
      'What the deputy should look at: load over the norms, and subjects whose timetable hours differ from the curriculum (by more than half an hour).',
    example: ['Tuesday: 8 lessons, more than the 7 a day allowed for grade 7'],
  })
  problems!: string[];

  @ApiProperty({
    description: 'Weekly hours and every day within the norms (curriculum differences aside).',
    example: false,
  })
  withinNorms!: boolean;
}

export class StudentLoadDto {
  @ApiProperty({ description: 'The date checked.', example: '2026-10-05' })
  on!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01' })
  academicYearId!: string;

  @ApiProperty({ description: 'Days of the school week (5 or 6).', example: 5 })
  weekDays!: number;

  @ApiProperty({
    type: [ClassLoadDto],
    description: 'Every class of the year running on the date, ordered by grade and letter.',
  })
  items!: ClassLoadDto[];
}
