import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

/** Emails are compared trimmed and lower-cased everywhere. */
export const normalizeEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
import type { Role } from './roles';

export class LoginRequest {
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export interface UserView {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  active: boolean;
  /** False until the address is confirmed by the link sent at sign-up: the person may prepare but not submit. */
  emailVerified: boolean;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserView;
}
