/**
 * SIP-kollen: anonymous feedback after a meeting. Unlinkable by design — a single-use token proves the
 * right to answer; a released answer keeps only the agreement, the quarter of its release and the answers
 * (docs/feedback-anonymity.md). Pure rules: tokens, validation, the quarter, the shuffle of a batch, the
 * columns an answer may ever have.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { randomInt } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { Issues, type FieldIssue } from '../../shared/forms/form.ts';
import { dateTimeFormat } from '../../shared/i18n/intl.ts';

export const SCALE = [1, 2, 3, 4, 5] as const;
export const DONT_KNOW = 'dontKnow';
export const FREE_TEXT_MAX = 2000;
/** Days an invitation to answer stays open. */
export const ANSWER_DAYS = 60;

/**
 * Every column the answer table may have. A column that could tie an answer to a person, plan, token,
 * meeting or moment (ids of any of them, principals, meeting kind, timestamps, a sequence) must never be
 * added: a test compares the table with this list.
 */
export const ANSWER_COLUMNS = ['id', 'agreement_id', 'quarter', 'answers', 'free_text'] as const;

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

/**
 * Answers: each scale question 1–5, "don't know" or left out; the free text within its length; and at
 * least one of them (an empty form would use up the link and say nothing). The "empty" issue is on the
 * first question, where the error summary links.
 */
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
  if (issues.ok && Object.keys(answers).length === 0 && freeText === '' && questions[0]) issues.add(questions[0].key, 'empty');
  return issues.ok ? { ok: true, value: { answers, freeText } } : { ok: false, issues: issues.list };
}

/** The quarter a batch of answers is filed under (Swedish time), e.g. '2027-Q1': the only time an answer keeps. */
export function answerQuarter(at: Date): string {
  const month = dateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(at);
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/**
 * A batch in random order (Fisher–Yates with a cryptographic random source), so that the order in which
 * answers are written, and so their physical place in the table, says nothing about who answered when.
 */
export function shuffled<T>(items: readonly T[], randomBelow: (n: number) => number = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
