#!/usr/bin/env bash
# Runs afl-fuzz on fuzz targets over SharpFuzz-instrumented copies of the assemblies under test (README.md).
#   fuzz.sh [--execs N | --seconds N] [--out DIR] [--bin DIR] <target>... | all
# --bin is a build output of this project (default: a Release build made now); it is copied and the copy instrumented,
# so the build itself stays uninstrumented for the replay tests. Each target's findings land in DIR/<target>.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

limit=()
out="$repo/artifacts/fuzz/out"
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --execs) limit=(-E "$2"); shift 2 ;;
    --seconds) limit=(-V "$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: fuzz.sh [--execs N | --seconds N] [--out DIR] [--bin DIR] <target>... | all" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "fuzz.sh: afl-fuzz not found (Debian package afl++)" >&2; exit 3; }

if [ -z "$bin" ]; then
  dotnet build "$here" -c Release -v quiet -nologo >/dev/null
  bin="$repo/artifacts/bin/Dorset.Telehealth.Fuzz/release"
fi
[ -f "$bin/Dorset.Telehealth.Fuzz.dll" ] || { echo "fuzz.sh: no Dorset.Telehealth.Fuzz.dll in $bin" >&2; exit 3; }

work="$(mktemp -d "${TMPDIR:-/tmp}/dorset-fuzz-bin.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$bin/." "$work/"
# The code under test; the framework, MQTTnet, SQLite and Firely stay uninstrumented (their edges would only dilute the map).
for assembly in Dorset.Telehealth.Protocol Dorset.Telehealth.HomeUnit dorset-gateway dorset-cloud; do
  (cd "$repo" && dotnet tool run sharpfuzz "$work/$assembly.dll" >/dev/null)
done

targets=("$@")
if [ "${targets[0]}" = all ]; then
  mapfile -t targets < <(dotnet "$work/Dorset.Telehealth.Fuzz.dll" --list)
fi

# afl-fuzz checks for a native forkserver binary and a CPU to pin itself to; dotnet is neither, and CI shares its cores.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
mkdir -p "$out"
for target in "${targets[@]}"; do
  dict=()
  [ -f "$here/dictionaries/$target.dict" ] && dict=(-x "$here/dictionaries/$target.dict")
  echo "fuzz.sh: $target" >&2
  afl-fuzz -i "$here/corpus/$target" -o "$out/$target" -t 10000 -m none "${limit[@]}" "${dict[@]}" \
    -- dotnet "$work/Dorset.Telehealth.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 \
    || { echo "fuzz.sh: afl-fuzz failed on $target; see $out/$target.log" >&2; tail -20 "$out/$target.log" >&2; exit 1; }
done
