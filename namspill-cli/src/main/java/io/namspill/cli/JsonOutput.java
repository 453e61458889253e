package io.namspill.cli;

import io.namspill.jvm.JavaThread;
import io.namspill.report.SpilledTask;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON of {@code check --json} and {@code ps --json}: an array with one object per process,
 * as the contract names it ({@code pid}, {@code command}, {@code supported}, {@code uniform},
 * {@code tasks}, {@code reference}, {@code spilled}, {@code reason}).
 */
final class JsonOutput {

    private JsonOutput() {
    }

    /** Standard output stays open: the command still ends the array's line on it. */
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    static void write(Writer out, List<ProcessCheck> checks) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartArray();
            for (ProcessCheck check : checks) {
                writeProcess(json, check);
            }
            json.writeEndArray();
        }
    }

    private static void writeProcess(JsonGenerator json, ProcessCheck check) {
        json.writeStartObject();
        json.writeNumberProperty("pid", check.pid());
        json.writeStringProperty("command", check.command());
        json.writeBooleanProperty("supported", check.readable());
        if (!check.readable()) {
            json.writeStringProperty("reason", check.reason().orElse("unknown"));
            json.writeEndObject();
            return;
        }
        json.writeBooleanProperty("uniform", check.report().isUniform());
        json.writeNumberProperty("tasks", check.report().snapshot().tasks().size());
        json.writeName("reference");
        writeInodes(json, check.report().reference());
        json.writeName("spilled");
        json.writeStartArray();
        for (SpilledTask spilled : check.report().strayTasks()) {
            writeSpilled(json, spilled);
        }
        json.writeEndArray();
        json.writeBooleanProperty("leaderMayHaveMoved", check.leaderMayHaveMoved());
        RemoteJvmThreads javaThreads = check.javaThreads();
        if (javaThreads != null && (javaThreads.asked() || javaThreads.notAsked().isPresent())) {
            json.writeName("javaThreads");
            json.writeStartObject();
            json.writeBooleanProperty("named", javaThreads.asked());
            javaThreads.notAsked().ifPresent(why -> json.writeStringProperty("reason", why));
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeSpilled(JsonGenerator json, SpilledTask spilled) {
        json.writeStartObject();
        json.writeNumberProperty("tid", spilled.task().tid());
        json.writeStringProperty("name", spilled.task().name().orElse(""));
        json.writeName("namespaces");
        json.writeStartObject();
        spilled.differences().forEach((type, difference) -> json.writeNumberProperty(type, difference.inode()));
        json.writeEndObject();
        spilled.thread().ifPresent(thread -> writeThread(json, thread));
        json.writeEndObject();
    }

    private static void writeThread(JsonGenerator json, JavaThread thread) {
        json.writeName("thread");
        json.writeStartObject();
        json.writeNumberProperty("id", thread.id());
        json.writeStringProperty("name", thread.name());
        json.writeStringProperty("state", thread.state());
        json.writeBooleanProperty("daemon", thread.daemon());
        json.writeStringProperty("namedBy", thread.namedBy().label());
        json.writeName("stackTrace");
        json.writeStartArray();
        thread.stackTrace().forEach(json::writeString);
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeInodes(JsonGenerator json, Map<String, Long> inodes) {
        json.writeStartObject();
        inodes.forEach(json::writeNumberProperty);
        json.writeEndObject();
    }
}
