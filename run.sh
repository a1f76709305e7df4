#!/usr/bin/env bash
# Runs OrleansPlatform on one machine on the embedded default: one silo hosted by the Gateway, SQLite under ./data.
# Extra arguments go to the Gateway (e.g. --urls http://127.0.0.1:5090). Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Gateway/Gateway.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p data
exec dotnet Gateway/bin/Release/net10.0/OrleansPlatform.Gateway.dll "$@"
