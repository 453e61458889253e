#!/usr/bin/env python3
"""Zips a deployment directory (what `./mvnw -Prelease deploy` wrote into target/central-staging)
into a Maven Central Portal bundle: io/namspill/<artifactId>/<version>/<files>.

Left out: maven-metadata.xml (Central makes its own) and the core's test-jar (-tests.jar: the
build's internal test tools, no published API).

Usage: make-bundle.py STAGING_DIR BUNDLE.zip
"""
import os
import sys
import zipfile


def bundled(relative_path):
    name = os.path.basename(relative_path)
    if name.startswith("maven-metadata"):
        return False
    return "-tests.jar" not in name


def main(staging, bundle):
    if not os.path.isdir(staging):
        sys.exit(f"make-bundle: no staging directory {staging} (run ./mvnw -Prelease deploy first)")
    files = []
    for root, _, names in os.walk(staging):
        for name in names:
            relative = os.path.relpath(os.path.join(root, name), staging)
            if bundled(relative):
                files.append(relative)
    if not files:
        sys.exit(f"make-bundle: {staging} holds no artifact")
    os.makedirs(os.path.dirname(os.path.abspath(bundle)), exist_ok=True)
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in sorted(files):
            archive.write(os.path.join(staging, relative), relative.replace(os.sep, "/"))
    print(f"make-bundle: {bundle}: {len(files)} files")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
