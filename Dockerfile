# syntax=docker/dockerfile:1
# Two stages. `build` installs every dependency and compiles the TypeScript to dist/; the runtime
# stage holds the compiled JavaScript and production dependencies only, and runs as `node` under tini.
# One image for both roles: the API (the default command) and the worker
# (`node services/worker/dist/main.js`). tests/e2e/production-image.test.ts performs these steps
# without Docker, so read that test before changing a step.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.build-base.json tsconfig.build.json ./
COPY packages ./packages
COPY features ./features
COPY services ./services
COPY migrations ./migrations
COPY seeds ./seeds
COPY scripts ./scripts
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build && node scripts/stage-runtime.mjs runtime

FROM ${NODE_IMAGE} AS runtime
# System setup: tini forwards signals to node and reaps children; /app/data is where embedded PGlite
# writes when no DATABASE_URL is given.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /app/data && chown node:node /app/data
ENV NODE_ENV=production PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/runtime ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "services/api/dist/server.js"]
