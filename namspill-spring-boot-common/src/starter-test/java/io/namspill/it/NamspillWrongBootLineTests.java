package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.namspill.line.StarterLine;
import io.namspill.spring.boot.autoconfigure.NamspillBootLineCheck;
import io.namspill.spring.boot.autoconfigure.NamspillWrongBootLineException;
import io.namspill.spring.boot.autoconfigure.SpringBootLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A namspill starter on the other Spring Boot line stops start-up with one clear message naming
 * the starter to use: here, the other line's check runs on this line's Spring Boot, as it does
 * when an application puts the other starter on its classpath.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamspillWrongBootLineTests {

    @Test
    void thisStartersCheckIsRegisteredAndLetsItsOwnLineStart() {
        assertThat(SpringFactoriesLoader.loadFactoryNames(ApplicationContextInitializer.class, getClass().getClassLoader()))
                .contains(StarterLine.ownLineCheck().getClass().getName());
        assertThat(SpringBootLine.running(getClass().getClassLoader())).isEqualTo(StarterLine.LINE);
        new SpringApplicationBuilder(NamspillTestApplication.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1")
                .initializers(StarterLine.ownLineCheck())
                .run()
                .close();
    }

    @Test
    void theOtherLinesStarterStopsStartUpNamingTheStarterForThisLine(CapturedOutput output) {
        SpringBootLine other = (StarterLine.LINE == SpringBootLine.BOOT_4) ? SpringBootLine.BOOT_3 : SpringBootLine.BOOT_4;
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(NamspillTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1")
                .initializers(new NamspillBootLineCheck(other))
                .run()
                .close()).isInstanceOf(NamspillWrongBootLineException.class);
        assertThat(output).contains("APPLICATION FAILED TO START",
                "The namspill starter on the classpath, io.namspill:" + other.starter() + ", is built for Spring Boot "
                        + other.versions() + ", but this application runs Spring Boot " + SpringBootVersion.getVersion(),
                "Replace the dependency io.namspill:" + other.starter() + " with io.namspill:" + StarterLine.LINE.starter());
        // before any bean: the monitor never started
        assertThat(output).doesNotContain("namspill-scanner");
    }
}
