#!/usr/bin/env python3
"""Checks that a Maven Central Portal bundle (a zip, or a directory in its layout) holds all that
Central wants of every artifact this build publishes, and nothing else.

What is published comes from the build's own POMs (the reactor): the root POM and every module
listed in <modules>, recursively, except those that set the property namspill.publish.skip to
true. For each published artifact the bundle must have, under <groupId path>/<artifactId>/<version>/:
  - <a>-<v>.pom, and for jar packaging also <a>-<v>.jar, -sources.jar and -javadoc.jar;
  - beside each of those files: .asc, .md5, .sha1, .sha256 and .sha512, the checksums matching;
  - in each POM: its own name and description; url, licenses, scm and developers of its own
    or from its parents (which must be in the bundle);
  - in a BOM (an artifactId ending in -bom): no parent, only this group's artifacts managed,
    every published jar among them;
  - in each main jar's manifest: Automatic-Module-Name;
  - in each Javadoc jar that has HTML pages: links to the JDK 17 API docs.
With --verify-signatures every .asc is checked with gpg (the key must be in GNUPGHOME).

Every problem is reported, each naming its file; the exit status is 1 if there is any.

Usage: check-bundle.py [--project-dir DIR] [--verify-signatures] BUNDLE
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

POM_NS = "{http://maven.apache.org/POM/4.0.0}"
CHECKSUMS = ("md5", "sha1", "sha256", "sha512")
SKIP_PROPERTY = "namspill.publish.skip"
JDK_API = "https://docs.oracle.com/en/java/javase/17/docs/api/"


def child(element, path):
    """The text of a slash-separated path below element, or None."""
    for name in path.split("/"):
        if element is None:
            return None
        element = element.find(POM_NS + name)
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


class Module:
    def __init__(self, group_id, artifact_id, version, packaging, published, directory):
        self.group_id = group_id
        self.artifact_id = artifact_id
        self.version = version
        self.packaging = packaging
        self.published = published
        self.directory = directory


def reactor(directory, parent=None):
    """Every project of the build, from the POM in directory down through its <modules>."""
    pom = ET.parse(os.path.join(directory, "pom.xml")).getroot()
    own_skip = child(pom, "properties/" + SKIP_PROPERTY)
    module = Module(
        group_id=child(pom, "groupId") or child(pom, "parent/groupId"),
        artifact_id=child(pom, "artifactId"),
        version=child(pom, "version") or child(pom, "parent/version"),
        packaging=child(pom, "packaging") or "jar",
        published=(own_skip != "true") if own_skip is not None else (parent.published if parent else True),
        directory=directory,
    )
    yield module
    modules = pom.find(POM_NS + "modules")
    for name in ([] if modules is None else [m.text.strip() for m in modules.findall(POM_NS + "module")]):
        yield from reactor(os.path.join(directory, name), module)


def artifact_dir(module):
    return "/".join(module.group_id.split(".") + [module.artifact_id, module.version])


def primary_files(module):
    base = f"{artifact_dir(module)}/{module.artifact_id}-{module.version}"
    files = [base + ".pom"]
    if module.packaging == "jar":
        files += [base + ".jar", base + "-sources.jar", base + "-javadoc.jar"]
    return files


def bundle_files(root):
    found = set()
    for directory, _, names in os.walk(root):
        for name in names:
            found.add(os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/"))
    return found


def digest(path, algorithm):
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def parse_pom(path, name, problems):
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        problems.append(f"{name}: not a readable POM ({e})")
        return None


def lineage(pom, name, root, problems):
    """The POM, then its parents as the bundle holds them (Central reads the metadata inherited)."""
    chain = [pom]
    while (parent := chain[-1].find(POM_NS + "parent")) is not None:
        parent_name = "/".join(child(parent, "groupId").split(".") + [child(parent, "artifactId"), child(parent, "version"),
                               f"{child(parent, 'artifactId')}-{child(parent, 'version')}.pom"])
        path = os.path.join(root, parent_name)
        if not os.path.isfile(path):
            problems.append(f"{name}: its parent {parent_name} is not in the bundle")
            break
        parent_pom = parse_pom(path, parent_name, problems)
        if parent_pom is None or len(chain) > 10:
            break
        chain.append(parent_pom)
    return chain


def check_pom_metadata(path, name, module, root, published_jars, problems):
    pom = parse_pom(path, name, problems)
    if pom is None:
        return
    coordinates = (child(pom, "groupId") or child(pom, "parent/groupId"), child(pom, "artifactId"),
                   child(pom, "version") or child(pom, "parent/version"))
    if coordinates != (module.group_id, module.artifact_id, module.version):
        problems.append(f"{name}: coordinates {':'.join(map(str, coordinates))} are not its path's")
    # Each module names and describes itself; the rest may come from a parent.
    for element in ("name", "description"):
        if child(pom, element) is None:
            problems.append(f"{name}: no <{element}> of its own")
    chain = lineage(pom, name, root, problems)
    for element in ("url", "licenses/license/name", "licenses/license/url", "scm/url", "scm/connection"):
        if all(child(p, element) is None for p in chain):
            problems.append(f"{name}: no <{element.replace('/', '><')}>, neither its own nor a parent's")
    developers = [d for p in chain for d in p.findall(f"{POM_NS}developers/{POM_NS}developer")]
    if not any(child(d, "id") or child(d, "name") for d in developers):
        problems.append(f"{name}: no <developers><developer> with an id or a name, neither its own nor a parent's")
    if module.artifact_id.endswith("-bom"):
        check_bom(pom, name, module, published_jars, problems)


def check_bom(pom, name, module, published_jars, problems):
    # An import brings the BOM's whole dependencyManagement, a parent's included.
    if pom.find(POM_NS + "parent") is not None:
        problems.append(f"{name}: a BOM with a parent (its dependencyManagement would leak into importers)")
    managed = pom.findall(f"{POM_NS}dependencyManagement/{POM_NS}dependencies/{POM_NS}dependency")
    for dependency in managed:
        if child(dependency, "groupId") != module.group_id or child(dependency, "scope") == "import":
            problems.append(f"{name}: manages {child(dependency, 'groupId')}:{child(dependency, 'artifactId')}, "
                            f"not an artifact of {module.group_id}")
    listed = {child(d, "artifactId") for d in managed}
    for artifact_id in sorted(published_jars - listed):
        problems.append(f"{name}: does not manage the published {artifact_id}")


def check_manifest(path, name, problems):
    try:
        with zipfile.ZipFile(path) as jar:
            manifest = jar.read("META-INF/MANIFEST.MF").decode("utf-8")
    except (zipfile.BadZipFile, KeyError) as e:
        problems.append(f"{name}: no readable manifest ({e})")
        return
    if "Automatic-Module-Name:" not in manifest:
        problems.append(f"{name}: no Automatic-Module-Name in its manifest")


def check_javadoc(path, name, problems):
    # Offline builds must still link the JDK's types (the plugin's bundled package list).
    with zipfile.ZipFile(path) as jar:
        pages = [n for n in jar.namelist() if n.endswith(".html")]
        if pages and not any(JDK_API.encode() in jar.read(n) for n in pages):
            problems.append(f"{name}: no link to the JDK API docs ({JDK_API})")


def check(root, modules, verify_signatures):
    problems = []
    present = bundle_files(root)
    published = [m for m in modules if m.published]
    published_jars = {m.artifact_id for m in published if m.packaging == "jar"}
    allowed = set()
    for module in published:
        for primary in primary_files(module):
            companions = [primary + ".asc"] + [f"{primary}.{c}" for c in CHECKSUMS]
            allowed.update([primary] + companions + [f"{primary}.asc.{c}" for c in CHECKSUMS])
            for name in [primary] + companions:
                if name not in present:
                    problems.append(f"missing: {name}")
            if primary not in present:
                continue
            path = os.path.join(root, primary)
            for algorithm in CHECKSUMS:
                sum_name = f"{primary}.{algorithm}"
                if sum_name in present:
                    with open(os.path.join(root, sum_name), encoding="ascii", errors="replace") as f:
                        recorded = (f.read().split() or [""])[0].lower()
                    if recorded != digest(path, algorithm):
                        problems.append(f"wrong checksum: {sum_name}")
            if primary.endswith(".pom"):
                check_pom_metadata(path, primary, module, root, published_jars, problems)
            elif primary.endswith(f"{module.version}.jar"):
                check_manifest(path, primary, problems)
            elif primary.endswith("-javadoc.jar"):
                check_javadoc(path, primary, problems)
            if verify_signatures and primary + ".asc" in present:
                result = subprocess.run(["gpg", "--batch", "--verify", path + ".asc", path],
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    problems.append(f"bad signature: {primary}.asc ({result.stderr.strip().splitlines()[-1:]})")
    for name in sorted(present - allowed):
        problems.append(f"unexpected: {name} (no published artifact of this build)")
    return problems, published, len(present)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", help="the bundle zip, or a directory in the bundle's layout")
    parser.add_argument("--project-dir", default=os.path.dirname(os.path.dirname(here)),
                        help="the build whose POMs say what is published (default: this repository)")
    parser.add_argument("--verify-signatures", action="store_true", help="check every .asc with gpg")
    args = parser.parse_args()

    modules = list(reactor(args.project_dir))
    with tempfile.TemporaryDirectory() as unpacked:
        if os.path.isdir(args.bundle):
            root = args.bundle
        elif zipfile.is_zipfile(args.bundle):
            with zipfile.ZipFile(args.bundle) as archive:
                archive.extractall(unpacked)
            root = unpacked
        else:
            sys.exit(f"check-bundle: {args.bundle} is neither a zip nor a directory")
        problems, published, count = check(root, modules, args.verify_signatures)

    for problem in problems:
        print(f"check-bundle: {problem}", file=sys.stderr)
    if problems:
        print(f"check-bundle: FAILED: {len(problems)} problem(s) in {args.bundle}", file=sys.stderr)
        return 1
    print(f"check-bundle: OK: {args.bundle}: {len(published)} published artifacts "
          f"({', '.join(m.artifact_id for m in published)}), {count} files"
          + (", signatures verified" if args.verify_signatures else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
