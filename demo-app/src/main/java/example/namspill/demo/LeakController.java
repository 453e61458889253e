package example.namspill.demo;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reproduces the problem: a pool task, or a virtual thread, that moves its thread into a new
 * namespace and never moves it back. Watch {@code /actuator/health} turn DOWN and
 * {@code /actuator/namspill} name the thread; {@code POST /leaks/heal} cures the pool.
 */
@RestController
@RequestMapping("/leaks")
class LeakController {

    private final LeakyPool pool;

    LeakController(LeakyPool pool) {
        this.pool = pool;
    }

    /** A careless pool task: {@code unshare} of {@code type} in a pool thread, never undone. */
    @PostMapping("/pool")
    Map<String, Object> leakInPoolThread(@RequestParam(defaultValue = "uts") String type) throws Exception {
        NamespaceKind kind = NamespaceKind.of(type);
        return await(CompletableFuture.supplyAsync(() -> {
            int tid = RawNamespaceCalls.gettid();
            pool.carelessTask(kind);
            return Map.of("leaked", true, "type", kind.typeName(), "tid", tid, "thread", Thread.currentThread().getName(),
                    "namespace", ThreadNamespaces.inodeOfCurrentThread(kind.typeName()),
                    "explanation", "this pool thread now lives in a new " + kind.typeName()
                            + " namespace, and every later task on it will too");
        }, pool.executor()));
    }

    /**
     * A careless virtual thread: its {@code unshare} moves the carrier, a ForkJoinPool worker,
     * and every virtual thread later mounted on that carrier inherits the foreign namespace.
     */
    @PostMapping("/virtual")
    ResponseEntity<Map<String, Object>> leakThroughVirtualThread() throws Exception {
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        boolean started = VirtualThreads.start(() -> {
            try {
                int carrierTid = RawNamespaceCalls.gettid();
                RawNamespaceCalls.unshare(NamespaceKind.UTS);
                result.complete(Map.of("leaked", true, "type", "uts", "tid", carrierTid,
                        "namespace", ThreadNamespaces.inodeOfCurrentThread("uts"), "explanation",
                        "the virtual thread's carrier (task " + carrierTid + ") now lives in a new uts namespace;"
                                + " carriers cannot be retired: only a restart heals this"));
            }
            catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }).isPresent();
        if (!started) {
            return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(Map.of("leaked", false, "explanation",
                    "this JVM (Java " + Runtime.version().feature() + ") has no virtual threads; run the demo on Java 21+"));
        }
        return ResponseEntity.ok(await(result));
    }

    /** Retires every pool thread: poisoned ones end with them, and health returns to UP. */
    @PostMapping("/heal")
    Map<String, Object> heal() throws InterruptedException {
        int retired = pool.retireAllThreads();
        return Map.of("retiredThreads", retired, "explanation",
                "the pool's threads were replaced; leaked virtual-thread carriers, if any, remain until a restart");
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("the leaking task did not finish within 30 s", e);
        }
    }
}
