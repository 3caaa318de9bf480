import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * TEMPORARY STUB (branch erase-cohorts): the lead's crypto-shredding lands on main with the real
 * class; this commit is reverted before `git merge main`. Same signature as announced.
 */
@Injectable()
export class PersonalDataKeys {
  /** Inside the caller's transaction: destroys the person's key. False when there was no key. */
  async erase(tx: EntityManager, subjectId: string): Promise<boolean> {
    void tx;
    void subjectId;
    return false;
  }
}
