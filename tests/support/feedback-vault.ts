/** A SIP-kollen vault for tests: a fixed test secret (never a real one) and a chosen batch size. */
import { feedbackKeys, type FeedbackVault } from '../../src/features/feedback/feedback-keys.ts';

export function testVault(batch = 5, fill = 1): FeedbackVault {
  return { keys: feedbackKeys(new Uint8Array(32).fill(fill)), batch };
}
