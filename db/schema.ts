/**
 * Row types of the database, as Kysely sees them. One interface per table; `Generated` marks columns
 * the database fills in. Keep in step with db/migrations.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type PrincipalKind = 'municipality' | 'region' | 'school';

export interface AppMetadataTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface PrincipalTable {
  id: Generated<string>;
  kind: PrincipalKind;
  name: string;
  agreement_id: string | null;
  created_at: Generated<Date>;
}

export interface AgreementTable {
  id: Generated<string>;
  name: string;
  first_contact_days: number;
  first_meeting_days: number;
  local_first_meeting_days: number | null;
  schools_are_principals: Generated<boolean>;
  patient_info_languages: ColumnType<string[], string | undefined, string>;
}

export interface UnitTable {
  id: Generated<string>;
  principal_id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface PersonTable {
  id: Generated<string>;
  personal_identity_number: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD */
  birth_date: ColumnType<string, string, string>;
  email: string | null;
  created_at: Generated<Date>;
}

export interface StaffAccountTable {
  id: Generated<string>;
  hsa_id: string;
  name: string;
  email: string | null;
  title: string | null;
  is_admin: Generated<boolean>;
  can_coordinate: Generated<boolean>;
  works_with: string | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export type UnitRole = 'member' | 'deviationHandler';

export interface UnitMembershipTable {
  staff_account_id: string;
  unit_id: string;
  role: UnitRole;
}

export interface PrincipalManagerTable {
  staff_account_id: string;
  principal_id: string;
}

export interface SessionTable {
  id: string;
  secret_hash: Uint8Array;
  person_id: string | null;
  staff_account_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor_kind: 'person' | 'staff' | 'system';
  actor_id: string | null;
  action: string;
  subject_person_id: string | null;
  record_type: string | null;
  record_id: string | null;
  context: string | null;
}

export interface LoginAttemptTable {
  id: string;
  secret_hash: Uint8Array;
  kind: 'citizen' | 'staff';
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  locale: string;
  created_at: Timestamp;
}

export interface DemoRegisterGuardianshipTable {
  guardian_personal_identity_number: string;
  child_personal_identity_number: string;
  child_given_name: string;
  child_family_name: string;
  child_birth_date: ColumnType<string, string, string>;
}

export interface LegalRepresentationTable {
  id: Generated<string>;
  representative_person_id: string;
  represented_person_id: string;
  kind: 'godMan' | 'forvaltare';
  registered_by_staff_account_id: string | null;
  registered_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface DelegationTable {
  id: Generated<string>;
  person_id: string;
  delegate_person_id: string;
  granted_by_person_id: string;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by_person_id: string | null;
}

export interface FormDraftTable {
  person_id: string;
  form: string;
  data: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export type SipRequestStatus = 'awaitingConsent' | 'sent' | 'received' | 'closed';
export type SubmittedAs = 'self' | 'guardian' | 'representative' | 'relative' | 'staff';
export type DeclineReason = 'notInTargetGroup' | 'singlePrincipal' | 'personDeclined' | 'alreadyHasPlan' | 'other';

export interface SipRequestTable {
  id: Generated<string>;
  reference: string;
  subject_person_id: string;
  submitted_by_person_id: string | null;
  created_by_staff_account_id: Generated<string | null>;
  submitted_as: SubmittedAs;
  decline_reason: Generated<DeclineReason | null>;
  status: SipRequestStatus;
  answers: ColumnType<unknown, string, string>;
  preferred_staff_account_id: string | null;
  receipt_email: string | null;
  idempotency_key: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  received_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_reason: 'consentWithdrawn' | 'declined' | 'planCreated' | 'other' | null;
}

export interface SipRequestPrincipalTable {
  request_id: string;
  principal_id: string;
}

export interface ConsentTable {
  id: Generated<string>;
  subject_person_id: string;
  given_by_person_id: string;
  given_as: 'self' | 'guardian' | 'representative';
  request_id: string | null;
  scope: ColumnType<unknown, string, string>;
  text_version: string;
  given_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_by_person_id: string | null;
  recorded_by_staff_account_id: Generated<string | null>;
  obtained_how: Generated<'inWriting' | 'orally' | 'inPerson' | null>;
}

export interface ConsentRequirementTable {
  request_id: string;
  person_id: string;
  role: 'subject' | 'guardian' | 'representative';
  consent_id: string | null;
}

export interface PlanTable {
  id: Generated<string>;
  reference: string;
  subject_person_id: string;
  request_id: string | null;
  scope: 'regional' | 'local';
  status: 'preparing' | 'active' | 'closed';
  clock_started_at: Timestamp;
  first_contact_days: number;
  first_meeting_days: number;
  first_contact_at: Timestamp | null;
  first_contact_note: string | null;
  taken_by_staff_account_id: string | null;
  coordinator_staff_account_id: string | null;
  lead_principal_id: string | null;
  draft: ColumnType<unknown, string, string>;
  draft_revision: Generated<number>;
  draft_updated_at: Timestamp | null;
  draft_updated_by_staff_account_id: string | null;
  offered_version: number | null;
  active_version: number | null;
  first_meeting_held_at: Timestamp | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  closed_reason: 'consentWithdrawn' | ClosingReason | null;
  /** YYYY-MM-DD */
  follow_up_date: string | null;
  closing_reason: ClosingReason | null;
  closing_note: string | null;
  closing_proposed_at: Timestamp | null;
  closing_proposed_by_staff_account_id: string | null;
  closed_confirmed_by_person_id: string | null;
  closing_declined_at: Timestamp | null;
  closing_declined_comment: string | null;
}

export type ClosingReason = 'goalsMet' | 'noLongerNeeded' | 'moved' | 'other';
export type GoalValue = 'met' | 'partlyMet' | 'notMet';
export type DeviationType = 'notInitiated' | 'noShow' | 'poorTreatment' | 'planNotFollowed' | 'other';
export type DeviationStatus = 'reported' | 'investigating' | 'closed';
export type FollowUpDecision = 'continue' | 'revise' | 'close';

export interface FollowUpTable {
  id: Generated<string>;
  plan_id: string;
  meeting_id: string;
  version: number;
  decision: FollowUpDecision;
  next_follow_up_date: string | null;
  note: Generated<string>;
  decided_by_staff_account_id: string | null;
  decided_at: Timestamp;
  /** The follow-up date in force when it was recorded (null for those recorded before it was kept). */
  due_date: Generated<string | null>;
}

export interface GoalAssessmentTable {
  follow_up_id: string;
  goal_id: string;
  sub_goal_id: Generated<string>;
  staff_value: GoalValue;
  staff_comment: Generated<string>;
  person_value: GoalValue | null;
  person_comment: Generated<string>;
}

export interface FollowUpReminderTable {
  plan_id: string;
  follow_up_date: string;
  kind: 'before' | 'overdue';
  sent_at: Timestamp;
}

export interface DeviationTable {
  id: Generated<string>;
  plan_id: string;
  principal_id: string;
  type: DeviationType;
  description: string;
  invitation_id: string | null;
  reported_by_staff_account_id: string | null;
  reported_by_person_id: string | null;
  reported_at: Timestamp;
  status: Generated<DeviationStatus>;
  investigation: Generated<string>;
  answer: Generated<string>;
  handled_by_staff_account_id: string | null;
  investigating_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface FeedbackQuestionTable {
  id: Generated<string>;
  agreement_id: string | null;
  position: number;
  key: string;
  kind: 'scale' | 'text';
  texts: ColumnType<Record<string, string> | null, string | null, string | null>;
}

export interface FeedbackInvitationTable {
  id: Generated<string>;
  meeting_id: string;
  person_id: string | null;
  email: string | null;
  token_hash: string;
  expires_at: Timestamp;
}

/** Used invitations: HMAC(FEEDBACK_POOL_KEY, invitation id) only — no time, no id a join can use. */
export interface FeedbackUsedTokenTable {
  mac: string;
}

/** The older half of the used invitations (retention rotates the halves; see retention.domain.ts). */
export type FeedbackUsedTokenPreviousTable = FeedbackUsedTokenTable;

/** Released SIP-kollen answers: agreement and quarter only (docs/feedback-anonymity.md). */
export interface FeedbackAnswerTable {
  id: Generated<string>;
  agreement_id: string | null;
  /** YYYY-Qn: the quarter the answer's batch was released in. */
  quarter: string;
  answers: ColumnType<Record<string, number | 'dontKnow'>, string, string>;
  free_text: Generated<string>;
}

/** A coordinator's question to the person: may this principal take part too (widen the consent)? */
export interface ConsentScopeRequestTable {
  id: Generated<string>;
  plan_id: string;
  principal_id: string;
  asked_by_staff_account_id: string | null;
  reason: Generated<string>;
  asked_at: Timestamp;
  status: Generated<'open' | 'accepted' | 'declined' | 'cancelled'>;
  answered_at: Timestamp | null;
  answered_by_person_id: string | null;
}

/** Answers waiting for a batch of at least k: AES-256-GCM with a key outside the database. */
export interface FeedbackAnswerPoolTable {
  id: Generated<string>;
  agreement_id: string | null;
  sealed: string;
}

export interface PlanUnitTable {
  plan_id: string;
  unit_id: string;
}

export interface PlanPrincipalTable {
  plan_id: string;
  principal_id: string;
}

export interface PlanVersionTable {
  plan_id: string;
  version: number;
  content: ColumnType<unknown, string, string>;
  offered_at: Timestamp;
  offered_by_staff_account_id: string | null;
  accepted_at: Timestamp | null;
  accepted_by_person_id: string | null;
  change_request: string | null;
  change_requested_at: Timestamp | null;
  change_requested_by_person_id: string | null;
}

export interface MeetingTable {
  id: Generated<string>;
  plan_id: string;
  kind: 'initial' | 'followUp';
  starts_at: Timestamp;
  ends_at: Timestamp;
  place_kind: 'home' | 'service' | 'digital' | 'other';
  location: string;
  status: 'planned' | 'held' | 'cancelled';
  ics_uid: string;
  ics_sequence: Generated<number>;
  created_at: Timestamp;
  held_at: Timestamp | null;
  follow_up_draft: ColumnType<unknown, string | null, string | null>;
}

export interface InvitationTable {
  id: Generated<string>;
  meeting_id: string;
  kind: 'person' | 'staff' | 'external' | 'relative';
  staff_account_id: string | null;
  person_id: string | null;
  name: string;
  organisation: string | null;
  email: string | null;
  answer: Generated<'pending' | 'coming' | 'notComing'>;
  substitute: string | null;
  answered_at: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  attended: boolean | null;
}

export interface RescuedFormTable {
  id: Generated<string>;
  person_id: string | null;
  staff_account_id: string | null;
  path: string;
  fields: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

/** The manager dashboard's rollup (see the stats feature): counts only, never a person. */
export interface StatsCellTable {
  agreement_id: string;
  principal_key: string;
  dim: 'total' | 'principal' | 'unit' | 'scope' | 'age';
  metric: string;
  month: string;
  dim_value: string;
  bucket: string;
  n: number;
}

/** A system that reads plans through the FHIR API, for one principal (README "FHIR API"). */
export interface ApiClientTable {
  id: Generated<string>;
  name: string;
  principal_id: string;
  secret_hash: Uint8Array;
  created_by_staff_account_id: string | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** A short-lived bearer token of an API client (only the hash of its secret). */
export interface ApiTokenTable {
  id: string;
  secret_hash: Uint8Array;
  api_client_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** A mail waiting to be sent (or sent, until purged): see src/shared/server/mail-outbox.ts. */
export interface MailOutboxTable {
  id: Generated<string>;
  kind: string;
  /** The Mail (to, subject, text, language, calendar event); null once sent. */
  message: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  next_attempt_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  failed_at: Timestamp | null;
}

/** Rate-limit counters (rate-limiter-flexible's RateLimiterPostgres layout; key = prefix:address). */
export interface RateLimitTable {
  key: string;
  points: Generated<number>;
  /** Milliseconds since the epoch when the counter ends. */
  expire: number | null;
}

export interface Database {
  rate_limit: RateLimitTable;
  mail_outbox: MailOutboxTable;
  api_client: ApiClientTable;
  api_token: ApiTokenTable;
  stats_cell: StatsCellTable;
  follow_up: FollowUpTable;
  goal_assessment: GoalAssessmentTable;
  follow_up_reminder: FollowUpReminderTable;
  deviation: DeviationTable;
  feedback_question: FeedbackQuestionTable;
  feedback_invitation: FeedbackInvitationTable;
  feedback_used_token: FeedbackUsedTokenTable;
  feedback_used_token_previous: FeedbackUsedTokenPreviousTable;
  feedback_answer: FeedbackAnswerTable;
  feedback_answer_pool: FeedbackAnswerPoolTable;
  rescued_form: RescuedFormTable;
  agreement: AgreementTable;
  plan: PlanTable;
  plan_unit: PlanUnitTable;
  plan_principal: PlanPrincipalTable;
  plan_version: PlanVersionTable;
  meeting: MeetingTable;
  invitation: InvitationTable;
  legal_representation: LegalRepresentationTable;
  delegation: DelegationTable;
  form_draft: FormDraftTable;
  sip_request: SipRequestTable;
  sip_request_principal: SipRequestPrincipalTable;
  consent: ConsentTable;
  consent_requirement: ConsentRequirementTable;
  consent_scope_request: ConsentScopeRequestTable;
  demo_register_guardianship: DemoRegisterGuardianshipTable;
  login_attempt: LoginAttemptTable;
  app_metadata: AppMetadataTable;
  principal: PrincipalTable;
  unit: UnitTable;
  person: PersonTable;
  staff_account: StaffAccountTable;
  unit_membership: UnitMembershipTable;
  principal_manager: PrincipalManagerTable;
  session: SessionTable;
  audit_event: AuditEventTable;
}
