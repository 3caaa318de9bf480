import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { EraseMentorHandler } from './commands/erase-mentor/erase-mentor.handler.js';
import { EraseMentorResolver } from './commands/erase-mentor/erase-mentor.resolver.js';
import { RegisterMentorHandler } from './commands/register-mentor/register-mentor.handler.js';
import { RegisterMentorResolver } from './commands/register-mentor/register-mentor.resolver.js';
import { UpdateMentorProfileHandler } from './commands/update-mentor-profile/update-mentor-profile.handler.js';
import { UpdateMentorProfileResolver } from './commands/update-mentor-profile/update-mentor-profile.resolver.js';
import { MentorResolver } from './graphql/mentor.resolver.js';
import { GetMentorHandler } from './queries/get-mentor/get-mentor.handler.js';
import { GetMentorResolver } from './queries/get-mentor/get-mentor.resolver.js';
import { ListMentorsHandler } from './queries/list-mentors/list-mentors.handler.js';
import { ListMentorsResolver } from './queries/list-mentors/list-mentors.resolver.js';

/** Mentor profiles: registration, updates and erasure, the mentors/mentor queries and Mentor as a federation entity. */
@Module({
  imports: [StoreModule],
  providers: [
    RegisterMentorHandler,
    RegisterMentorResolver,
    UpdateMentorProfileHandler,
    UpdateMentorProfileResolver,
    EraseMentorHandler,
    EraseMentorResolver,
    ListMentorsHandler,
    ListMentorsResolver,
    GetMentorHandler,
    GetMentorResolver,
    MentorResolver,
  ],
})
export class MentorsModule {}
