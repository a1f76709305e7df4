#!/usr/bin/env bash
# Packs what an application project needs into a local NuGet feed (a folder), so `dotnet new oplat-app` projects
# restore without a registry for the platform's own packages (docs/authoring.md, "Before you start"):
#   OrleansPlatform.Workflows.Authoring   what the application references (the model, steps, fields, views, ...)
#   OrleansPlatform.Workflows.Testing     what its test project references: an in-process silo on SQLite, and with
#                                         it the platform's assemblies as packages of their own (Engine, Services,
#                                         Applications, Grains.Interfaces, Grains, Silo.Hosting)
# Usage: scripts/pack.sh [--no-build] [--version V] [-c Debug|Release] [FEED]
#   FEED         the folder to pack into; default ~/.oplat/packages (the template's default feed)
#   --no-build   pack what a build left (as ./test.sh builds it); otherwise build first
#   -c           the configuration, Release by default
#   --version V  default 1.0.0, what the template references (`dotnet new oplat-app --platformVersion V` for another).
#                NuGet caches a version once per machine (~/.nuget/packages): after changing the platform, pack a
#                new version, or remove ~/.nuget/packages/orleansplatform.* before restoring an application again.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
version=1.0.0
configuration=Release
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --version) version="$2"; shift 2 ;;
    -c|--configuration) configuration="$2"; shift 2 ;;
    -*) echo "scripts/pack.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
feed="${1:-$HOME/.oplat/packages}"
mkdir -p "$feed"

if [ "$build" = 1 ]; then
  dotnet build Workflows/Testing/Workflows.Testing.csproj -c "$configuration" -nologo -v quiet >/dev/null
fi

# One MSBuild run packs them all (scripts/packages.slnf lists them); each project reference becomes a package dependency.
dotnet pack scripts/packages.slnf -c "$configuration" --no-build -nologo -v quiet -p:Version="$version" -o "$feed" >/dev/null
echo "packed version $version into $feed"
