/**
 * The demo OpenID provider: a real `oidc-provider` on 127.0.0.1 with invented identities and a page to
 * choose one. The portal logs in through it with exactly the code it uses in production (code flow
 * with PKCE, state and nonce, signed ID token). It serves both clients — the citizens' e-legitimation
 * broker and the staff's SITHS provider — and shows each the identities of its kind.
 * Only for SIP_MODE=demo and tests; the configuration refuses loopback issuers in production.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// oidc-provider ships no types; the few calls made here are checked by the login tests.
// @ts-expect-error no declaration file
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK } from 'jose';
import { DEMO_CITIZENS, DEMO_STAFF } from '../db/seed/demo-identities.ts';

export interface DemoIdp {
  issuer: string;
  clients: { citizen: { id: string; secret: string }; staff: { id: string; secret: string } };
  close(): Promise<void>;
}

const CLAIMS = {
  pnr: 'https://id.oidc.se/claim/personalIdentityNumber',
  protected: 'protected_identity',
  hsa: 'hsa_id',
};

function accountClaims(sub: string): Record<string, unknown> | undefined {
  const c = DEMO_CITIZENS.find((x) => x.sub === sub);
  if (c) {
    return {
      sub,
      given_name: c.givenName,
      family_name: c.familyName,
      name: `${c.givenName} ${c.familyName}`,
      [CLAIMS.pnr]: c.personalIdentityNumber,
      ...(c.protectedIdentity ? { [CLAIMS.protected]: true } : {}),
    };
  }
  const s = DEMO_STAFF.find((x) => x.sub === sub);
  if (s) return { sub, given_name: s.givenName, family_name: s.familyName, name: `${s.givenName} ${s.familyName}`, [CLAIMS.hsa]: s.hsaId };
  return undefined;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function chooserPage(uid: string, kind: 'citizen' | 'staff'): string {
  const people = kind === 'citizen' ? DEMO_CITIZENS : DEMO_STAFF;
  const title = kind === 'citizen' ? 'Demo e-legitimation (BankID / Freja eID)' : 'Demo SITHS';
  // The personnummer is shown: sharing a plan with a relative asks for it, and only this page tells it.
  const pnr = (p: (typeof people)[number]) => ('personalIdentityNumber' in p ? ` <span class="pnr">${escape(`${p.personalIdentityNumber.slice(0, 8)}-${p.personalIdentityNumber.slice(8)}`)}</span>` : '');
  const buttons = people
    .map((p) => `<li><button type="submit" name="account" value="${escape(p.sub)}">${escape(`${p.givenName} ${p.familyName}`)}</button>${pnr(p)} <span>${escape(p.label)}</span></li>`)
    .join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – välj en påhittad person</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
ul{list-style:none;padding:0}li{margin:.6rem 0}button{font:inherit;padding:.4rem .8rem;min-width:14rem;text-align:start}
button:focus-visible{outline:3px solid #ffbf47;box-shadow:0 0 0 6px #1b1f24}.pnr{font-variant-numeric:tabular-nums;white-space:nowrap}.note{background:#fff4d6;padding:.8rem;border-inline-start:5px solid #b58105}</style>
</head><body><main><h1>${title}</h1>
<p class="note">Demo: alla personer här är påhittade. Demo: everyone here is invented.</p>
<form method="post" action="/interaction/${escape(uid)}"><h2>Välj vem du loggar in som</h2><ul>${buttons}</ul></form>
</main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/** Starts the demo provider on 127.0.0.1:`port` (0 = any free port). */
export async function startDemoIdp(options: { port: number; redirectUris: { citizen: string[]; staff: string[] } }): Promise<DemoIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients = {
    citizen: { id: 'sip-portalen-citizen', secret: crypto.randomUUID() },
    staff: { id: 'sip-portalen-staff', secret: crypto.randomUUID() },
  };
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'demo' };

  const provider = new Provider(issuer, {
    clients: (['citizen', 'staff'] as const).map((kind) => ({
      client_id: clients[kind].id,
      client_secret: clients[kind].secret,
      redirect_uris: options.redirectUris[kind],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomUUID()] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name', CLAIMS.pnr, CLAIMS.protected, CLAIMS.hsa] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = accountClaims(sub);
      return claims ? { accountId: sub, claims: () => claims } : undefined;
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  });
  const callback = provider.callback();

  server.on('request', async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const kind = details.params.client_id === clients.staff.id ? 'staff' : 'citizen';
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        return res.end(chooserPage(details.uid, kind));
      }
      const accountId = (await readForm(req)).get('account') ?? '';
      const known = (kind === 'citizen' ? DEMO_CITIZENS : DEMO_STAFF).some((p) => p.sub === accountId);
      if (!known) {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end('Unknown demo identity');
      }
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This login has expired. Go back to SIP-portalen and start again.');
    }
  });

  return {
    issuer,
    clients,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
