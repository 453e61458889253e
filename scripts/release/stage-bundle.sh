#!/usr/bin/env bash
# Builds and checks the Maven Central Portal bundle of this tree's version (a release version:
# the release profile refuses a SNAPSHOT). Uploads nothing.
#   ./mvnw -Prelease deploy  -> target/central-staging: every artifact signed, with .md5, .sha1,
#                               .sha256 and .sha512 checksums (nothing installed locally)
#   make-bundle.py           -> target/central-bundle.zip
#   check-bundle.py          -> fails naming every missing or wrong file
# Arguments go to Maven (e.g. -DskipTests). The key: MAVEN_GPG_KEY / MAVEN_GPG_PASSPHRASE (see
# the release profile in pom.xml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rm -rf target/central-staging target/central-bundle.zip
./mvnw -B -Prelease -Daether.checksums.algorithms=SHA-512,SHA-256,SHA-1,MD5 -Dmaven.install.skip=true "$@" deploy
python3 scripts/release/make-bundle.py target/central-staging target/central-bundle.zip
python3 scripts/release/check-bundle.py target/central-bundle.zip
