# Tremplin: one image serving the Angular web app and the NestJS API (/api) on one port.
#
#   docker build -t tremplin .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e JWT_SECRET=<32+ chars> tremplin
#
# DATABASE_URL is required here: the API's embedded-PostgreSQL fallback (used when DATABASE_URL is
# unset) needs root to create its `postgres` system user, and this image runs as the `node` user.
# docker-compose.yml gives a demo with its own PostgreSQL.
# Other commands: `docker run … tremplin node dist/apps/api/main.js seed --scale 3`
#                 `docker run … tremplin node dist/apps/api/main.js audit:verify`
# (migrations run by themselves at every start).

# --- base: Node 20 (20.19+) with npm 11, which honours package.json "allowScripts" ---------------
FROM node:20-bookworm-slim AS base
RUN npm install -g npm@11.19.1 --no-audit --no-fund && npm cache clean --force
WORKDIR /app

# --- build: every dependency, then the API (webpack) and the web app (Angular) --------------------
FROM base AS build
# NODE_ENV stays unset here: NODE_ENV=production would make npm ci skip the dev dependencies.
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false \
    CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p api web --output-style=static \
    && test -f dist/apps/api/main.js \
    && test -f dist/apps/web/browser/index.html

# --- deps: production dependencies only, as the runtime stage gets them ---------------------------
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime -------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/.data \
    WEB_DIST_DIR=/app/dist/apps/web/browser
WORKDIR /app
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/api ./dist/apps/api
COPY --from=build /app/dist/apps/web ./dist/apps/web
COPY tools/docker-healthcheck.mjs ./tools/docker-healthcheck.mjs
# DATA_DIR (uploaded files) belongs to the unprivileged user; mount a volume there. A new named
# volume takes this ownership.
RUN mkdir -p /app/.data && chown node:node /app/.data
# Fail the build, not the first start, if a package the API bundle requires is not installed.
RUN node -e ' \
      const { builtinModules, createRequire } = require("node:module"); \
      const main = "/app/dist/apps/api/main.js"; \
      const req = createRequire(main); \
      const src = require("node:fs").readFileSync(main, "utf8"); \
      const names = new Set([...src.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1])); \
      const bad = [...names].filter((n) => !n.startsWith("node:") && !builtinModules.includes(n)) \
        .filter((n) => { try { req.resolve(n); return false; } catch { return true; } }); \
      if (bad.length) { console.error("Not installed: " + bad.join(", ")); process.exit(1); }'
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "tools/docker-healthcheck.mjs"]
# node handles SIGTERM itself (graceful close); run with `--init` (compose: init: true) to reap children.
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]
