/**
 * A value kept for the life of one request's context object (e.g. a GraphQL request's set of
 * DataLoaders), created on first use: every field resolved in that request shares it, and
 * nothing is kept once the context is gone.
 */
export class PerRequest<C extends object, T> {
  private readonly byContext = new WeakMap<C, T>();

  constructor(private readonly create: (context: C) => T) {}

  for(context: C): T {
    let value = this.byContext.get(context);
    if (!value) {
      value = this.create(context);
      this.byContext.set(context, value);
    }
    return value;
  }
}
