import { ApiProperty } from '@nestjs/swagger';
import { ClassPersonDto } from '../../classes/dto/class.dto';

/** What one student's marks suggest as the period (year) mark (J4, J11). */
export class PeriodMarkSuggestionDto {
  @ApiProperty({ type: ClassPersonDto })
  student!: ClassPersonDto;

  @ApiProperty({
    description:
      'Marks the averages are taken over: current marks of the period’s lessons (all, with a score or not), or the period marks of the year.',
    example: 4,
  })
  marksCount!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Σ score / n over the marks with a score, rounded half up to 2 decimals; null: none.',
    example: 4,
  })
  average!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Σ(score × mark type weight) / Σ weight over the marks with a score, rounded half up to 2 decimals; null: none. For year suggestions every period mark weighs 1.',
    example: 3.89,
  })
  weightedAverage!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The scale value the weighted average comes nearest to (ties upward; on the five-point scale: rounded half up); null without scored marks or on a scale without scores. A suggestion only: the teacher decides.',
    example: '4',
  })
  suggested!: string | null;
}

export class PeriodMarkSuggestionListDto {
  @ApiProperty({
    type: PeriodMarkSuggestionDto,
    isArray: true,
    description: 'One line per student of the class in the period (the year), by name.',
  })
  items!: PeriodMarkSuggestionDto[];
}
