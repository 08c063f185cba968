# Shared by the infra scripts (sourced, not run).

die() { echo "error: $*" >&2; exit 1; }
log() { echo "[infra] $*" >&2; }

# Bash's /dev/tcp avoids needing ss/netstat, which slim images lack.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Fixed ports would collide with a server left behind by a killed run, so each
# script first removes its own leftovers, found by this per-port name pattern.
scratch_dirs() { compgen -G "/tmp/klachten-$1-$2.*" || true; }

# Prints seconds since the epoch with milliseconds, for the "ready in" lines.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
