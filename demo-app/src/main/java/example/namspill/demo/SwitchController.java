package example.namspill.demo;

import io.namspill.Namespaces;
import io.namspill.switching.NamespaceSwitch;
import io.namspill.switching.NamespaceWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cure: the work switches into another namespace through {@link Namespaces}, runs there,
 * and is switched back before its thread serves anyone else. No leak, health stays UP.
 *
 * <p>A platform request thread switches in place. A virtual one (with
 * {@code spring.threads.virtual.enabled=true} on Java 21+) cannot: the kernel switches the carrier,
 * which other virtual threads share. It hands the work to {@link NamespaceWorkers}, a few
 * platform threads that switch, run and switch back, instead of a new thread per request.
 */
@RestController
class SwitchController {

    private static final Set<String> TYPES = Set.of("net", "uts", "ipc");

    private final NamespaceHolder holder;

    private final NamespaceWorkers workers;

    SwitchController(NamespaceHolder holder, NamespaceWorkers workers) {
        this.holder = holder;
        this.workers = workers;
    }

    @PostMapping("/switch")
    Map<String, Object> switchCorrectly(@RequestParam(defaultValue = "net") String type) throws Exception {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type '" + type + "' cannot be switched into by the demo; use one of net, uts, ipc");
        }
        Path target = holder.namespace(type);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", type);
        answer.put("thread", Thread.currentThread().getName());
        boolean virtual = VirtualThreads.isVirtual(Thread.currentThread());
        answer.put("virtual", virtual);
        answer.put("before", ThreadNamespaces.inodeOfCurrentThread(type));
        NamespaceSwitch into = Namespaces.into(target);
        Callable<Object> work = () -> {
            answer.put("switchedThread", Thread.currentThread().getName());
            answer.put("inside", ThreadNamespaces.inodeOfCurrentThread(type));
            if (type.equals("net")) {
                answer.put("interfacesInside", interfaceNames());
            }
            return null;
        };
        if (virtual) {
            answer.put("form", "pooled worker");
            into.callOn(this.workers, work);
        }
        else {
            answer.put("form", "in place");
            into.call(work);
        }
        answer.put("after", ThreadNamespaces.inodeOfCurrentThread(type));
        answer.put("leaked", !answer.get("after").equals(answer.get("before")));
        return answer;
    }

    /**
     * The interfaces of the calling thread's network namespace. Not {@code NetworkInterface}:
     * the JDK partly reads {@code /proc/net}, which is the thread-group leader's namespace.
     */
    private static List<String> interfaceNames() throws IOException {
        return Files.readAllLines(Path.of("/proc/thread-self/net/dev")).stream()
                .skip(2) // two header lines
                .map(line -> line.substring(0, line.indexOf(':')).strip())
                .sorted()
                .toList();
    }
}
