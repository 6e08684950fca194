/**
 * Structured JSON logs on stdout (pino). Log lines carry ids, paths, status codes and timings —
 * never personal data: no names, no personnummer, no free text a person typed, no query strings.
 */
import pino from 'pino';

const level = process.env.LOG_LEVEL || (process.env.VITEST ? 'silent' : 'info');

export const logger = pino(
  {
  level,
  base: { service: 'sip-portalen' },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Defence in depth: if a field with one of these names is ever logged, it is blanked.
  redact: {
    paths: ['personnummer', '*.personnummer', 'email', '*.email', 'req.headers.cookie', 'cookie', 'headers.cookie'],
    censor: '[redacted]',
  },
  },
  // Asynchronous writes: one write call per batch of lines instead of one per line; pino flushes
  // what is buffered when the process exits.
  pino.destination({ dest: 1, sync: false }),
);

export type Logger = typeof logger;
