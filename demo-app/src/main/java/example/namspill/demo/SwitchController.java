package example.namspill.demo;

import io.namspill.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cure: the request thread switches into another namespace through {@link Namespaces},
 * works there, and is switched back before it serves anyone else. No leak, health stays UP.
 */
@RestController
class SwitchController {

    private static final Set<String> TYPES = Set.of("net", "uts", "ipc");

    private final NamespaceHolder holder;

    SwitchController(NamespaceHolder holder) {
        this.holder = holder;
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
        answer.put("before", ThreadNamespaces.inodeOfCurrentThread(type));
        Namespaces.call(target, () -> {
            answer.put("inside", ThreadNamespaces.inodeOfCurrentThread(type));
            if (type.equals("net")) {
                answer.put("interfacesInside", interfaceNames());
            }
            return null;
        });
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
