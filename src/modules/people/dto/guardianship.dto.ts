import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { fullName } from '../person-name';
import { RELATIONS, type Guardianship, type Relation } from '../entities/guardianship.entity';

export class GuardianshipDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  studentId!: string;

  @ApiProperty({ example: 'Фёдорова Анна Сергеевна' })
  studentName!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b11' })
  parentId!: string;

  @ApiProperty({ example: 'Фёдорова Ольга Ивановна' })
  parentName!: string;

  @ApiProperty({ enum: RELATIONS, example: 'mother' })
  relation!: Relation;

  @ApiProperty({ example: true })
  legalRepresentative!: boolean;

  static from(link: Guardianship): GuardianshipDto {
    return {
      studentId: link.student.id,
      studentName: fullName(link.student),
      parentId: link.parent.id,
      parentName: fullName(link.parent),
      relation: link.relation,
      legalRepresentative: link.legalRepresentative,
    };
  }
}

export class LinkParentDto {
  @ApiProperty({ enum: RELATIONS, example: 'mother' })
  @IsIn(RELATIONS)
  relation!: Relation;

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptional()
  @IsBoolean()
  legalRepresentative?: boolean;
}
