/** What the outbox sender hands a transport, and what a transport does with it. */
export type OutgoingMessage = {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The outbox row, so a file transport can name the file after it. */
  id?: string;
  kind?: string;
};

/** SMTP (nodemailer) or the .eml file writer: the same claim, retry and back-off cover both. */
export type MailTransport = {
  sendMail(message: OutgoingMessage): Promise<unknown>;
  close?(): void;
};
