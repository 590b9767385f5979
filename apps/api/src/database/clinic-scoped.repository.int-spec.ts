import { randomUUID } from 'node:crypto';
import { Brackets } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { CallMetadata } from '../calls/call-metadata.entity.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { WaitlistEntry } from '../clinics/waitlist-entry.entity.js';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';
import { User } from '../users/user.entity.js';
import { ClinicScopeError, ClinicScopedRepository } from './clinic-scoped.repository.js';
import { UserRole, WaitlistStatus } from './enums.js';

let db: TestDatabase;
let waitlist: ClinicScopedRepository<WaitlistEntry>;
let clinicA: string;
let clinicB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  waitlist = new ClinicScopedRepository(db.dataSource.getRepository(WaitlistEntry));
});
afterAll(() => db?.drop());

async function newClinic(): Promise<string> {
  const slug = `clinic-${randomUUID()}`;
  const clinic = await db.dataSource.getRepository(Clinic).save({ name: 'Test clinic', slug });
  return clinic.id;
}

beforeEach(async () => {
  clinicA = await newClinic();
  clinicB = await newClinic();
  await waitlist.insert(clinicA, [
    { firstName: 'Ann', lastName: 'A', phone: '+16045550001' },
    { firstName: 'Abe', lastName: 'A', phone: '+16045550002', status: WaitlistStatus.Contacted },
  ]);
  await waitlist.insert(clinicB, { firstName: 'Bea', lastName: 'B', phone: '+16045550003' });
});

const names = (rows: WaitlistEntry[]) => rows.map((r) => r.firstName).sort();

describe('reads never cross clinics', () => {
  it("find, findBy and count see only the clinic's own rows", async () => {
    expect(names(await waitlist.find(clinicA))).toEqual(['Abe', 'Ann']);
    expect(names(await waitlist.findBy(clinicB))).toEqual(['Bea']);
    expect(await waitlist.count(clinicA)).toBe(2);
    expect(await waitlist.countBy(clinicA, { status: WaitlistStatus.Contacted })).toBe(1);
    const [rows, total] = await waitlist.findAndCount(clinicA, { order: { firstName: 'ASC' }, take: 1 });
    expect([names(rows), total]).toEqual([['Abe'], 2]);
  });

  it("a row of clinic B is not found for clinic A, even by its id", async () => {
    const [bea] = await waitlist.findBy(clinicB);
    expect(await waitlist.findOneBy(clinicA, { id: bea.id })).toBeNull();
    expect(await waitlist.findOne(clinicA, { where: { id: bea.id } })).toBeNull();
    expect(await waitlist.existsBy(clinicA, { id: bea.id })).toBe(false);
    await expect(waitlist.findOneByOrFail(clinicA, { id: bea.id }, 'Waitlist entry')).rejects.toThrow(
      NotFoundInClinicError,
    );
  });

  it("a clinicId in the caller's criteria cannot widen the scope", async () => {
    const rows = await waitlist.findBy(clinicA, { clinicId: clinicB });
    expect(names(rows)).toEqual(['Abe', 'Ann']);
    const either = await waitlist.find(clinicA, { where: [{ firstName: 'Bea' }, { firstName: 'Ann' }] });
    expect(names(either)).toEqual(['Ann']);
  });

  it('the query builder starts scoped, where() narrows it, orWhere() is refused', async () => {
    const rows = await waitlist.createQueryBuilder(clinicA, 'w').where('w.firstName IN (:...n)', { n: ['Ann', 'Bea'] }).getMany();
    expect(names(rows)).toEqual(['Ann']);
    const bracketed = await waitlist
      .createQueryBuilder(clinicA, 'w')
      .andWhere(new Brackets((q) => q.where('w.firstName = :x', { x: 'Bea' }).orWhere('w.firstName = :y', { y: 'Abe' })))
      .getMany();
    expect(names(bracketed)).toEqual(['Abe']);
    expect(() => waitlist.createQueryBuilder(clinicA, 'w').orWhere('1 = 1')).toThrow(ClinicScopeError);
  });
});

describe('writes stay in the clinic', () => {
  it('save and insert stamp the clinic over any clinicId in the payload', async () => {
    const saved = await waitlist.save(clinicA, { clinicId: clinicB, firstName: 'Cy', lastName: 'C', phone: '+1604' });
    expect(saved.clinicId).toBe(clinicA);
    await waitlist.insert(clinicA, { clinicId: clinicB, firstName: 'Di', lastName: 'D', phone: '+1604' });
    expect(names(await waitlist.findBy(clinicB))).toEqual(['Bea']);
    expect(waitlist.create(clinicA, { firstName: 'Ed' }).clinicId).toBe(clinicA);
  });

  it("saving another clinic's row by its id is refused instead of moving it", async () => {
    const [bea] = await waitlist.findBy(clinicB);
    await expect(waitlist.save(clinicA, { ...bea, notes: 'taken over' })).rejects.toThrow(NotFoundInClinicError);
    expect((await waitlist.findOneByOrFail(clinicB, { id: bea.id })).notes).toBeNull();
  });

  it("update and delete touch only the clinic's rows, and never change a row's clinic", async () => {
    const [bea] = await waitlist.findBy(clinicB);
    expect((await waitlist.update(clinicA, { id: bea.id }, { notes: 'x' })).affected).toBe(0);
    expect((await waitlist.update(clinicA, {}, { notes: 'called', clinicId: clinicB })).affected).toBe(2);
    expect(await waitlist.countBy(clinicA, { notes: 'called' })).toBe(2);
    expect((await waitlist.delete(clinicA, { id: bea.id })).affected).toBe(0);
    expect((await waitlist.delete(clinicA, {})).affected).toBe(2);
    expect(names(await waitlist.findBy(clinicB))).toEqual(['Bea']);
  });

  it('upsert conflicts only within the clinic', async () => {
    const metadata = new ClinicScopedRepository(db.dataSource.getRepository(CallMetadata));
    await metadata.upsert(clinicA, { vapiCallId: 'call-1', language: 'en' }, ['clinicId', 'vapiCallId']);
    await metadata.upsert(clinicA, { vapiCallId: 'call-1', language: 'zh' }, ['clinicId', 'vapiCallId']);
    await metadata.upsert(clinicB, { vapiCallId: 'call-1', language: 'en' }, ['clinicId', 'vapiCallId']);
    expect((await metadata.findBy(clinicA)).map((m) => m.language)).toEqual(['zh']);
    expect((await metadata.findBy(clinicB)).map((m) => m.language)).toEqual(['en']);
    expect(() => metadata.upsert(clinicA, { vapiCallId: 'call-1' }, ['vapiCallId'])).toThrow(ClinicScopeError);
  });

  it('insertNew stamps the clinic and leaves out rows that collide with existing ones, answering only the new ones', async () => {
    const holidays = new ClinicScopedRepository(db.dataSource.getRepository(ClinicHoliday));
    await holidays.insert(clinicA, { date: '2027-07-01', name: 'by hand' });
    const added = await holidays.insertNew(clinicA, [
      { date: '2027-07-01', name: 'Canada Day', clinicId: clinicB },
      { date: '2027-12-25', name: 'Christmas Day', clinicId: clinicB },
    ]);
    expect(added).toHaveLength(1);
    expect(await holidays.findBy(clinicA, { id: added[0].id })).toEqual([expect.objectContaining({ date: '2027-12-25', name: 'Christmas Day' })]);
    expect((await holidays.find(clinicA, { order: { date: 'ASC' } })).map((h) => h.name)).toEqual(['by hand', 'Christmas Day']);
    expect(await holidays.count(clinicB)).toBe(0);
    expect(await holidays.insertNew(clinicA, [])).toEqual([]);
  });

  it('a table keyed by the clinic (clinic_config) saves its own row', async () => {
    const config = new ClinicScopedRepository(db.dataSource.getRepository(ClinicConfig));
    await config.save(clinicA, { smsEnabled: true });
    await config.save(clinicA, { smsEnabled: false, clinicId: clinicB });
    expect((await config.findOneByOrFail(clinicA, {})).smsEnabled).toBe(false);
    expect(await config.findOneBy(clinicB, {})).toBeNull();
  });

  it("a manager cannot adopt a platform admin (a user without a clinic) by saving its id", async () => {
    const users = db.dataSource.getRepository(User);
    const admin = await users.save({
      email: `${randomUUID()}@example.test`, passwordHash: 'x', firstName: 'P', lastName: 'A', role: UserRole.PlatformAdmin,
    });
    const scoped = new ClinicScopedRepository(users);
    await expect(scoped.save(clinicA, { id: admin.id, firstName: 'Mine' })).rejects.toThrow(NotFoundInClinicError);
    expect((await users.findOneByOrFail({ id: admin.id })).clinicId).toBeNull();
  });
});

describe('a missing clinic id fails loudly instead of running unscoped', () => {
  const bad: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
    ['not a uuid', 'clinic-a'],
    ['a number', 42],
  ];

  it.each(bad)('%s clinicId is refused by every method', async (_label, clinicId) => {
    const id = clinicId as string;
    const calls: (() => unknown)[] = [
      () => waitlist.find(id),
      () => waitlist.findBy(id, {}),
      () => waitlist.findOne(id, { where: {} }),
      () => waitlist.findOneBy(id, {}),
      () => waitlist.findAndCount(id),
      () => waitlist.count(id),
      () => waitlist.countBy(id),
      () => waitlist.existsBy(id, {}),
      () => waitlist.createQueryBuilder(id, 'w'),
      () => waitlist.create(id, {}),
      () => waitlist.save(id, { firstName: 'X', lastName: 'Y', phone: 'Z' }),
      () => waitlist.insert(id, { firstName: 'X', lastName: 'Y', phone: 'Z' }),
      () => waitlist.upsert(id, { firstName: 'X' }, ['clinicId', 'id']),
      () => waitlist.insertNew(id, [{ firstName: 'X', lastName: 'Y', phone: 'Z' }]),
      () => waitlist.update(id, {}, { notes: 'x' }),
      () => waitlist.delete(id, {}),
    ];
    for (const call of calls) {
      await expect(Promise.resolve().then(call)).rejects.toThrow(ClinicScopeError);
    }
    expect(await waitlist.count(clinicA)).toBe(2);
    expect(await waitlist.count(clinicB)).toBe(1);
  });

  it('an entity without a clinicId column cannot be wrapped', () => {
    expect(() => new ClinicScopedRepository(db.dataSource.getRepository(Clinic) as never)).toThrow(/no clinicId/);
  });
});
