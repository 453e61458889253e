#!/usr/bin/env python3
"""Tests check-bundle.py on a real bundle: it passes the bundle as it is, and fails, naming the
file, on copies that each lack one file (every file in turn), or carry a wrong checksum, a POM
without scm, Javadoc without JDK links, a BOM that has a parent or misses an artifact, or a
file of no published artifact.

Usage: check-bundle-test.py BUNDLE.zip [--project-dir DIR]
"""
import argparse
import functools
import importlib.util
import os
import re
import shutil
import sys
import tempfile
import unittest
import unittest.mock
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("check_bundle", os.path.join(HERE, "check-bundle.py"))
check_bundle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_bundle)

BUNDLE = None
PROJECT_DIR = os.path.dirname(os.path.dirname(HERE))


class CheckBundleTest(unittest.TestCase):

    def setUp(self):
        self.root = tempfile.mkdtemp()
        with zipfile.ZipFile(BUNDLE) as archive:
            archive.extractall(self.root)
        self.modules = list(check_bundle.reactor(PROJECT_DIR))
        self.files = sorted(check_bundle.bundle_files(self.root))

    def tearDown(self):
        shutil.rmtree(self.root)

    def problems(self):
        return check_bundle.check(self.root, self.modules, verify_signatures=False)[0]

    def one(self, suffix):
        matches = [f for f in self.files if f.endswith(suffix)]
        self.assertEqual(len(matches), 1, f"one file ending {suffix} in the bundle")
        return os.path.join(self.root, matches[0]), matches[0]

    def test_the_bundle_as_built_passes(self):
        self.assertEqual(self.problems(), [])

    def test_every_published_module_is_in_the_bundle(self):
        published = {m.artifact_id for m in self.modules if m.published}
        in_bundle = {f.split("/")[-3] for f in self.files}
        self.assertEqual(in_bundle, published)
        self.assertTrue({"namspill-parent", "namspill-bom", "namspill-core", "namspill-test", "namspill-micrometer",
                         "namspill-spring-boot-autoconfigure", "namspill-spring-boot-starter"} <= published)
        self.assertFalse({"demo-app", "namspill-benchmarks"} & published)

    def test_a_bundle_without_any_one_of_its_files_fails_naming_that_file(self):
        self.assertGreater(len(self.files), 100)
        # One full check per file: each file, unchanged meanwhile, is hashed once, not once a check.
        digest = functools.lru_cache(maxsize=None)(check_bundle.digest)
        with unittest.mock.patch.object(check_bundle, "digest", digest):
            for name in self.files:
                path = os.path.join(self.root, name)
                aside = path + ".aside"
                os.rename(path, aside)
                try:
                    self.assertIn(f"missing: {name}", self.problems(), name)
                finally:
                    os.rename(aside, path)

    def test_a_changed_jar_fails_on_its_checksums(self):
        path, name = self.one("namspill-core-%s-sources.jar" % self.modules[0].version)
        with open(path, "ab") as f:
            f.write(b"\0")
        self.assertIn(f"wrong checksum: {name}.sha1", self.problems())

    def test_javadoc_without_links_to_the_jdk_fails(self):
        path, name = self.one("namspill-micrometer-%s-javadoc.jar" % self.modules[0].version)
        with zipfile.ZipFile(path) as jar:
            pages = {n: jar.read(n) for n in jar.namelist()}
        with zipfile.ZipFile(path, "w") as jar:
            for n, content in pages.items():
                jar.writestr(n, content.replace(check_bundle.JDK_API.encode(), b"https://example.invalid/"))
        self.assertIn(f"{name}: no link to the JDK API docs ({check_bundle.JDK_API})", self.problems())

    def test_a_pom_without_scm_of_its_own_or_its_parents_fails(self):
        version = self.modules[0].version
        path, parent = self.one(f"namspill-parent-{version}.pom")
        with open(path, encoding="utf-8") as f:
            pom = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(re.sub(r"<scm\b.*?</scm>", "", pom, flags=re.S))
        problems = self.problems()
        self.assertIn(f"{parent}: no <scm><url>, neither its own nor a parent's", problems)
        micrometer = self.one(f"namspill-micrometer-{version}.pom")[1]
        self.assertIn(f"{micrometer}: no <scm><url>, neither its own nor a parent's", problems)

    def test_a_bom_with_a_parent_or_without_a_published_artifact_fails(self):
        path, name = self.one("namspill-bom-%s.pom" % self.modules[0].version)
        with open(path, encoding="utf-8") as f:
            pom = f.read()
        pom = pom.replace("<modelVersion>4.0.0</modelVersion>", "<modelVersion>4.0.0</modelVersion><parent>"
                          "<groupId>io.namspill</groupId><artifactId>namspill-parent</artifactId>"
                          "<version>0</version></parent>")
        pom = re.sub(r"<dependency>\s*<groupId>io.namspill</groupId>\s*<artifactId>namspill-micrometer</artifactId>"
                     r".*?</dependency>", "", pom, flags=re.S)
        with open(path, "w", encoding="utf-8") as f:
            f.write(pom)
        problems = self.problems()
        self.assertIn(f"{name}: a BOM with a parent (its dependencyManagement would leak into importers)", problems)
        self.assertIn(f"{name}: does not manage the published namspill-micrometer", problems)

    def test_a_file_of_an_unpublished_module_fails(self):
        version = self.modules[0].version
        stray = f"io/namspill/demo-app/{version}/demo-app-{version}.jar"
        os.makedirs(os.path.join(self.root, os.path.dirname(stray)))
        shutil.copy(self.one(f"namspill-core-{version}.jar")[0], os.path.join(self.root, stray))
        self.assertIn(f"unexpected: {stray} (no published artifact of this build)", self.problems())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle")
    parser.add_argument("--project-dir", default=PROJECT_DIR)
    args, rest = parser.parse_known_args()
    BUNDLE, PROJECT_DIR = os.path.abspath(args.bundle), os.path.abspath(args.project_dir)
    unittest.main(argv=[sys.argv[0], "-v"] + rest)
