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
