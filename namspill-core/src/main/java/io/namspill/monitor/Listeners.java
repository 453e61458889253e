package io.namspill.monitor;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Listeners told in the order added; one that throws keeps none of the others from hearing. */
final class Listeners<L> {

    private final List<L> listeners;

    Listeners(List<L> listeners) {
        this.listeners = new CopyOnWriteArrayList<>(listeners);
    }

    void add(L listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void tell(Consumer<L> event) {
        for (L listener : listeners) {
            try {
                event.accept(listener);
            }
            catch (RuntimeException e) {
                // an application's listener must not cost the scan, nor the other listeners their event
            }
        }
    }
}
