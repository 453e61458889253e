package example.namspill.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Talking to another network namespace the safe way: an HTTP call through a {@code RestClient}
 * whose sockets were created inside it ({@link io.namspill.net.NetworkNamespace}). The request
 * thread never changes namespaces, so nothing is switched and nothing can leak.
 */
@RestController
class NetworkNamespaceController {

    private final InsideNetwork inside;

    NetworkNamespaceController(InsideNetwork inside) {
        this.inside = inside;
    }

    @GetMapping("/netns/call")
    Map<String, Object> call() throws Exception {
        InsideNetwork.Setup setup = inside.setup();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("thread", Thread.currentThread().getName());
        answer.put("virtual", VirtualThreads.isVirtual(Thread.currentThread()));
        answer.put("namespace", setup.namespace());
        answer.put("serverPort", setup.serverPort());
        answer.put("before", ThreadNamespaces.inodeOfCurrentThread("net"));
        answer.put("reply", setup.client().get().uri("/").retrieve().body(String.class));
        answer.put("after", ThreadNamespaces.inodeOfCurrentThread("net"));
        return answer;
    }
}
