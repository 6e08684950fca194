/**
 * SIP-kollen: anonymous feedback after a meeting. Unlinkable by design — a single-use token proves the
 * right to answer; the answer keeps only what the statistics need (agreement, principals of the meeting,
 * meeting kind, month) and the answers. Pure rules: tokens, validation, the answer row, the columns an
 * answer may ever have.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { dateTimeFormat } from '../../shared/i18n/intl.ts';

export const SCALE = [1, 2, 3, 4, 5] as const;
export const DONT_KNOW = 'dontKnow';
export const FREE_TEXT_MAX = 2000;
/** Days an invitation to answer stays open. */
export const ANSWER_DAYS = 60;
/** Free text is shown to managers only for groups at least this large. */
export const FREE_TEXT_MIN_GROUP = 5;

/**
 * Every column the answer table may have. A column that could tie an answer to a person, plan, token
 * or moment (ids of any of them, timestamps, a sequence) must never be added: a test compares the table
 * with this list.
 */
export const ANSWER_COLUMNS = ['id', 'agreement_id', 'principal_ids', 'meeting_kind', 'month', 'answers', 'free_text'] as const;

export interface Question {
  key: string;
  kind: 'scale' | 'text';
  /** Own wording per language (an agreement's own question); null = the default wording. */
  texts: Record<string, string> | null;
}

/** A new token (given to the person once, in a link) and the hash that is stored. */
export function newToken(): { token: string; hash: string } {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function looksLikeToken(value: string): boolean {
  return /^[a-z2-7]{32}$/.test(value);
}

export interface AnswerSet {
  answers: Record<string, number | typeof DONT_KNOW>;
  freeText: string;
}

/** Answers: each scale question 1–5, "don't know" or left out; the free text within its length. */
export function validateAnswers(raw: Record<string, string>, questions: readonly Question[]): { ok: true; value: AnswerSet } | { ok: false; issues: FieldIssue[] } {
  const issues = new Issues();
  const answers: AnswerSet['answers'] = {};
  let freeText = '';
  for (const q of questions) {
    const v = (raw[q.key] ?? '').trim();
    if (q.kind === 'text') {
      freeText = issues.textField(q.key, v, FREE_TEXT_MAX, { required: false });
      continue;
    }
    if (v === '') continue;
    if (v === DONT_KNOW) answers[q.key] = DONT_KNOW;
    else if (/^[1-5]$/.test(v)) answers[q.key] = Number(v);
    else issues.add(q.key, 'outOfRange');
  }
  return issues.ok ? { ok: true, value: { answers, freeText } } : { ok: false, issues: issues.list };
}

/** The month an answer is filed under (Swedish time): the only time an answer keeps. */
export function answerMonth(at: Date): string {
  return dateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(at);
}

/** The principals of a meeting, sorted, so equal groups look equal. */
export function principalGroup(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/**
 * Free-text answers as managers may see them: only when the group has at least FREE_TEXT_MIN_GROUP
 * answers, and sorted by the text itself, so the order says nothing about when anyone answered.
 */
export function visibleFreeTexts(answerCount: number, texts: readonly string[]): string[] | null {
  if (answerCount < FREE_TEXT_MIN_GROUP) return null;
  return texts.filter((t) => t.trim() !== '').sort((a, b) => a.localeCompare(b, 'sv'));
}
