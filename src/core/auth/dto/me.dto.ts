import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_STATUSES, type AccountStatus } from '../entities/account.entity';
import { ROLES, type Role } from '../roles';

export class MySchoolDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({
    example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
  })
  schoolName!: string;

  @ApiProperty({ example: 'МБОУ СОШ № 1' })
  schoolShortName!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  regionId!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['teacher'] })
  roles!: Role[];
}

export class MyRegionDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  regionId!: string;

  @ApiProperty({ example: 'Демонстрационный регион' })
  regionName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['authority'] })
  roles!: Role[];
}

export class MeDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  id!: string;

  @ApiProperty({ example: 'school1.teacher' })
  login!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  displayName!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ivanova@school1.example' })
  email!: string | null;

  @ApiProperty({ enum: ACCOUNT_STATUSES, example: 'active' })
  status!: AccountStatus;

  @ApiProperty({ example: false })
  isPlatformOperator!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T08:00:00.000Z',
  })
  lastLoginAt!: string | null;

  @ApiProperty({ type: [MySchoolDto], description: 'Roles per school.' })
  schools!: MySchoolDto[];

  @ApiProperty({ type: [MyRegionDto], description: 'Region-wide roles (education authority).' })
  regions!: MyRegionDto[];
}
