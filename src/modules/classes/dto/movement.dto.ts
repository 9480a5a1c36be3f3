import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../core/http/pagination';
import { IsDateOnly } from '../../../core/http/dates';
import { fullName } from '../../people/person-name';
import type { Enrollment } from '../entities/enrollment.entity';
import type { Movement } from '../entities/movement.entity';
import {
  MOVEMENT_KINDS,
  type MovementKind,
  type MovementOrder,
} from '../entities/movement-order.entity';
import { type SchoolClass } from '../entities/school-class.entity';
import { className } from '../class-name';

const STUDENT_ID = '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10';
const CLASS_ID = '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01';

export class ClassRefDto {
  @ApiProperty({ format: 'uuid', example: CLASS_ID })
  id!: string;

  @ApiProperty({ example: '7Б' })
  name!: string;

  static from(schoolClass: SchoolClass): ClassRefDto {
    return { id: schoolClass.id, name: className(schoolClass) };
  }
}

export class MovementLineDto {
  @ApiProperty({ format: 'uuid', example: STUDENT_ID })
  @IsUUID()
  studentId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Admission and transfer: the class the student joins.',
    example: CLASS_ID,
  })
  @IsOptional()
  @IsUUID()
  toClassId?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'First day in the new class (or first day no longer a student); the order date unless given.',
    example: '2026-09-01',
  })
  @IsOptional()
  @IsDateOnly()
  effectiveOn?: string;

  @ApiPropertyOptional({
    description: 'Withdrawals: where the student goes.',
    example: 'МБОУ СОШ № 5 г. Твери',
    maxLength: 300,
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  destination?: string;
}

export class CreateMovementOrderDto {
  @ApiProperty({ example: '45-у', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  number!: string;

  @ApiProperty({ format: 'date', example: '2026-08-29' })
  @IsDateOnly()
  datedOn!: string;

  @ApiProperty({ enum: MOVEMENT_KINDS, example: 'admission' })
  @IsIn(MOVEMENT_KINDS)
  kind!: MovementKind;

  @ApiProperty({ example: 'Заявление родителя от 20.08.2026', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  basis!: string;

  @ApiProperty({ type: [MovementLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MovementLineDto)
  movements!: MovementLineDto[];
}

export class MovementDto {
  @ApiProperty({ format: 'uuid', example: STUDENT_ID })
  studentId!: string;

  @ApiProperty({ example: 'Фёдорова Анна Сергеевна' })
  studentName!: string;

  @ApiProperty({ type: ClassRefDto, nullable: true })
  fromClass!: ClassRefDto | null;

  @ApiProperty({ type: ClassRefDto, nullable: true })
  toClass!: ClassRefDto | null;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  effectiveOn!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  destination!: string | null;

  static from(movement: Movement): MovementDto {
    return {
      studentId: movement.student.id,
      studentName: fullName(movement.student),
      fromClass: movement.fromClass ? ClassRefDto.from(movement.fromClass) : null,
      toClass: movement.toClass ? ClassRefDto.from(movement.toClass) : null,
      effectiveOn: movement.effectiveOn,
      destination: movement.destination,
    };
  }
}

export class MovementOrderDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({ example: '45-у' })
  number!: string;

  @ApiProperty({ format: 'date', example: '2026-08-29' })
  datedOn!: string;

  @ApiProperty({ enum: MOVEMENT_KINDS, example: 'admission' })
  kind!: MovementKind;

  @ApiProperty({ example: 'Заявление родителя от 20.08.2026' })
  basis!: string;

  @ApiProperty({ type: [MovementDto] })
  movements!: MovementDto[];

  static from(order: MovementOrder): MovementOrderDto {
    return {
      id: order.id,
      schoolId: order.schoolId,
      number: order.number,
      datedOn: order.datedOn,
      kind: order.kind,
      basis: order.basis,
      movements: order.movements.getItems().map(MovementDto.from),
    };
  }
}

export class ListMovementOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MOVEMENT_KINDS, example: 'transfer' })
  @IsOptional()
  @IsIn(MOVEMENT_KINDS)
  kind?: MovementKind;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Orders dated on or after.',
    example: '2026-09-01',
  })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Orders dated on or before.',
    example: '2027-05-31',
  })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class OrderRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  id!: string;

  @ApiProperty({ example: '45-у' })
  number!: string;

  @ApiProperty({ format: 'date', example: '2026-08-29' })
  datedOn!: string;

  @ApiProperty({ enum: MOVEMENT_KINDS, example: 'admission' })
  kind!: MovementKind;

  static from(movement: Movement | null): OrderRefDto | null {
    if (!movement) return null;
    const { order } = movement;
    return { id: order.id, number: order.number, datedOn: order.datedOn, kind: order.kind };
  }
}

/** One stay of a student in a class. */
export class EnrollmentDto {
  @ApiProperty({ type: ClassRefDto })
  class!: ClassRefDto;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01' })
  academicYearId!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  startsOn!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'First day no longer in the class; null while enrolled.',
    example: null,
  })
  endsOn!: string | null;

  @ApiProperty({
    type: OrderRefDto,
    nullable: true,
    description: 'Null for an imported class list.',
  })
  startedBy!: OrderRefDto | null;

  @ApiProperty({ type: OrderRefDto, nullable: true })
  endedBy!: OrderRefDto | null;

  static from(enrollment: Enrollment): EnrollmentDto {
    return {
      class: ClassRefDto.from(enrollment.schoolClass),
      academicYearId: enrollment.schoolClass.academicYearId,
      startsOn: enrollment.startsOn,
      endsOn: enrollment.endsOn,
      startedBy: OrderRefDto.from(enrollment.startedBy),
      endedBy: OrderRefDto.from(enrollment.endedBy),
    };
  }
}

export class ClassOnDateDto {
  @ApiProperty({ format: 'date', example: '2026-12-01' })
  on!: string;

  @ApiProperty({
    type: ClassRefDto,
    nullable: true,
    description: 'Null: not a student of the school on that date.',
  })
  class!: ClassRefDto | null;
}

export class OnDateQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The date; today unless given.',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsDateOnly()
  on?: string;
}

export class ClassListEntryDto {
  @ApiProperty({ format: 'uuid', example: STUDENT_ID })
  id!: string;

  @ApiProperty({ example: 'Фёдорова Анна Сергеевна' })
  fullName!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  enrolledOn!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  leavesOn!: string | null;
}
