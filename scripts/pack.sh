#!/usr/bin/env bash
# Packs what an application project needs into a local NuGet feed (a folder), so `dotnet new oplat-app` projects
# restore without a registry for the platform's own packages (docs/authoring.md, "Before you start"):
#   OrleansPlatform.Workflows.Authoring   what the application references (the model, steps, fields, views, ...)
#   OrleansPlatform.Workflows.Testing     what its test project references: an in-process silo on SQLite, and with
#                                         it the platform's assemblies as packages of their own (Engine, Services,
#                                         Applications, Grains.Interfaces, Grains, Silo.Hosting)
# Usage: scripts/pack.sh [--no-build] [--version V] [FEED]   FEED defaults to ~/.oplat/packages (the template's
# default feed). --no-build packs what a Release build left (as ./test.sh builds it); otherwise it builds in Release
# first. --version V (default 1.0.0, what the template references; `dotnet new oplat-app --platformVersion V` for
# another): NuGet caches a version once per machine (~/.nuget/packages), so after changing the platform either pack
# a new version or remove ~/.nuget/packages/orleansplatform.* before restoring an application again.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
version=1.0.0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --version) version="$2"; shift 2 ;;
    -*) echo "scripts/pack.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
feed="${1:-$HOME/.oplat/packages}"
mkdir -p "$feed"

if [ "$build" = 1 ]; then
  dotnet build Workflows/Testing/Workflows.Testing.csproj -c Release -nologo -v quiet >/dev/null
fi

for project in \
  Workflows/Authoring/Authoring.csproj \
  Workflows/Engine/Engine.csproj \
  Workflows/Services/Services.csproj \
  Workflows/Applications/Applications.csproj \
  Grains.Interfaces/Grains.Interfaces.csproj \
  Grains/Grains.csproj \
  Silo.Hosting/Silo.Hosting.csproj \
  Workflows/Testing/Workflows.Testing.csproj; do
  dotnet pack "$project" -c Release --no-build -nologo -v quiet -p:Version="$version" -o "$feed" >/dev/null
done
echo "packed version $version into $feed"
