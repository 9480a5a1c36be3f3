import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords';

export class LoginDto {
  @ApiProperty({ example: 'school1.teacher', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  login!: string;

  // Examples are played by API tools: never a password that works anywhere (not the demo one).
  @ApiProperty({ example: 'your-password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({
    description: 'The refresh token from the last login or refresh.',
    example: 'q3X9mB2kLr7vN1sT8wZ4yH6cJ0fD5gA-eU_pQ1oR2sW',
  })
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class ActivateDto {
  @ApiProperty({ example: 'school1.teacher' })
  @IsString()
  @Length(1, 64)
  login!: string;

  @ApiProperty({ description: 'The one-time code the school issued.', example: 'K7QM-2XRP-9DTA' })
  @IsString()
  @Length(4, 32)
  code!: string;

  @ApiProperty({
    description: `The new password, ${PASSWORD_MIN_LENGTH} characters or more.`,
    example: 'correct horse battery staple',
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'your-current-password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class TokenPairDto {
  @ApiProperty({
    description: 'JWT (HS256) to send as `Authorization: Bearer …`.',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  expiresIn!: number;

  @ApiProperty({
    description: 'Opaque; exchange at /v1/auth/refresh. Single use.',
    example: 'h3Q1m0b…',
  })
  refreshToken!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-22T10:00:00.000Z' })
  refreshTokenExpiresAt!: string;
}
