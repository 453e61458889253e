#!/usr/bin/env bash
# End-to-end for the command line's launcher (namspill-cli/target/namspill), which no Maven test
# runs: its first run makes the class-data-sharing archive under NAMSPILL_CACHE and later runs
# load namspill's classes from it; it finds Java through JAVA_HOME and through the PATH, and
# itself through a symbolic link; a newer jar makes the archive again; an archive in a directory
# another user owns is never used.
#
#   LAUNCHER=namspill-cli/target/namspill [JAVA=/usr/bin/java] bash e2e/cli-launcher-e2e.sh
#
# Needs root (a directory is handed to the user nobody).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAUNCHER="${1:-${LAUNCHER:-}}"

# shellcheck source=e2e/lib.sh
source "$HERE/lib.sh"

require_file LAUNCHER "./mvnw -B -pl namspill-cli -am package -DskipTests"
require_java
JAVA_REAL="$(readlink -f "$(command -v "$JAVA")")"
JAVA_HOME_DIR="${JAVA_REAL%/bin/java}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/namspill-launcher-e2e.XXXXXX")"
# A copy of the launcher and its jar: the test changes the jar's time.
mkdir -p "$TMP/dist"
cp "$LAUNCHER" "$(ls "$(dirname "$LAUNCHER")"/namspill-cli-*.jar | grep -v -e sources -e javadoc -e original | head -n1)" "$TMP/dist/"
LAUNCHER="$TMP/dist/namspill"
JAR="$(ls "$TMP"/dist/namspill-cli-*.jar)"
T_START="$(now)"

# namspill ARGS...: the launcher with JAVA_HOME set, the cache under $TMP; standard output in $TMP/out.
namspill() { JAVA_HOME="$JAVA_HOME_DIR" NAMSPILL_CACHE="$TMP/cache" "$LAUNCHER" "$@" >"$TMP/out" 2>"$TMP/err.log"; }
ARCHIVE="$TMP/cache/java$JAVA_HOME_DIR/$(basename "${JAR%.jar}").jsa"
# from_archive: the last run (with -Xlog:class+load) loaded the command's entry class from the archive.
from_archive() { grep -q 'io.namspill.cli.NamspillCli source: shared objects file (top)' "$TMP/out"; }

namspill --version || fail "namspill --version: exit status $?"
grep -q "Java $JAVA_VERSION" "$TMP/out" || fail "--version does not name Java $JAVA_VERSION: $(cat "$TMP/out")"
[[ -f "$ARCHIVE" ]] || fail "the first run made no archive at $ARCHIVE"
NAMSPILL_JAVA_OPTS=-Xlog:class+load namspill --version || fail "namspill --version with class loading logged"
from_archive || fail "the second run did not load NamspillCli from $ARCHIVE"
pass "the first run makes the archive $ARCHIVE; the next one loads namspill's classes from it"

namspill check $$ || fail "namspill check $$ (this shell): exit status $?"
grep -q "share the namespaces of the thread-group leader" "$TMP/out" || fail "check of a uniform process: $(cat "$TMP/out")"
pass "check of a uniform process: exit status 0"

mkdir -p "$TMP/bin" "$TMP/path"
ln -s "$(readlink -f "$LAUNCHER")" "$TMP/bin/namspill"
ln -s "$JAVA_REAL" "$TMP/path/java"
env -u JAVA_HOME PATH="$TMP/path:/usr/bin:/bin" NAMSPILL_CACHE="$TMP/cache" NAMSPILL_JAVA_OPTS=-Xlog:class+load \
  "$TMP/bin/namspill" --version >"$TMP/out" 2>"$TMP/err.log" || fail "the launcher through a link, java from the PATH"
from_archive || fail "through a link with java from the PATH, the archive of $JAVA_HOME_DIR was not used"
pass "through a symbolic link, with java found on the PATH (itself a link): the same archive"

before="$(stat -c %Y.%i "$ARCHIVE")"
touch -d '+2 seconds' "$JAR"
namspill --version || fail "namspill --version after the jar changed"
[[ "$(stat -c %Y.%i "$ARCHIVE")" != "$before" ]] || fail "a newer jar did not make the archive again"
pass "a newer jar makes the archive again"

OTHER="$TMP/other"
mkdir -p "$OTHER/java$JAVA_HOME_DIR"
cp "$ARCHIVE" "$OTHER/java$JAVA_HOME_DIR/"
chown -R nobody "$OTHER"
JAVA_HOME="$JAVA_HOME_DIR" NAMSPILL_CACHE="$OTHER" NAMSPILL_JAVA_OPTS=-Xlog:class+load "$LAUNCHER" --version \
  >"$TMP/out" 2>"$TMP/err.log" || fail "namspill --version with a cache another user owns"
! from_archive || fail "an archive in a directory the user nobody owns was used"
pass "an archive in another user's directory is not used"

printf 'e2e: %d passed, 0 failed (the launcher on Java %s, total %ss)\n' "$PASSED" "$JAVA_VERSION" "$(since "$T_START")"
