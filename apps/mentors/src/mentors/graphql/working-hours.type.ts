import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('WorkingHours', { description: 'Weekday working hours, "HH:MM" in the mentor’s own time zone.' })
export class WorkingHoursType {
  @Field()
  start: string;

  @Field()
  end: string;
}

@InputType('WorkingHoursInput')
export class WorkingHoursInput {
  @Field({ description: '"HH:MM", 00:00–23:59, in the mentor’s time zone.' })
  start: string;

  @Field({ description: '"HH:MM", after start, up to 24:00.' })
  end: string;
}
