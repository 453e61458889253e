package io.namspill.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code namspill --version}: the project version the build wrote into {@code version.properties}. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"namspill " + number(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }

    /** This build's version, {@code 0.1.0} for example. */
    static String number() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
