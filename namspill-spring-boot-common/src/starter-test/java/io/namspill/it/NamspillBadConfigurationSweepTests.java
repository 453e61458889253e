package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every {@code namspill.*} property with a bad value, through a real start-up of a web
 * application: it does not start, and what the user reads (Boot's failure analysis) names the
 * property, the value and why; where namspill validates the value itself, also what is accepted.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamspillBadConfigurationSweepTests {

    /** A bad value, and what the start-up failure must say about it beside the property and the value. */
    private record BadValue(String property, String value, String reason, List<String> accepted) {

        String assignment() {
            return this.property + "=" + this.value;
        }
    }

    private static final List<String> ANY_DURATION = List.of("a duration of zero or more (such as 0s, 500ms or 30s)");

    private static final List<String> ANY_TYPE = List.of("valid types are cgroup, ipc, mnt, net,");

    private static final List<BadValue> BAD_VALUES = List.of(
            new BadValue("namspill.types", "netw", "is not a namespace type", ANY_TYPE),
            new BadValue("namspill.types", "NET", "is not a namespace type", ANY_TYPE),
            new BadValue("namspill.ignored-threads", "worker-(", "Unclosed group",
                    List.of("not a valid regular expression (java.util.regex.Pattern)")),
            new BadValue("namspill.grace-period", "-1s", "was PT-1S", ANY_DURATION),
            new BadValue("namspill.cache-ttl", "-5ms", "was PT-0.005S", ANY_DURATION),
            new BadValue("namspill.check-interval", "-30s", "was PT-30S", ANY_DURATION),
            new BadValue("namspill.check-interval", "never", "'never' is not a valid duration", ANY_DURATION),
            // Boot cannot even parse these: NamspillDurationFailureAnalyzer names the accepted forms
            new BadValue("namspill.grace-period", "soon", "'soon' is not a valid duration", ANY_DURATION),
            new BadValue("namspill.cache-ttl", "1 s", "'1 s' is not a valid duration", ANY_DURATION),
            new BadValue("namspill.endpoint.show-details", "sometimes", "No enum constant",
                    List.of("The following values are valid:", "ALWAYS", "NEVER", "WHEN_AUTHORIZED")));

    @Test
    void everyBadValueOfEveryPropertyStopsStartUpWithAMessageNamingThePropertyAndTheValue(CapturedOutput output) {
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int acceptedNamed = 0;
        for (BadValue bad : BAD_VALUES) {
            int before = output.getAll().length();
            boolean started = start(bad.assignment());
            String analysis = output.getAll().substring(before);
            List<String> expected = new ArrayList<>(List.of("APPLICATION FAILED TO START", "Property: " + bad.property(),
                    "Value: \"" + bad.value() + "\"", bad.reason()));
            expected.addAll(bad.accepted());
            List<String> missing = expected.stream().filter(text -> !analysis.contains(text)).toList();
            if (started) {
                failures.add(bad.assignment() + ": the application started");
            }
            else if (!missing.isEmpty()) {
                failures.add(bad.assignment() + ": the failure analysis does not say " + missing + ":\n" + analysis);
            }
            else {
                refused++;
                acceptedNamed += bad.accepted().isEmpty() ? 0 : 1;
            }
        }

        long properties = BAD_VALUES.stream().map(BadValue::property).distinct().count();
        System.out.printf("bad configuration: %d bad values of %d properties, %d start-ups refused naming the property"
                + " and the value, %d of them also what is accepted, %d failures%n", BAD_VALUES.size(), properties, refused,
                acceptedNamed, failures.size());
        assertThat(failures).isEmpty();
        assertThat(refused).isEqualTo(BAD_VALUES.size());
    }

    private static boolean start(String property) {
        try {
            new SpringApplicationBuilder(NamspillTestApplication.class).web(WebApplicationType.SERVLET)
                    .properties("server.port=0", "server.address=127.0.0.1")
                    .run("--" + property) // above application.properties, as a user's setting would be
                    .close();
            return true;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }
}
