# Stand-in for node:22-bookworm-slim: Debian's Node.js and npm (enough for "npm ci --ignore-scripts").
ARG BASE=local/runtime-deps:bookworm
FROM ${BASE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*
# Node.js trusts its own CA list; the machine's (incl. a TLS-inspecting egress proxy's) comes from the base.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
