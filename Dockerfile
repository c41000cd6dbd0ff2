# One image for every Courtesy service; SERVICE picks which one runs (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY libs ./libs
COPY workflows ./workflows
COPY services ./services
COPY tsconfig*.json ./
RUN npm ci --no-audit --no-fund && npx tsc -b tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node ${ENTRY:-services/$SERVICE/dist/main.js}"]
