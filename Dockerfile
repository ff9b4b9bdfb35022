# One image for both roles: the API (default) and the worker (`npm run start:worker`).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY features ./features
COPY services ./services
COPY migrations ./migrations
COPY seeds ./seeds
RUN npm ci --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE 3000
CMD ["npm", "run", "start:api"]
