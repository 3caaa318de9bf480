import type { Type } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { Args, Mutation, Resolver, type ReturnTypeFunc } from '@nestjs/graphql';
import { CurrentUser, Roles, type Role } from '#auth';
import type { Identity } from './request-context.js';
import { inSpan } from './tracing/tracing.js';

/** What a mutation that runs one command declares besides its input and result types. */
export interface CommandMutationSpec<I, R> {
  /** Who may call it (any one of the roles; deny by default). */
  roles: readonly [Role, ...Role[]];
  description: string;
  /** The command made of the input (its handler validates it) and the caller. */
  command: (input: I, caller: Identity) => ICommand;
  /** What the mutation answers, made of what the handler returned (the result itself when left out). */
  view?: (result: R) => unknown;
}

/** `ApproveProjectScopeInput` → `approveProjectScope`: a mutation is named after its one input. */
function operationOf(input: Type<unknown>): string {
  const operation = /^(\w+)Input$/.exec(input.name)?.[1];
  if (!operation) throw new Error(`commandMutation: ${input.name} is not named <Operation>Input`);
  return operation;
}

/**
 * A resolver class for the mutation `<operation>(input: <Operation>Input!): <returns>` that runs one
 * command on the CommandBus: the operation is named after the input class, `@Roles(...roles)`
 * guards it and the caller is given to `command`. A command folder's `*.resolver.ts` is
 * `export const XResolver = commandMutation(XInput, () => XType, { roles, description, command })`.
 */
export function commandMutation<I, R = unknown>(
  input: Type<I>,
  returns: ReturnTypeFunc,
  spec: CommandMutationSpec<I, R>,
): Type {
  const operation = operationOf(input);
  const view = spec.view ?? ((result: R) => result);

  @Resolver()
  class CommandMutationResolver {
    constructor(readonly commands: CommandBus) {}

    @Mutation(returns, { name: operation[0]!.toLowerCase() + operation.slice(1), description: spec.description })
    @Roles(...spec.roles)
    async run(@Args('input', { type: () => input }) args: I, @CurrentUser() caller: Identity): Promise<unknown> {
      const command = spec.command(args, caller);
      // Tracing on: the command's handling (its transaction and outbox append) is a span of its own.
      return view(
        await inSpan(`command ${command.constructor.name}`, () => this.commands.execute(command), {
          'mentorflow.command': command.constructor.name,
        }),
      );
    }
  }
  Object.defineProperty(CommandMutationResolver, 'name', { value: `${operation}Resolver` });
  return CommandMutationResolver;
}
