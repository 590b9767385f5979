import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { UserRole } from '../database/enums.js';
import { User } from '../users/user.entity.js';
import type { MessageAuthor } from './dto/ticket-message.dto.js';

/**
 * The few facts about users that tickets need: whether an assignee is an active platform admin,
 * who may still read a clinic's ticket, and the names of authors. Read-only and narrow on purpose: the users module exports
 * no service for this, and nothing here changes a user.
 */
@Injectable()
export class TicketPeople {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  isActiveAdmin(userId: string): Promise<boolean> {
    return this.users.existsBy({ id: userId, role: UserRole.PlatformAdmin, isActive: true });
  }

  /**
   * Of `userIds`, the ones who may still read the clinic's ticket: active, and a platform admin or a
   * manager of that clinic (a manager moved to another clinic is not told about this one).
   */
  async mayRead(userIds: string[], clinicId: string): Promise<string[]> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return [];
    const rows = await this.users.find({ select: { id: true, role: true, clinicId: true }, where: { id: In(ids), isActive: true } });
    return rows.filter((u) => u.role === UserRole.PlatformAdmin || (u.role === UserRole.ClinicManager && u.clinicId === clinicId)).map((u) => u.id);
  }

  async authors(userIds: string[]): Promise<Map<string, MessageAuthor>> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return new Map();
    const rows = await this.users.find({ select: { id: true, firstName: true, lastName: true, role: true }, where: { id: In(ids) } });
    return new Map(rows.map((u) => [u.id, { name: `${u.firstName} ${u.lastName}`.trim(), isAdmin: u.role === UserRole.PlatformAdmin }]));
  }
}
