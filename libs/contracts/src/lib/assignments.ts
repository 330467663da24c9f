// Reviewer profiles, ties (conflicts of interest) and assignments (issue #7 §2–§3).
// Shared by the API controllers and the web pages.
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ASSIGNMENT_STATUSES, REVIEWER_CAPACITY_MAX, TIE_COMMENT_MAX_LENGTH, TIE_KINDS, type AssignmentStatus, type MatchQuality, type TieKind } from '@tremplin/domain';
import { TERRITORIES, type Territory } from './organizations';
import { IsOmittable } from './common';


export interface ReviewerProfileView {
  axisCodes: string[];
  territories: Territory[];
  capacity: number;
  active: boolean;
  /** 0 while the reviewer has no profile yet (the first save sends 0). */
  version: number;
}

/** A reviewer account with its profile; `load` is their active assignments in `?callId=` (null without it). */
export interface ReviewerView {
  userId: string;
  fullName: string;
  email: string;
  accountActive: boolean;
  profile: ReviewerProfileView;
  load: number | null;
}

export class ListReviewersQuery {
  @IsOptional() @IsUUID() callId?: string;
}

export class ReviewerProfileRequest {
  @IsArray() @ArrayMaxSize(20) @ArrayUnique() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/, { each: true }) axisCodes!: string[];
  @IsArray() @ArrayMaxSize(8) @ArrayUnique() @IsIn(TERRITORIES, { each: true }) territories!: Territory[];
  @IsInt() @Min(0) @Max(REVIEWER_CAPACITY_MAX) capacity!: number;
  @IsBoolean() active!: boolean;
  /** The version read (0 when there was no profile): a stale one is refused (409). */
  @IsInt() @Min(0) version!: number;
}

export interface ReviewerTieView {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: TieKind;
  comment: string;
  declaredAt: string;
}

export class DeclareTieRequest {
  @IsUUID() organizationId!: string;
  @IsIn(TIE_KINDS) kind!: TieKind;
  @IsOmittable() @IsString() @MaxLength(TIE_COMMENT_MAX_LENGTH) comment?: string;
}

/** What declaring a tie changed: the tie, and the assignments it recused (each reassigned if possible). */
export interface DeclareTieResult {
  tie: ReviewerTieView;
  recusedAssignmentIds: string[];
}

export class OrganizationSearchQuery {
  @IsString() @MinLength(2) @MaxLength(100) q!: string;
}

/** All a reviewer may learn of an organisation when declaring a tie. */
export interface OrganizationNameView {
  id: string;
  legalName: string;
}

export class AutoAssignRequest {
  @IsOmittable() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode?: string;
}

export interface ReviewerLoadView {
  reviewerId: string;
  fullName: string;
  /** Active assignments (assigned or accepted) in the call. */
  load: number;
  capacity: number;
}

/** How many active assignments have each expertise match (axis 2 points + shared territory 1 point). */
export type MatchQualityView = Record<MatchQuality, number>;

export interface AutoAssignResult {
  /** New assignments made by this run. */
  assigned: number;
  /** Applications moved from admissible to under review. */
  reviewStarted: number;
  /** False when the loads could not also be balanced (earlier assignments already unbalanced them). */
  balanced: boolean;
  optimal: boolean;
  solveMs: number;
  loads: ReviewerLoadView[];
  /** Of the new assignments only. */
  matchQuality: MatchQualityView;
}

export interface AssignmentSummaryView {
  reviewersPerApplication: number;
  loads: ReviewerLoadView[];
  /** Of the call's active assignments. */
  matchQuality: MatchQualityView;
  /** Admissible or under review applications of the call. */
  applications: number;
  /** …of which with fewer active reviewers than the call asks (e.g. nobody free after a conflict). */
  shortOfReviewers: number;
  overdue: number;
}

export class ListAssignmentsQuery {
  @IsOptional() @IsUUID() reviewerId?: string;
  @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) axisCode?: string;
  @IsOptional() @IsIn(ASSIGNMENT_STATUSES) status?: AssignmentStatus;
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

/** One assignment on the admin's list. */
export interface AssignmentView {
  id: string;
  applicationId: string;
  reference: string | null;
  title: string;
  organizationName: string;
  axisCode: string;
  reviewerId: string;
  reviewerName: string;
  status: AssignmentStatus;
  dueOn: string;
  overdue: boolean;
  matchPoints: number;
  reviewStatus: 'draft' | 'submitted' | null;
}

export class ReassignRequest {
  @IsUUID() reviewerId!: string;
}

export interface ReassignResult {
  withdrawn: AssignmentView;
  assignment: AssignmentView;
}

export class UpdateAssignmentRequest {
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn!: string;
}

export class ReviewQueueQuery {
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

/**
 * One row of a reviewer's queue. Before acceptance the reviewer learns only the organisation's name,
 * the axis and the title: `reference` and `applicationId` are null until they confirm no conflict.
 */
export interface ReviewQueueItemView {
  id: string;
  status: AssignmentStatus;
  dueOn: string;
  overdue: boolean;
  callId: string;
  callTitle: string;
  axisCode: string;
  axisLabel: string;
  title: string;
  organizationName: string;
  applicationId: string | null;
  reference: string | null;
  reviewStatus: 'draft' | 'submitted' | null;
}

export class DeclareConflictRequest {
  @IsIn(TIE_KINDS) kind!: TieKind;
  @IsOmittable() @IsString() @MaxLength(TIE_COMMENT_MAX_LENGTH) comment?: string;
}

export interface DeclareConflictResult {
  assignment: ReviewQueueItemView;
  /** Whether another reviewer took the application; if not, the admin's summary shows it short of reviewers. */
  reassigned: boolean;
}
