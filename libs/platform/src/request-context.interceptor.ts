import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Observable } from 'rxjs';
import { runWithContext, type Identity } from './request-context.js';

/**
 * Runs each resolver inside the request's context (correlation id, caller), so that logs and
 * the events the resolver's command writes carry the correlation id that came with the request.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const ctx = GqlExecutionContext.create(context).getContext<{ correlationId: string; identity?: Identity }>();
    return new Observable((subscriber) =>
      runWithContext({ correlationId: ctx.correlationId, causationId: ctx.correlationId, identity: ctx.identity }, () =>
        next.handle().subscribe(subscriber),
      ),
    );
  }
}
