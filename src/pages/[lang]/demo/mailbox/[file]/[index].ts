import type { APIRoute } from 'astro';
import { demoAttachment } from '../../../../../shared/server/demo-mailbox.ts';

/** Demo mode only: an attachment of a caught mail (the invitation's .ics opens in a calendar). */
export const GET: APIRoute = async ({ params, rewrite }) => {
  const a = await demoAttachment(params.file ?? '', /^\d{1,3}$/.test(params.index ?? '') ? Number(params.index) : -1);
  if (!a) return rewrite('/404');
  // The filename is the sender's; keep it to safe characters for the header.
  const name = a.filename.replace(/[^\w.-]/g, '_');
  return new Response(new Uint8Array(a.content), {
    headers: { 'content-type': a.contentType, 'content-disposition': `attachment; filename="${name}"`, 'x-content-type-options': 'nosniff' },
  });
};
