#!/usr/bin/env bash
# The whole pipeline on this machine: the county cloud (SQLite), one hub gateway with its embedded MQTT broker, and a
# fleet of 20 emulated home units replaying a scripted week of readings. Needs only the .NET SDK.
#   ./demo.sh           reuse ./demo-data if it exists
#   ./demo.sh --fresh   start clean
# Ctrl-C stops every process.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building (Release) ..."
dotnet build Dorset.Telehealth.sln -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet artifacts/bin/Dorset.Telehealth.Demo/release/demo.dll "$@"
