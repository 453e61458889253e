package io.namspill.spring.boot.autoconfigure;

import io.namspill.snapshot.NamespaceType;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespace type names that {@code namspill.types} accepts: those the kernel reports in
 * {@code /proc/self/ns} here, and the ones Linux has today (so that a configuration written for
 * a newer kernel still starts on an older one or off Linux).
 */
final class NamespaceTypes {

    private static final Path OWN_NAMESPACES = Path.of("/proc/self/ns");

    private NamespaceTypes() {
    }

    /** Every valid type name, sorted. */
    static Set<String> valid() {
        Set<String> valid = new TreeSet<>(NamespaceType.knownLinkNames());
        try (DirectoryStream<Path> links = Files.newDirectoryStream(OWN_NAMESPACES)) {
            links.forEach(link -> valid.add(link.getFileName().toString()));
        }
        catch (IOException | RuntimeException ex) {
            // no procfs (not Linux, restricted /proc): the known names are all we can offer
        }
        return valid;
    }
}
