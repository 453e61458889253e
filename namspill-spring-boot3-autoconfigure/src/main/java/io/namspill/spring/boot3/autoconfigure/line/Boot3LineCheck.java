package io.namspill.spring.boot3.autoconfigure.line;

import io.namspill.spring.boot.autoconfigure.NamspillBootLineCheck;
import io.namspill.spring.boot.autoconfigure.SpringBootLine;

/**
 * Stops start-up with a clear message when this starter (built for Spring Boot 3.5) runs on
 * Spring Boot 4: there, {@code namspill-spring-boot-starter} is the one to use.
 */
public final class Boot3LineCheck extends NamspillBootLineCheck {

    public Boot3LineCheck() {
        super(SpringBootLine.BOOT_3);
    }
}
