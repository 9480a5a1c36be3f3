import { ApiProperty } from '@nestjs/swagger';

/** References the journal's answers share: who, which class, which subject, which type. */

export class JournalPersonRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  id!: string;

  @ApiProperty({ description: 'Last and first name.', example: 'Алексеев Антон' })
  name!: string;
}

export class JournalClassRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  id!: string;

  @ApiProperty({ description: 'Grade and letter.', example: '7А' })
  name!: string;
}

export class JournalSubjectNameDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  id!: string;

  @ApiProperty({ example: 'Математика' })
  name!: string;
}

export class JournalMarkTypeShortDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5a01' })
  id!: string;

  @ApiProperty({ example: 'к/р' })
  shortName!: string;
}
