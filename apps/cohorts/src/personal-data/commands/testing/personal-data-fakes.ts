import type { EntityManager } from 'typeorm';
import { FAKE_TX, type TransactionalStore } from '#testing';
import type { PersonalDataKeys } from '#messaging';
import type { FakeCohortRepository } from '../../../shared/commands/testing/fakes.js';
import type { FakeEnrollmentRepository } from '../../../shared/commands/testing/repository-fakes.js';
import { scrubbed, type ErasedInternFields, type ErasedPerson } from '../../domain/intern-erasure.js';
import type {
  ErasureRecord,
  InternEnrollmentOfCohort,
  PersonalDataRepository,
} from '../../persistence/personal-data.repository.js';

function inTx(tx: EntityManager): void {
  if (tx !== FAKE_TX) throw new Error('repository called outside the command transaction');
}

/**
 * `PersonalDataRepository` over the cohort and enrollment fakes (handler specs only): erasure
 * records of its own, enrollments and extension reasons rewritten where the fakes keep them.
 */
export class FakePersonalDataRepository implements TransactionalStore {
  records: ErasureRecord[] = [];
  /** Interns whose lock was taken, in order. */
  lockedInterns: string[] = [];
  private saved: ErasureRecord[] | undefined;

  constructor(
    private readonly cohorts: FakeCohortRepository,
    private readonly enrollments: FakeEnrollmentRepository,
  ) {}

  begin(): void {
    this.saved = [...this.records];
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved) this.records = this.saved;
    this.saved = undefined;
  }

  isErased(person: ErasedPerson, id: string): boolean {
    return this.records.some((r) => r.person === person && r.subjectId === id);
  }

  async lockIntern(tx: EntityManager, internId: string): Promise<void> {
    inTx(tx);
    this.lockedInterns.push(internId);
  }
  async find(tx: EntityManager, person: ErasedPerson, subjectId: string): Promise<ErasureRecord | null> {
    inTx(tx);
    return this.records.find((r) => r.person === person && r.subjectId === subjectId) ?? null;
  }
  async erasedOf(tx: EntityManager, person: ErasedPerson, ids: readonly string[]): Promise<Set<string>> {
    inTx(tx);
    return new Set(ids.filter((id) => this.isErased(person, id)));
  }
  async record(tx: EntityManager, r: ErasureRecord): Promise<boolean> {
    inTx(tx);
    if (this.isErased(r.person, r.subjectId)) return false;
    this.records = [...this.records, { ...r }];
    return true;
  }
  async enrollmentsOfIntern(tx: EntityManager, internId: string): Promise<InternEnrollmentOfCohort[]> {
    inTx(tx);
    return this.cohorts.enrollments
      .filter((e) => e.internId === internId)
      .map((e) => {
        const c = this.cohorts.cohorts.get(e.cohortId)!;
        return { cohortId: c.id, status: c.status, startDate: c.startDate, weeks: c.weeks, timezone: c.timezone };
      });
  }
  async unerasedInternsOf(tx: EntityManager, cohortId: string): Promise<string[]> {
    inTx(tx);
    const ids = this.cohorts.enrollments.filter((e) => e.cohortId === cohortId).map((e) => e.internId);
    return [...new Set(ids)].filter((id) => !this.isErased('INTERN', id)).sort();
  }
  async eraseIntern(
    tx: EntityManager,
    internId: string,
    erased: ErasedInternFields,
  ): Promise<{ name: string; email: string }[]> {
    inTx(tx);
    const mine = this.cohorts.enrollments.filter((e) => e.internId === internId);
    const scrub = (text: string) => mine.reduce((t, person) => scrubbed(t, person, erased), text);
    const ids = new Set(mine.map((e) => e.id));
    this.enrollments.extensions = this.enrollments.extensions.map((x) =>
      ids.has(x.enrollmentId) ? { ...x, reason: scrub(x.reason) } : x,
    );
    this.cohorts.enrollments = this.cohorts.enrollments.map((e) =>
      e.internId === internId ? { ...e, ...erased, endReason: e.endReason === null ? null : scrub(e.endReason) } : e,
    );
    return mine.map(({ name, email }) => ({ name, email }));
  }
  async eraseMentor(tx: EntityManager): Promise<void> {
    inTx(tx);
  }
  asRepository(): PersonalDataRepository {
    return this as unknown as PersonalDataRepository;
  }
}

/** The lead's `PersonalDataKeys` (#messaging): records whose keys were erased, in the transaction. */
export class FakePersonalDataKeys implements TransactionalStore {
  erased: string[] = [];
  private saved: string[] | undefined;
  begin(): void {
    this.saved = [...this.erased];
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved) this.erased = this.saved;
    this.saved = undefined;
  }
  async erase(tx: EntityManager, subjectId: string): Promise<boolean> {
    inTx(tx);
    if (this.erased.includes(subjectId)) return false;
    this.erased = [...this.erased, subjectId];
    return true;
  }
  asKeys(): PersonalDataKeys {
    return this as unknown as PersonalDataKeys;
  }
}
