# syntax=docker/dockerfile:1.7
# Multi-stage image for the Niaga API and worker (one image, two commands). Untested on the
# development machines (no Docker engine there): keep it correct by reading, and see README.
# Build from the repository root:  docker build -f docker/api.Dockerfile -t niaga-api .

ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true TURBO_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@11.28.11
WORKDIR /app

# Install with only the manifests first, so the dependency layer is cached across code changes.
FROM base AS deps
COPY pnpm-workspace.yaml pnpm-lock.yaml package.json ./
COPY apps/api/package.json apps/api/
COPY packages/api/package.json packages/api/
COPY packages/auth/package.json packages/auth/
COPY packages/config/package.json packages/config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/jobs/package.json packages/jobs/
COPY tooling/typescript/package.json tooling/typescript/
RUN pnpm install --frozen-lockfile --prod --filter "@niaga/api-server..."

# The workspace as it is: internal packages stay symlinks into packages/*, which Node 24 runs
# as TypeScript (it refuses to strip types inside node_modules, so `pnpm deploy` copies won't do).
FROM deps AS build
COPY apps/api apps/api
COPY packages packages
COPY tooling/typescript tooling/typescript

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app ./
WORKDIR /app/apps/api
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The heap flags of apps/api's `start` script (README, Performance).
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=384", "src/main.ts", "--api-only"]
