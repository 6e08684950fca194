/**
 * The server's SIP-kollen vault, built once from FEEDBACK_POOL_KEY and STATS_MIN_COUNT: for the survey
 * pages, "My SIP" and the jobs runner (the commands that seal, open or mark answers).
 */
import { loadConfig } from '../../shared/server/config.ts';
import { feedbackSecret } from '../../shared/server/feedback-secret.ts';
import { feedbackKeys, type FeedbackVault } from './feedback-keys.ts';

let vault: FeedbackVault | undefined;

export function serverVault(): FeedbackVault {
  vault ??= { keys: feedbackKeys(feedbackSecret()), batch: loadConfig().statsMinCount };
  return vault;
}

/**
 * The vault when the key is configured (or demo mode), else undefined: `npm run jobs` then leaves the pools
 * alone (answers release themselves as they come in; the jobs only catch a lowered STATS_MIN_COUNT), so a
 * deploy step that runs the jobs needs no more than the database's settings.
 */
export function optionalServerVault(): FeedbackVault | undefined {
  return process.env.FEEDBACK_POOL_KEY || loadConfig().mode === 'demo' ? serverVault() : undefined;
}
