import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('isPublic');

/** Opts a handler out of authentication (login, health, the contract). Use sparingly. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
