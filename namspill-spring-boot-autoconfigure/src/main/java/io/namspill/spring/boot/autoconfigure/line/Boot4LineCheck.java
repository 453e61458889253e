package io.namspill.spring.boot.autoconfigure.line;

import io.namspill.spring.boot.autoconfigure.NamspillBootLineCheck;
import io.namspill.spring.boot.autoconfigure.SpringBootLine;

/**
 * Stops start-up with a clear message when this starter (built for Spring Boot 4) runs on
 * Spring Boot 3: there, {@code namspill-spring-boot3-starter} is the one to use.
 */
public final class Boot4LineCheck extends NamspillBootLineCheck {

    public Boot4LineCheck() {
        super(SpringBootLine.BOOT_4);
    }
}
