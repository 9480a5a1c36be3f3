import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMMENT_MAX, NOT_BLANK } from '../../../core/http/validation';

export const MAX_MINUTES_LATE = 240;
/** More than any class has students: a list longer than this is a mistake. */
export const MAX_ABSENCES = 100;

export class AbsenceInputDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'A student of the lesson: enrolled in its class on its date (and in its subgroup, if any); each student at most once.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b21',
  })
  @IsUUID()
  studentId!: string;

  @ApiProperty({
    format: 'uuid',
    description:
      'An absence reason of the school that is not archived (one archived since it was given may stay on the student’s entry).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11',
  })
  @IsUUID()
  reasonId!: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_MINUTES_LATE,
    description: 'Only with the late-arrival reason (О): by how many minutes.',
    example: 10,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES_LATE)
  minutesLate?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: COMMENT_MAX,
    example: 'Справка из поликлиники № 3',
  })
  @IsOptional()
  @IsString()
  @Length(1, COMMENT_MAX)
  @Matches(NOT_BLANK, { message: 'comment must not be blank' })
  comment?: string | null;
}

/** The attendance of a whole lesson: who was absent or late; everyone else was present. */
export class TakeAttendanceDto {
  @ApiProperty({
    type: AbsenceInputDto,
    isArray: true,
    maxItems: MAX_ABSENCES,
    description:
      'The lesson’s absences and late arrivals, all of them: students not listed were present (an empty list: everyone was). Entries of students not listed are removed.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_ABSENCES)
  @ValidateNested({ each: true })
  @Type(() => AbsenceInputDto)
  absences!: AbsenceInputDto[];
}
