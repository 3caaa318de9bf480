import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * TEMPORARY stand-in for `PersonalDataKeys` from `#messaging` (the lead's crypto-shredding, issue
 * 18), with the same signature, until it lands on main; then this file goes and the imports name
 * `#messaging`. It destroys nothing: without encryption there is no key.
 */
@Injectable()
export class PersonalDataKeys {
  async erase(_tx: EntityManager, _subjectId: string): Promise<boolean> {
    return false;
  }
}
