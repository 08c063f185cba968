# Klachten.Server. Build from the repo root:
#   docker build -f deploy/server.Dockerfile -t klachten/server .
# SDK and BASE are arguments so that locally built images can stand in where none can be pulled.
# No "# syntax" line, RUN --mount or COPY --chmod: the image must also build with the legacy builder.
ARG SDK=mcr.microsoft.com/dotnet/sdk:10.0
ARG BASE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK} AS build
WORKDIR /src
# The analyzer settings are part of the build: warnings are errors.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY workflows/ workflows/
# Self-contained, so any glibc base with ICU and CA certificates can run it, not only the aspnet image.
RUN dotnet publish src/Klachten.Server/Klachten.Server.csproj -c Release -r linux-x64 --self-contained -o /app

FROM ${BASE}
ARG APP_UID=10001
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown ${APP_UID} /app/data
USER ${APP_UID}
ENV ASPNETCORE_URLS=http://+:8080 \
    Klachten__DataDirectory=/app/data
EXPOSE 8080
ENTRYPOINT ["/app/Klachten.Server"]
