import { Transform } from 'class-transformer';
import { normalizeEmail } from './auth';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type Role, type StaffRole } from './roles';

export class CreateStaffUserRequest {
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(120)
  fullName!: string;

  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  /** At least 12 characters, as the national security agency (ANSSI) recommends for passwords alone. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

export class ListUsersQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(['association', 'reviewer', 'finance', 'admin'])
  role?: Role;

  @IsOptional()
  @Matches(/^\d{1,6}$/)
  page?: string;

  @IsOptional()
  @Matches(/^\d{1,3}$/)
  pageSize?: string;
}

export interface UserAdminView {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}
