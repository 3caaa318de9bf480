import type { Type } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type Role } from '#auth';
import type { Identity } from './request-context.js';

/** What a mutation that runs one command declares besides its input and result types. */
export interface CommandMutationSpec<I, R> {
  /** Who may call it (any one of the roles; deny by default). */
  roles: readonly Role[];
  description: string;
  /** The command made of the validated-by-its-handler input and the caller. */
  command: (input: I, caller: Identity) => ICommand;
  /** What the mutation answers, made of what the handler returned (the result itself when left out). */
  view?: (result: R) => unknown;
}

/** `ApproveProjectScopeInput` → `approveProjectScope`: a mutation is named after its one input. */
function operationOf(input: Type<unknown>): string {
  const operation = input.name.replace(/Input$/, '');
  if (operation === input.name) throw new Error(`a mutation's input class ends in Input: ${input.name}`);
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

/**
 * A resolver class for the mutation `<operation>(input: <Operation>Input!): <returns>` that runs one
 * command on the CommandBus: the operation is named after the input class, `@Roles(...roles)`
 * guards it and the caller is given to `command`. A command folder's `*.resolver.ts` is
 * `export const XResolver = commandMutation(XInput, XType, { roles, description, command, view })`.
 */
export function commandMutation<I, R>(input: Type<I>, returns: Type<unknown>, spec: CommandMutationSpec<I, R>): Type {
  const view = spec.view ?? ((result: R) => result);

  @Resolver()
  class CommandMutationResolver {
    constructor(readonly commands: CommandBus) {}

    @Mutation(() => returns, { name: operationOf(input), description: spec.description })
    @Roles(...spec.roles)
    async run(@Args('input', { type: () => input }) args: I, @CurrentUser() caller: Identity): Promise<unknown> {
      return view(await this.commands.execute(spec.command(args, caller)));
    }
  }
  return CommandMutationResolver;
}
