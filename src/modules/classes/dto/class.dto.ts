import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import { type Person } from '../../people/entities/person.entity';
import { fullName } from '../../people/person-name';
import { type SchoolClass } from '../entities/school-class.entity';
import { className } from '../class-name';

/** One or two Cyrillic letters; stored upper-case. */
const LETTER = /^[А-ЯЁ]{1,2}$/;
const LETTER_MESSAGE = 'letter must be one or two Cyrillic letters, e.g. Б';
const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** A person as other objects show them: id and full name. */
export class ClassPersonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  id!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  fullName!: string;

  static from(person: Person): ClassPersonDto {
    return { id: person.id, fullName: fullName(person) };
  }
}

export class SchoolClassDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01' })
  academicYearId!: string;

  @ApiProperty({ minimum: 1, maximum: 11, example: 7 })
  grade!: number;

  @ApiProperty({ example: 'Б' })
  letter!: string;

  @ApiProperty({ description: 'Grade and letter.', example: '7Б' })
  name!: string;

  @ApiProperty({ type: ClassPersonDto, nullable: true })
  classTeacher!: ClassPersonDto | null;

  @ApiProperty({
    description: 'Students enrolled today (in the school’s time zone).',
    example: 27,
  })
  studentCount!: number;

  static from(schoolClass: SchoolClass, studentCount: number): SchoolClassDto {
    return {
      id: schoolClass.id,
      schoolId: schoolClass.schoolId,
      academicYearId: schoolClass.academicYearId,
      grade: schoolClass.grade,
      letter: schoolClass.letter,
      name: className(schoolClass),
      classTeacher: schoolClass.classTeacher ? ClassPersonDto.from(schoolClass.classTeacher) : null,
      studentCount,
    };
  }
}

export class SchoolClassListDto {
  @ApiProperty({ type: [SchoolClassDto], description: 'Ordered by grade, then letter.' })
  items!: SchoolClassDto[];
}

export class ListSchoolClassesQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only classes of this academic year.' })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 11, example: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(11)
  grade?: number;
}

export class CreateSchoolClassDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01' })
  @IsUUID()
  academicYearId!: string;

  @ApiProperty({ minimum: 1, maximum: 11, example: 7 })
  @IsInt()
  @Min(1)
  @Max(11)
  grade!: number;

  @ApiProperty({
    description: 'One or two Cyrillic letters, stored upper-case.',
    example: 'Б',
  })
  @Transform(upperCase)
  @IsString()
  @Matches(LETTER, { message: LETTER_MESSAGE })
  letter!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A staff member (person of kind `staff`) of the school.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsOptional()
  @IsUUID()
  classTeacherId?: string | null;
}

export class UpdateSchoolClassDto {
  @ApiPropertyOptional({ example: 'В' })
  @OptionalNotNull()
  @Transform(upperCase)
  @IsString()
  @Matches(LETTER, { message: LETTER_MESSAGE })
  letter?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A staff member of the school; null removes the class teacher.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  classTeacherId?: string | null;
}
