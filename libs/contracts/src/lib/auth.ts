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

/** « Mot de passe oublié ? »: the answer is the same whether an account uses this address or not. */
export class PasswordResetRequest {
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

/** The token from the mailed link (single use, one hour) and the new password (the sign-up policy). */
export class PasswordResetConfirmRequest {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

/** A signed-in person changes their password: the current one is required. */
export class ChangePasswordRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword!: string;
}
