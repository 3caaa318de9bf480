import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { CommandBus } from '@nestjs/cqrs';
import { commandMutation } from './command-mutation.js';
import type { Identity } from './request-context.js';

class RenameThingInput {
  thingId!: string;
  name!: string;
}
class RenameThingCommand {
  constructor(
    readonly thingId: string,
    readonly name: string,
    readonly actor: Identity,
  ) {}
}
class ThingType {}
class Misnamed {}

const caller = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] } as unknown as Identity;

function busAnswering(answer: unknown) {
  const sent: unknown[] = [];
  const bus = { execute: async (command: unknown) => (sent.push(command), answer) } as unknown as CommandBus;
  return { bus, sent };
}

describe('commandMutation', () => {
  it('names the resolver after the input and sends the command made of the input and the caller', async () => {
    const Resolver = commandMutation(RenameThingInput, () => ThingType, {
      roles: ['PROGRAM_MANAGER'],
      description: 'Renames a thing',
      command: ({ thingId, name }, user) => new RenameThingCommand(thingId, name, user),
    });
    expect(Resolver.name).toBe('RenameThingResolver');
    const { bus, sent } = busAnswering({ id: 't-1' });
    const resolver = new Resolver(bus) as { run: (input: RenameThingInput, user: Identity) => Promise<unknown> };
    await expect(resolver.run({ thingId: 't-1', name: 'New' }, caller)).resolves.toEqual({ id: 't-1' });
    expect(sent).toEqual([new RenameThingCommand('t-1', 'New', caller)]);
  });

  it('answers the view of what the handler returned when one is given', async () => {
    const Resolver = commandMutation(RenameThingInput, () => ThingType, {
      roles: ['MENTOR'],
      description: 'Renames a thing',
      command: ({ thingId, name }, user) => new RenameThingCommand(thingId, name, user),
      view: (result: { id: string }) => ({ thing: result.id }),
    });
    const resolver = new Resolver(busAnswering({ id: 't-2' }).bus) as {
      run: (input: RenameThingInput, user: Identity) => Promise<unknown>;
    };
    await expect(resolver.run({ thingId: 't-2', name: 'x' }, caller)).resolves.toEqual({ thing: 't-2' });
  });

  it('refuses an input class not named <Operation>Input, since the mutation is named after it', () => {
    expect(() =>
      commandMutation(Misnamed, () => ThingType, {
        roles: ['PROGRAM_MANAGER'],
        description: 'x',
        command: () => ({}),
      }),
    ).toThrow('commandMutation: Misnamed is not named <Operation>Input');
  });
});
