#!/usr/bin/env bash
# Renders haproxy.cfg.template: render.sh OUT BIND GATEWAY... (BIND as 127.0.0.1:5080; each GATEWAY as host:port).
# The file is written whole or not at all (a temporary file, then a rename).
set -euo pipefail
if [ $# -lt 3 ]; then
  printf 'usage: %s OUT BIND GATEWAY [GATEWAY...]\n' "$0" >&2
  exit 2
fi
out=$1 bind=$2
shift 2
servers=""
i=0
for gateway in "$@"; do
  case "$gateway" in
    *[!A-Za-z0-9.:_\[\]-]*|'') printf 'render.sh: not a host:port: %s\n' "$gateway" >&2; exit 2 ;;
  esac
  i=$((i + 1))
  servers="${servers}    server gateway-$i $gateway check"$'\n'
done
template="$(dirname "${BASH_SOURCE[0]}")/haproxy.cfg.template"
tmp="$out.tmp.$$"
awk -v bind="$bind" -v servers="$servers" '
  $0 == "@SERVERS@" { printf "%s", servers; next }
  { gsub("@BIND@", bind); print }
' "$template" > "$tmp"
mv "$tmp" "$out"
