import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Who grants: the Département (or any funder running Tremplin), named in mails, receipts, conventions. */
export interface GrantorView {
  name: string;
  siret: string;
  /** Postal address, one line per line. */
  address: string;
  presidentName: string;
  presidentTitle: string;
  version: number;
  updatedAt: string;
}

export class GrantorInput {
  @Transform(trimmed) @IsString() @MinLength(2) @MaxLength(200) name!: string;
  /** 14 digits (spaces ignored); the Luhn key is checked by the service (SIRET_INVALID). */
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value)) @Matches(/^\d{14}$/) siret!: string;
  @Transform(trimmed) @IsString() @MinLength(5) @MaxLength(500) address!: string;
  @Transform(trimmed) @IsString() @MinLength(2) @MaxLength(200) presidentName!: string;
  @Transform(trimmed) @IsString() @MinLength(2) @MaxLength(200) presidentTitle!: string;
  @IsInt() @Min(1) version!: number;
}
