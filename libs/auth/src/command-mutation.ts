import { Inject, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver, type ReturnTypeFunc } from '@nestjs/graphql';
import type { Identity } from '#platform';
import { CurrentUser, Roles } from './authorization.js';
import type { Role } from './roles.js';

/** What a command mutation adds to its input class and answer type. */
export interface CommandMutation<Input> {
  roles: readonly [Role, ...Role[]];
  description: string;
  /** The command the bus executes; its handler's answer is the mutation's. */
  command: (input: Input, user: Identity) => object;
}

/**
 * The resolver of one command mutation, as a provider class: `<operation>(input: <Operation>Input!)`
 * (the name follows the input class, as every mutation takes exactly one `input`), answering
 * `returns`, with its `@Roles`, sending `command(input, caller)` on the `CommandBus`. A command
 * folder's `*.resolver.ts` is then one `commandMutation(...)` call instead of the same dozen lines.
 */
export function commandMutation<Input>(
  input: Type<Input>,
  returns: ReturnTypeFunc,
  spec: CommandMutation<Input>,
): Type<unknown> {
  const operation = /^(\w+)Input$/.exec(input.name)?.[1];
  if (!operation) throw new Error(`commandMutation: ${input.name} is not named <Operation>Input`);
  const name = operation[0]!.toLowerCase() + operation.slice(1);

  @Resolver()
  class CommandMutationResolver {
    constructor(@Inject(CommandBus) readonly commands: CommandBus) {}
  }
  const prototype = CommandMutationResolver.prototype as unknown as Record<string, unknown>;
  prototype[name] = function (this: CommandMutationResolver, args: Input, user: Identity): Promise<unknown> {
    return this.commands.execute(spec.command(args, user));
  };
  // What TypeScript would emit for a written method: `@Args` reads the parameter types.
  Reflect.defineMetadata('design:paramtypes', [input, Object], prototype, name);
  Reflect.defineMetadata('design:returntype', Promise, prototype, name);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
  Mutation(returns, { description: spec.description })(prototype, name, descriptor);
  Roles(...spec.roles)(prototype, name, descriptor);
  Args('input', { type: () => input })(prototype, name, 0);
  CurrentUser()(prototype, name, 1);
  Object.defineProperty(CommandMutationResolver, 'name', { value: `${operation}Resolver` });
  return CommandMutationResolver;
}
