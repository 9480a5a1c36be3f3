import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'login' })
  field!: string;

  @ApiProperty({
    type: [String],
    example: ['login must be shorter than or equal to 64 characters'],
  })
  messages!: string[];
}

/** RFC 9457 problem document, as every error of this API is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:school-journal:problem:request.invalid' })
  type!: string;

  @ApiProperty({ example: 'Invalid request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({
    description: 'Stable machine-readable error code; see docs/errors.md.',
    example: 'request.invalid',
  })
  code!: string;

  @ApiPropertyOptional({ example: 'login: login must be shorter than or equal to 64 characters' })
  detail?: string;

  @ApiPropertyOptional({ example: '/v1/accounts' })
  instance?: string;

  @ApiPropertyOptional({ example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  requestId?: string;

  @ApiPropertyOptional({
    description:
      'Seconds to wait before retrying, as in `Retry-After` (`auth.too_many_attempts`, `service.busy`).',
    example: 1,
  })
  retryAfter?: number;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: 'Every invalid field (validation errors only).',
  })
  errors?: FieldErrorDto[];
}
