import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '#ddd';

/**
 * A typed domain error is the client's business (bad input, not found, a conflict, a refusal):
 * hand it to the GraphQL error formatter as it is, instead of letting Nest log it as a failure.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
