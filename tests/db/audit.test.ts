import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AppDatabase } from '../../src/shared/server/database.ts';
import { auditEventsAbout, recordAudit } from '../../src/shared/server/audit.repository.ts';
import { createTestDatabase, engine } from '../support/db.ts';

let database: AppDatabase;
const subject = '00000000-0000-4000-8000-000000000001';
const staff = '00000000-0000-4000-8000-000000000002';

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`audit log on ${engine}`, () => {
  it('records events and lists those about a person, newest first', async () => {
    await recordAudit(database.db, { actor: { kind: 'staff', id: staff }, action: 'plan.read', subjectPersonId: subject, record: { type: 'plan', id: 'p1' }, at: new Date('2026-11-01T10:00:00Z') });
    await recordAudit(database.db, { actor: { kind: 'staff', id: staff }, action: 'plan.update', subjectPersonId: subject, record: { type: 'plan', id: 'p1' }, context: 'unit-1', at: new Date('2026-11-02T10:00:00Z') });
    await recordAudit(database.db, { actor: { kind: 'system' }, action: 'session.expire', at: new Date('2026-11-03T10:00:00Z') });
    const events = await auditEventsAbout(database.db, subject);
    expect(events.map((e) => e.action)).toEqual(['plan.update', 'plan.read']);
    expect(events[0]).toMatchObject({ actor_kind: 'staff', actor_id: staff, record_type: 'plan', record_id: 'p1', context: 'unit-1' });
  });

  it('refuses every update, delete and truncate, whoever asks', async () => {
    await expect(database.db.updateTable('audit_event').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(database.db)).rejects.toThrow(/append-only/);
    expect((await auditEventsAbout(database.db, subject)).length).toBe(2);
  });
});
