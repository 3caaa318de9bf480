import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `calendar_feeds`: a person's calendar feed, its token kept only as a SHA-256 hash. */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedOrmEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text', name: 'token_hash' }) tokenHash: string;
  @Column({ type: 'text', name: 'owner_sub' }) ownerSub: string;
  @Column({ type: 'text', name: 'owner_roles', array: true }) ownerRoles: string[];
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
