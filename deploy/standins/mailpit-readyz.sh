#!/bin/bash
# "mailpit readyz" of the stand-in: the web API answers.
exec 3<>/dev/tcp/127.0.0.1/8025 && printf 'GET /api/messages HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n1 <&3 | grep -q ' 200 '
