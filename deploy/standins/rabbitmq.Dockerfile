# Stand-in for rabbitmq:3-management (Debian's RabbitMQ 3.10 with the management plugin) with RABBITMQ_DEFAULT_*.
ARG BASE=local/debian:bookworm
FROM ${BASE}
RUN printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d \
    && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/* \
    && echo '[rabbitmq_management].' > /etc/rabbitmq/enabled_plugins
COPY rabbitmq-entrypoint.sh /usr/local/bin/rabbitmq-entrypoint.sh
# The health check (rabbitmq-diagnostics) runs with the container's environment, so it finds this node name.
ENV RABBITMQ_NODENAME=rabbit@localhost
EXPOSE 5672 15672
ENTRYPOINT ["bash", "/usr/local/bin/rabbitmq-entrypoint.sh"]
