import { digestSecret, type ApiKey, type Role } from '@leadmatch/config';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from './problems.ts';

export const PERMISSIONS = [
  'leads:read',
  'leads:write',
  'leads:read-all',
  'catalog:read',
  'catalog:write',
  'match:preview',
  'followups:read',
  'followups:work',
  'staff:manage',
  'webhooks:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
/** What a route needs: `public`, or a permission some role grants. */
export type Access = 'public' | Permission;

const GRANTS: Record<Role, readonly Permission[]> = {
  crm: ['leads:read', 'leads:write', 'catalog:read', 'match:preview'],
  staff: ['leads:read', 'leads:read-all', 'catalog:read', 'match:preview', 'followups:read', 'followups:work'],
  admin: PERMISSIONS,
};

export interface Principal {
  keyId: string;
  roles: ReadonlySet<Role>;
  can(permission: Permission): boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

function principalOf(key: ApiKey): Principal {
  const granted = new Set([...key.roles].flatMap((role) => GRANTS[role]));
  return { keyId: key.id, roles: key.roles, can: (permission) => granted.has(permission) };
}

function bearerSecret(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Who a request's bearer key belongs to, or undefined for a missing or unknown key. */
export function principalResolver(apiKeys: ApiKey[]): (request: FastifyRequest) => Principal | undefined {
  const keysByDigest = new Map(apiKeys.map((key) => [key.digest, principalOf(key)]));
  return (request) => {
    const secret = bearerSecret(request);
    return secret === undefined ? undefined : keysByDigest.get(digestSecret(secret));
  };
}

/**
 * Bearer API keys with roles. Every route declares its `access` in its config; a route that does
 * not is refused at boot, so nothing is left open by omission.
 */
export const auth = fp(
  async (app: FastifyInstance, options: { apiKeys: ApiKey[] }) => {
    const principalFor = principalResolver(options.apiKeys);

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' };
      if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    });

    app.decorateRequest('principal');
    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access;
      if (access === 'public' || access === undefined) return;
      const principal = principalFor(request);
      if (!principal) {
        reply.header('www-authenticate', 'Bearer');
        return sendProblem(reply, 401, 'unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
      }
      if (!principal.can(access)) {
        return sendProblem(reply, 403, 'forbidden', `This API key's role does not allow ${access}.`);
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['problems'] },
);
