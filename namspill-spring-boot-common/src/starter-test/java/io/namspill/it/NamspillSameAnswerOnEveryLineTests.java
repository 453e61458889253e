package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.it.Actuator.Answer;
import io.namspill.line.StarterLine;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * What an application shows over HTTP for one real leak, written down line-neutrally (the shape
 * of every JSON answer with its member names (sorted) and texts, numbers as {@code <number>}, and the Prometheus
 * series with their tags) to {@code target/namspill-http-answers.txt}. Each starter's build writes
 * its own; {@code .ci/run} compares the Boot 3.5 file with the Boot 4 one: they must be equal.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        TestMetrics.EXPORT, TestMetrics.EXPORT_BOOT3, "namspill.cache-ttl=1s", "namspill.ignored-threads=same-answer-helper",
        "management.endpoints.web.exposure.include=health,namspill,prometheus", "management.endpoint.health.show-details=always",
        "management.endpoint.health.probes.enabled=true",
        "management.endpoint.health.group.liveness.include=livenessState,namspill" })
class NamspillSameAnswerOnEveryLineTests {

    /** Numbers whose value is part of the answer (the rest, such as tids and inodes, differ per run). */
    private static final Set<String> KEPT_NUMBERS = Set.of("leakedTasks");

    private static final Pattern SAMPLE = Pattern.compile("^(namspill_[a-z_]+)(\\{[^}]*})? (\\S+)$");

    @RegisterExtension
    final LocalServerHttp server = new LocalServerHttp();

    @Test
    void oneLeakAsHealthEndpointAndPrometheusShowIt() throws IOException {
        Actuator actuator = this.server.actuator();
        List<String> answers = new ArrayList<>();
        answers.add("# namspill over HTTP, one leak in a thread named same-answer-leak (uts)");

        // The first scrape after start-up counts the scans that served it (namspill.scan).
        Answer firstScrape = actuator.get("prometheus");
        assertThat(firstScrape.status()).isEqualTo(200);
        assertThat(value(firstScrape.body(), "namspill_scan_seconds_count")).as(firstScrape.body()).isGreaterThanOrEqualTo(1);

        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("same-answer-leak", LinuxAbi.CLONE_NEWUTS)) {
            // the shared scan is cached for namspill.cache-ttl: the leak shows from the next scan on
            await().until(() -> actuator.get("namspill").json().read("$.leaks", List.class).size() == 1);
            for (String path : List.of("health", "health/liveness", "health/namspill", "namspill", "namspill/uts",
                    "namspill/banana")) {
                Answer answer = actuator.get(path);
                answers.add("GET /actuator/" + path + " -> " + answer.status());
                shape(answer.json().read(path.equals("health") ? "$.components.namspill" : "$"),
                        path.equals("health") ? "components.namspill" : "", answers);
            }
            Answer scrape = actuator.get("prometheus");
            answers.add("GET /actuator/prometheus -> " + scrape.status());
            scrape.body().lines().map(SAMPLE::matcher).filter(Matcher::matches)
                    .map(sample -> sample.group(1) + (sample.group(2) != null ? sample.group(2) : "")
                            + (sample.group(1).equals("namspill_leaked_tasks") || sample.group(1).equals("namspill_namespaces")
                                    ? " " + sample.group(3) : ""))
                    .sorted()
                    .forEach(answers::add);
            assertThat(scrape.body()).contains("namspill_leaked_tasks{type=\"uts\"} 1.0");
        }
        Path file = Path.of("target", "namspill-http-answers.txt");
        Files.write(file, answers, StandardCharsets.UTF_8);
        System.out.printf("same answer on every line: %d lines written to %s for %s%n", answers.size(),
                file.toAbsolutePath(), StarterLine.LINE);
        assertThat(answers).contains("GET /actuator/health/namspill -> 503", "GET /actuator/namspill/banana -> 404");
    }

    /** One line per leaf: its path and its value (texts and booleans kept, numbers mostly not). */
    private static void shape(Object node, String path, List<String> lines) {
        if (node instanceof List<?> elements) {
            if (!elements.isEmpty() && elements.stream().allMatch(String.class::isInstance)) {
                lines.add(path + " = [" + elements.size() + " texts]"); // stack frames, type names
                return;
            }
            lines.add(path + " = [" + elements.size() + "]");
            for (int i = 0; i < elements.size(); i++) {
                shape(elements.get(i), path + "[" + i + "]", lines);
            }
            return;
        }
        // sorted: JSON members have no order, and Boot 3.5 and 4 write Health's in another one
        if (node instanceof Map<?, ?> members && !members.isEmpty()) {
            List<String> names = members.keySet().stream().map(String::valueOf).sorted().toList();
            lines.add(path + " = {" + String.join(", ", names) + "}");
            for (String name : names) {
                shape(members.get(name), path.isEmpty() ? name : path + "." + name, lines);
            }
            return;
        }
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (node instanceof Integer || node instanceof Long || node instanceof BigInteger) {
            lines.add(path + " = " + (KEPT_NUMBERS.contains(leaf) ? node : "<number>"));
        }
        else if (node instanceof String text) {
            lines.add(path + " = \"" + text + "\"");
        }
        else {
            lines.add(path + " = " + node); // booleans
        }
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line -> Double.parseDouble(
                line.substring(series.length() + 1))).findFirst().orElse(-1);
    }
}
