#!/usr/bin/env bash
# CI: the release of this tree's version, as far as it goes offline. A throwaway signing key
# (made for this run, gone after it), the version without -SNAPSHOT in a scratch copy of the
# tree (versions:set, as releasing does), stage-bundle.sh there, the signatures verified; then
# the check's own test: it must fail on a bundle that lacks any one file.
# Leaves the bundle in target/central-bundle-<version>.zip. Installs gnupg when missing (root).
# NAMSPILL_RELEASE_M2: the check's own Maven repository (default ~/.m2/namspill-release-check).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
export GNUPGHOME="$work/gnupg"
# The gpg-agent of the throwaway key ends with it.
trap 'gpgconf --kill gpg-agent 2>/dev/null || true; rm -rf "$work"' EXIT

if ! command -v gpg >/dev/null; then
  [[ "$(id -u)" == 0 ]] || { echo "release-check: gpg missing (install gnupg)" >&2; exit 1; }
  { apt-get -o DPkg::Lock::Timeout=120 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends gnupg; } >/dev/null
fi
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'namspill CI throwaway <ci@namspill.invalid>' ed25519 sign 1d
MAVEN_GPG_KEY="$(gpg --batch --armor --export-secret-keys)"
export MAVEN_GPG_KEY
unset MAVEN_GPG_PASSPHRASE

version="$(python3 -c 'import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)' "$repo/pom.xml")"
release="${version%-SNAPSHOT}"
mkdir "$work/tree"
(cd "$repo" && tar --exclude=./.git --exclude=target -cf - .) | tar -xf - -C "$work/tree"
cd "$work/tree"
echo "release-check: $version -> $release in a scratch copy, signed with a throwaway key"
./mvnw -B -q versions:set -DnewVersion="$release"
# The shared local repository is only read: in front of it, a repository of this check's own
# keeps what only the release build uses (the gpg plugin with BouncyCastle and junixsocket)
# from one run to the next; what the deploy writes there of this build (metadata of the staging
# directory) goes first. No test runs here, so modules that do not depend on each other build
# side by side (-T 1C: a thread per core).
release_m2="${NAMSPILL_RELEASE_M2:-$HOME/.m2/namspill-release-check}"
rm -rf "$release_m2/io/namspill"
bash scripts/release/stage-bundle.sh -DskipTests -T 1C \
  -Dmaven.repo.local="$release_m2" -Dmaven.repo.local.tail="${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}"
python3 scripts/release/check-bundle.py --verify-signatures target/central-bundle.zip
python3 scripts/release/check-bundle-test.py target/central-bundle.zip --project-dir "$work/tree"
mkdir -p "$repo/target"
cp target/central-bundle.zip "$repo/target/central-bundle-$release.zip"
