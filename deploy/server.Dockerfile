# Klachten.Server (API, Studio, staff app, runtime). Build from the repo root:
#   docker build -f deploy/server.Dockerfile -t klachten/server .
# SDK, NODE and BASE are build arguments so that locally built images can stand in where none can be pulled
# (deploy/smoke-test.sh builds both on a debootstrapped Debian). The app is published self-contained, so BASE
# needs only glibc, ICU, tzdata and CA certificates: the official runtime-deps image, not the ASP.NET one.
# No "# syntax" line, RUN --mount or COPY --chmod: the image must also build with the legacy builder.
ARG SDK=mcr.microsoft.com/dotnet/sdk:10.0
ARG BASE=mcr.microsoft.com/dotnet/runtime-deps:10.0
ARG NODE=node:22-bookworm-slim

# Elsa Studio's bundle (npm, pinned and integrity-checked by package-lock.json), served under /studio.
FROM ${NODE} AS studio
WORKDIR /studio
COPY src/Klachten.Studio/package.json src/Klachten.Studio/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch node_modules/.klachten-restored

FROM ${SDK} AS build
WORKDIR /src
# The first steps are the same in all three Dockerfiles, so the build cache shares the restore between them.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY workflows/ workflows/
RUN for p in Klachten.Server Klachten.NotificationWorker Klachten.ArchiveWorker; do \
      dotnet restore src/$p/$p.csproj -r linux-x64 -p:SelfContained=true || exit 1; done
# With the bundle and its stamp in place, the server build skips its own "npm ci" (the SDK image has no Node.js).
COPY --from=studio /studio/node_modules/ src/Klachten.Studio/node_modules/
RUN dotnet publish src/Klachten.Server/Klachten.Server.csproj -c Release -r linux-x64 --self-contained --no-restore \
      -p:DebugType=none -p:GenerateDocumentationFile=false -o /app

FROM ${BASE}
ARG APP_UID=10001
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data /app/keys && chown ${APP_UID} /app/data /app/keys
# Non-root; the root filesystem may be read-only (only /tmp and the data volume are written).
USER ${APP_UID}
ENV URLS=http://+:8080 \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0 \
    HOME=/tmp \
    Klachten__DataDirectory=/app/data
EXPOSE 8080
# /health/ready: the database (and migrations) answer. bash's /dev/tcp, so the image needs no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/Klachten.Server"]
