import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { digestSecret, type ApiKey, type Role } from '@leadmatch/config';
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
  'operations:read',
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
    /** The route serves pages a browser opens directly, so it also takes the key as a Basic password. */
    browserLogin?: boolean;
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

/** The password of `Authorization: Basic base64(name:password)`; the name is not used. */
function basicPassword(request: FastifyRequest): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1) || undefined;
}

function presentedSecret(request: FastifyRequest): string | undefined {
  return bearerSecret(request) ?? (request.routeOptions.config.browserLogin ? basicPassword(request) : undefined);
}

/**
 * A browser sends Basic credentials with every request to the origin, forged ones from other sites
 * included, so a write made with them must come from this origin's own pages.
 */
function crossSiteBrowserWrite(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || bearerSecret(request) !== undefined) return false;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** Who a request's bearer key belongs to, or undefined for a missing or unknown key. */
export function principalResolver(apiKeys: ApiKey[]): (request: FastifyRequest) => Principal | undefined {
  const keysByDigest = new Map(apiKeys.map((key) => [key.digest, principalOf(key)]));
  return (request) => {
    const secret = presentedSecret(request);
    return secret === undefined ? undefined : keysByDigest.get(digestSecret(secret));
  };
}

/** Access for every route under a path prefix, for route sets a third-party plugin declares. */
export interface AreaAccess {
  prefix: string;
  access: Access;
  browserLogin?: boolean;
}

export interface AuthOptions {
  apiKeys: ApiKey[];
  areas?: AreaAccess[];
}

const BASIC_CHALLENGE = 'Basic realm="leadmatch", charset="UTF-8"';

/**
 * Bearer API keys with roles. Every route declares its `access` in its config, or lies in an area
 * that does; a route that does neither is refused at boot, so nothing is left open by omission.
 */
export const auth = fp(
  async (app: FastifyInstance, options: AuthOptions) => {
    const principalFor = principalResolver(options.apiKeys);
    const areas = options.areas ?? [];

    app.addHook('onRoute', (route) => {
      const area = areas.find(({ prefix }) => route.url === prefix || route.url.startsWith(`${prefix}/`));
      if (area) route.config = { ...route.config, access: area.access, browserLogin: area.browserLogin ?? false };
      if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    });

    app.decorateRequest('principal');
    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access;
      if (access === 'public' || access === undefined) return;
      const principal = principalFor(request);
      if (!principal) {
        reply.header('www-authenticate', request.routeOptions.config.browserLogin ? BASIC_CHALLENGE : 'Bearer');
        return sendProblem(reply, 401, 'unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
      }
      if (request.routeOptions.config.browserLogin && crossSiteBrowserWrite(request)) {
        return sendProblem(reply, 403, 'forbidden', 'Changes through a browser login must come from this service’s own pages.');
      }
      if (!principal.can(access)) {
        return sendProblem(reply, 403, 'forbidden', `This API key's role does not allow ${access}.`);
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['problems'] },
);
