/**
 * Typed domain errors. Each service maps them to GraphQL error codes in one place
 * (see libs/platform graphql-errors). Pure TypeScript: no framework imports.
 */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldViolation {
  /** Path of the offending input field, e.g. `capacity` or `milestones[0].dueWeek`. */
  field: string;
  message: string;
}

/** Bad input: one or more fields break a rule. Nothing was changed. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly violations: FieldViolation[];
  constructor(violations: FieldViolation[] | FieldViolation) {
    const list = Array.isArray(violations) ? violations : [violations];
    super(list.map((v) => `${v.field}: ${v.message}`).join('; '));
    this.violations = list;
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError({ field, message });
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
  }
}

/** An invalid state transition, a full capacity, a duplicate, a stale version. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

/** Collects field violations and throws them together, so a caller sees every bad field at once. */
export class Violations {
  private readonly violations: FieldViolation[] = [];
  add(field: string, message: string): this {
    this.violations.push({ field, message });
    return this;
  }
  check(ok: boolean, field: string, message: string): this {
    if (!ok) this.add(field, message);
    return this;
  }
  get any(): boolean {
    return this.violations.length > 0;
  }
  /** What was collected so far. */
  list(): readonly FieldViolation[] {
    return this.violations;
  }
  throwIfAny(): void {
    if (this.violations.length > 0) throw new ValidationError([...this.violations]);
  }
}
