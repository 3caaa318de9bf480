import { describe, expect, it } from '@jest/globals';
import { classifySendError, composeMail, domainOf, messageIdOf, retryDelayMs } from './email-message.js';

describe('email messages', () => {
  const notification = {
    notificationId: '6f1c1f3e-6a59-4a4e-9f3a-2a8d7f0c9b11',
    recipient: 'intern-a',
    address: 'amara@example.edu',
    title: 'Your project scope is due on 2026-03-20',
    body: 'Your project scope must be approved by 2026-03-20 (end of week 3): submit it for approval.',
  };

  it('mails the notification’s title and body, with the opt-out in the footer', () => {
    const mail = composeMail(notification, 'Mentorflow <no-reply@example.com>');
    expect(mail).toMatchObject({
      from: 'Mentorflow <no-reply@example.com>',
      to: 'amara@example.edu',
      subject: 'Your project scope is due on 2026-03-20',
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Mentorflow-Notification': notification.notificationId },
    });
    expect(mail.text.startsWith(notification.body)).toBe(true);
    expect(mail.text).toContain('setNotificationPreferences(input: { email: false })');
    expect(composeMail({ ...notification, title: 'a\r\nBcc: x@y.z' }, 'a@b.c').subject).toBe('a Bcc: x@y.z');
  });

  it('derives the Message-ID from the notification and the recipient only', () => {
    const id = messageIdOf(notification.notificationId, 'intern-a', 'Mentorflow <no-reply@example.com>');
    expect(id).toMatch(/^<6f1c1f3e-6a59-4a4e-9f3a-2a8d7f0c9b11\.[0-9a-f]{16}@example\.com>$/);
    expect(messageIdOf(notification.notificationId, 'intern-a', 'no-reply@example.com')).toBe(id);
    expect(messageIdOf(notification.notificationId, 'pm-1', 'no-reply@example.com')).not.toBe(id);
    expect(composeMail(notification, 'no-reply@example.com').messageId).toBe(id);
    expect(domainOf('nobody')).toBe('mentorflow.local');
  });

  it('retries after a doubling delay, capped', () => {
    expect([1, 2, 3, 4, 10, 100].map((a) => retryDelayMs(a, 5_000, 60_000))).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });

  it('gives up only on a permanent refusal of the recipient or the message; anything else is retried', () => {
    expect(classifySendError({ responseCode: 550, command: 'RCPT TO' })).toBe('REFUSED');
    expect(classifySendError({ responseCode: 554, command: 'DATA' })).toBe('REFUSED');
    expect(classifySendError({ responseCode: 503, command: 'RCPT TO' })).toBe('RETRY');
    expect(classifySendError({ responseCode: 451, command: 'DATA' })).toBe('RETRY');
    // A refused sender or credentials is a setting to fix, for every mail: wait, do not drop.
    expect(classifySendError({ responseCode: 550, command: 'MAIL FROM' })).toBe('RETRY');
    expect(classifySendError({ responseCode: 535, command: 'AUTH PLAIN' })).toBe('RETRY');
    expect(classifySendError({ command: 'CONN' })).toBe('RETRY');
    expect(classifySendError({})).toBe('RETRY');
  });
});
