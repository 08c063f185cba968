#!/usr/bin/env bash
# Sums the <Counters> of every .trx file under a folder and prints
#   N passed, N failed, N skipped
# dotnet test prints per-project totals only, and CI needs one line for the whole suite.
# Exits 1 when a test failed or none ran. Plain awk: python is not on every machine.
set -euo pipefail

dir=${1:?usage: summarize-trx.sh RESULTS_DIR}

mapfile -t files < <(find "$dir" -name '*.trx' -type f 2>/dev/null | sort)
if [[ ${#files[@]} -eq 0 ]]; then
    echo "no .trx files in $dir" >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi

# Joining lines first keeps the parser independent of how the attributes wrap.
# Errors and timeouts count as failures; tests that did not run (skipped) do not.
cat "${files[@]}" | tr '\r\n' '  ' | grep -o '<Counters [^>]*>' | awk '
    function attr(tag, name,    m) {
        if (match(tag, " " name "=\"[0-9]+\"")) {
            m = substr(tag, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0
        }
        return 0
    }
    {
        total += attr($0, "total"); executed += attr($0, "executed"); passed += attr($0, "passed")
        failed += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
    }
    END {
        printf "%d passed, %d failed, %d skipped\n", passed, failed, total - executed
        if (executed == 0) print "no tests were executed" > "/dev/stderr"
        exit (failed > 0 || executed == 0) ? 1 : 0
    }'
