# Stand-in for mcr.microsoft.com/dotnet/sdk:10.0: this machine's SDK (the build context is its /usr/share/dotnet).
ARG BASE=local/runtime-deps:bookworm
FROM ${BASE}
# "offline" where the egress proxy's CA has no reachable revocation list (deploy/smoke-test.sh passes the host's value).
ARG NUGET_CERT_REVOCATION_MODE=online
COPY . /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE}
