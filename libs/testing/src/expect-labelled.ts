import { expect } from '@jest/globals';

/**
 * `expect(value)` whose failure message starts with `label`, for assertions inside a loop (which
 * e-mail, which deployment, which role). Jest's `expect` takes no message argument.
 */
export function expectLabelled<T>(value: T, label: string): ReturnType<typeof expect<T>> {
  return labelled(expect(value), label);
}

function relabel(error: unknown, label: string): unknown {
  if (error instanceof Error) error.message = `${label}\n\n${error.message}`;
  return error;
}

function labelled<M extends object>(matchers: M, label: string): M {
  return new Proxy(matchers, {
    get(target, prop, receiver) {
      const member = Reflect.get(target, prop, receiver) as unknown;
      if (typeof member === 'function') {
        return (...args: unknown[]) => {
          try {
            const result = (member as (...a: unknown[]) => unknown).apply(target, args);
            return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(relabel(e, label))) : result;
          } catch (e) {
            throw relabel(e, label);
          }
        };
      }
      // .not, .resolves, .rejects: matchers of their own
      return member !== null && typeof member === 'object' ? labelled(member, label) : member;
    },
  });
}
