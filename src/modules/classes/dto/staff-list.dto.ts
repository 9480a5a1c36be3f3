import { ApiProperty } from '@nestjs/swagger';

/** A member of staff as everyone in the school sees them: name and positions, no contacts. */
export class StaffMemberDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  id!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  fullName!: string;

  @ApiProperty({ type: [String], example: ['Учитель математики', 'Заместитель директора по УВР'] })
  positions!: string[];

  @ApiProperty({
    type: [String],
    description: 'Classes they lead as class teacher, of academic years not yet ended.',
    example: ['7Б'],
  })
  classTeacherOf!: string[];
}

export class StaffListDto {
  @ApiProperty({ type: [StaffMemberDto], description: 'Ordered by name.' })
  items!: StaffMemberDto[];
}
