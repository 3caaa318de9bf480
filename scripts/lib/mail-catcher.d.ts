export interface CaughtMail {
  /** The .eml file it was written to. */
  file: string;
  raw: string;
  messageId: string;
  /** The envelope's recipients. */
  to: string[];
  subject: string;
}
export interface MailCatcher {
  host: string;
  port: number;
  /** smtp://host:port, for SMTP_URL. */
  url: string;
  dir: string;
  /** Every mail accepted since it started, oldest first. */
  messages: CaughtMail[];
  close(): Promise<void>;
}
export declare function headerOf(raw: string, name: string): string | undefined;
export declare function startMailCatcher(options: {
  dir: string;
  host?: string;
  port?: number;
  /** Recipients answered 550 (no such mailbox), for tests. */
  refuse?: (address: string) => boolean;
}): Promise<MailCatcher>;
