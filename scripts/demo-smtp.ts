/**
 * The demo's SMTP catcher: a real SMTP server (`smtp-server`, the maintained Nodemailer project's
 * server) on 127.0.0.1 that accepts every message and stores it, unsent, as an .eml file in MAIL_DIR.
 * The portal sends to it with exactly the code it uses in production; the demo mailbox page shows what
 * arrived. Only for SIP_MODE=demo.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface DemoSmtp {
  url: string;
  close(): Promise<void>;
}

export async function startDemoSmtp(options: { port: number; dir: string }): Promise<DemoSmtp> {
  fs.mkdirSync(options.dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'SIP-portalen demo mail catcher',
    size: 5 * 1024 * 1024,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const file = path.join(options.dir, `${Date.now()}-${process.pid}-${n++}.eml`);
        // Written under another name and renamed: a reader (the mailbox page, a test) never sees half a message.
        fs.writeFile(`${file}.part`, Buffer.concat(chunks), (error) => {
          if (error) return callback(error);
          fs.rename(`${file}.part`, file, (renamed) => callback(renamed ?? null));
        });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
