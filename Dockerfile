# One image for every process: api, worker and the one-shot migrate step (see docker-compose.yml, which builds it
# for each of them as automations:latest). dist/ holds their entry points: dist/apps/api/main.js,
# dist/apps/worker/main.js, dist/apps/api/cli/main.js and the worker's healthcheck dist/apps/worker/healthcheck.js.
# NODE_ENV=production: the processes refuse weak or development secrets and `prepare` seeds no demo agency.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY libs/domain/package.json libs/domain/
COPY libs/persistence/package.json libs/persistence/
COPY libs/engine/package.json libs/engine/
COPY libs/testing/package.json libs/testing/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Workspace packages resolve through node_modules/@automations/* links to these folders (package.json + dist).
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/worker/package.json apps/worker/
COPY --from=build /app/apps/web/package.json apps/web/
COPY --from=build /app/libs/domain/package.json libs/domain/
COPY --from=build /app/libs/domain/dist libs/domain/dist
COPY --from=build /app/libs/persistence/package.json libs/persistence/
COPY --from=build /app/libs/persistence/dist libs/persistence/dist
COPY --from=build /app/libs/engine/package.json libs/engine/
COPY --from=build /app/libs/engine/dist libs/engine/dist
COPY --from=build /app/libs/testing/package.json libs/testing/
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
