/**
 * The keys of SIP-kollen, derived from one secret that is not in the database (FEEDBACK_POOL_KEY): one to
 * seal pooled answers (AES-256-GCM) and one to mark invitations used (HMAC-SHA-256 of the invitation id).
 * Someone who can read the database but not the key can neither open a pooled answer nor tell which
 * invitation a "used" mark belongs to (docs/feedback-anonymity.md).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { AnswerSet } from './feedback.domain.ts';

export interface FeedbackKeys {
  /** The "used" mark of an invitation. */
  mac(invitationId: string): string;
  /** An answer sealed for the pool; `agreementId` is bound to it (a blob moved to another agreement does not open). */
  seal(answer: AnswerSet, agreementId: string | null): string;
  /** Opens a sealed answer; throws when it was sealed with another key or changed. */
  open(sealed: string, agreementId: string | null): AnswerSet;
}

/** What SIP-kollen needs besides the database: the keys, and k (the smallest batch released; STATS_MIN_COUNT). */
export interface FeedbackVault {
  keys: FeedbackKeys;
  batch: number;
}

/** The smallest secret accepted: 32 bytes. */
export const SECRET_BYTES = 32;

/** The keys derived from a secret (HKDF-SHA-256, one label per use). */
export function feedbackKeys(secret: Uint8Array): FeedbackKeys {
  if (secret.length < SECRET_BYTES) throw new Error(`the SIP-kollen secret must have at least ${SECRET_BYTES} bytes`);
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), `sip-kollen ${label}`, 32));
  const sealKey = derive('pool seal');
  const macKey = derive('used mac');
  const aad = (agreementId: string | null) => Buffer.from(`agreement:${agreementId ?? ''}`);
  return {
    mac: (invitationId) => createHmac('sha256', macKey).update(invitationId).digest('hex'),
    seal(answer, agreementId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv).setAAD(aad(agreementId));
      const body = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    },
    open(sealed, agreementId) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12)).setAAD(aad(agreementId));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as AnswerSet;
    },
  };
}
