# Stand-in for mcr.microsoft.com/dotnet/runtime-deps:10.0 on the local Debian base: what a self-contained .NET app needs.
# extra-ca/ holds the build machine's own CA certificates (deploy/smoke-test.sh copies /usr/local/share/ca-certificates):
# where egress goes through a TLS-inspecting proxy, NuGet restore inside the SDK stand-in needs them.
ARG BASE=local/debian:bookworm
FROM ${BASE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libicu72 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null
