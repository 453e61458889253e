package io.namspill.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that switch threads into namespaces and back: holds a {@link ForeignNamespaces}
 * child for the whole class, skips each test (with the reason) where this JVM cannot return to
 * the host's namespaces (with {@code namspill.requirePrivileged=true} it fails instead), and after
 * each test checks that every thread is back where it started ({@link SwitchAssertions#assertUniform()}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net", "--uts");
 * }</pre>
 */
public final class ForeignNamespacesExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final String[] unshareFlags;
    private ForeignNamespaces holder;

    private ForeignNamespacesExtension(String[] unshareFlags) {
        this.unshareFlags = unshareFlags.clone();
    }

    /** Namespaces that {@code unshare <flags> sleep} holds, e.g. {@code "--net", "--uts"}. */
    public static ForeignNamespacesExtension holding(String... unshareFlags) {
        return new ForeignNamespacesExtension(unshareFlags);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (Privileges.canRestoreNamespaces()) { // else every test skips, each with the reason
            holder = ForeignNamespaces.start(unshareFlags);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Privileges.assumeCanRestoreNamespaces();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SwitchAssertions.assertUniform();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (holder != null) {
            holder.close();
        }
    }

    /** {@code /proc/<holder>/ns/<type>}. */
    public Path namespace(String type) {
        return holder.namespace(type);
    }

    /** The inode of the holder's namespace of {@code type}. */
    public long inode(String type) throws IOException {
        return holder.inode(type);
    }
}
