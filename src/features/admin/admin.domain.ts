/**
 * Rules for what an admin enters: principals (huvudmän), units, staff accounts and their roles.
 * Pure; the codes become messages through `errors:admin.<field>.<code>`.
 */
import { Issues, type Validated } from '../../shared/forms/form.ts';
import type { PrincipalKind, UnitRole } from '../../../db/schema.ts';

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['municipality', 'region', 'school'];
export const UNIT_ROLES: readonly UnitRole[] = ['member', 'deviationHandler'];
export const NAME_MAX = 120;
export const TEXT_MAX = 200;

export interface PrincipalInput {
  name: string;
  kind: PrincipalKind;
}

export function validatePrincipal(raw: { name: string; kind: string }): Validated<PrincipalInput> {
  const issues = new Issues();
  const name = issues.textField('name', raw.name, NAME_MAX, { singleLine: true });
  if (raw.kind === '') issues.add('kind', 'required');
  else if (!(PRINCIPAL_KINDS as readonly string[]).includes(raw.kind)) issues.add('kind', 'unknown');
  return issues.result({ name, kind: raw.kind as PrincipalKind });
}

export interface UnitInput {
  principalId: string;
  name: string;
}

export function validateUnit(raw: { principalId: string; name: string }, principalIds: ReadonlySet<string>): Validated<UnitInput> {
  const issues = new Issues();
  if (raw.principalId === '') issues.add('principalId', 'required');
  else if (!principalIds.has(raw.principalId)) issues.add('principalId', 'unknown');
  const name = issues.textField('name', raw.name, NAME_MAX, { singleLine: true });
  return issues.result({ principalId: raw.principalId, name });
}

/**
 * An HSA-id: country code SE, the organisation number (10 digits), a hyphen and a local part of
 * letters and digits, e.g. SE2321000016-15A3. Stored upper case, as SITHS sends it.
 */
export function normalizeHsaId(value: string): string | undefined {
  const v = value.replace(/\s+/g, '').toUpperCase();
  return /^SE\d{10}-[A-Z0-9]{1,24}$/.test(v) ? v : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface StaffAccountInput {
  name: string;
  hsaId: string;
  email: string | null;
  title: string | null;
  worksWith: string | null;
  canCoordinate: boolean;
  isAdmin: boolean;
}

export function validateStaffAccount(raw: { name: string; hsaId: string; email: string; title: string; worksWith: string; canCoordinate: boolean; isAdmin: boolean }): Validated<StaffAccountInput> {
  const issues = new Issues();
  const name = issues.textField('name', raw.name, NAME_MAX, { singleLine: true });
  let hsaId = '';
  if (raw.hsaId === '') issues.add('hsaId', 'required');
  else hsaId = normalizeHsaId(raw.hsaId) ?? (issues.add('hsaId', 'invalidHsaId'), '');
  if (raw.email !== '' && (!EMAIL.test(raw.email) || raw.email.length > TEXT_MAX)) issues.add('email', 'invalidEmail');
  const title = issues.textField('title', raw.title, TEXT_MAX, { required: false, singleLine: true });
  const worksWith = issues.textField('worksWith', raw.worksWith, TEXT_MAX, { required: false, singleLine: true });
  return issues.result({
    name,
    hsaId,
    email: raw.email || null,
    title: title || null,
    worksWith: worksWith || null,
    canCoordinate: raw.canCoordinate,
    isAdmin: raw.isAdmin,
  });
}

export interface MembershipInput {
  unitId: string;
  role: UnitRole;
}

export function validateMembership(raw: { unitId: string; role: string }, unitIds: ReadonlySet<string>): Validated<MembershipInput> {
  const issues = new Issues();
  if (raw.unitId === '') issues.add('unitId', 'required');
  else if (!unitIds.has(raw.unitId)) issues.add('unitId', 'unknown');
  if (raw.role === '') issues.add('role', 'required');
  else if (!(UNIT_ROLES as readonly string[]).includes(raw.role)) issues.add('role', 'unknown');
  return issues.result({ unitId: raw.unitId, role: raw.role as UnitRole });
}

export function validateManagerOf(raw: { principalId: string }, principalIds: ReadonlySet<string>): Validated<{ principalId: string }> {
  const issues = new Issues();
  if (raw.principalId === '') issues.add('managerPrincipalId', 'required');
  else if (!principalIds.has(raw.principalId)) issues.add('managerPrincipalId', 'unknown');
  return issues.result({ principalId: raw.principalId });
}
