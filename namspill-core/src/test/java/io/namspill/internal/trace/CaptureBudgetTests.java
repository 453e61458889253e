package io.namspill.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaptureBudgetTests {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aBurstUpToTheBudgetIsCapturedThenCallsGoWithoutStacks() {
        CaptureBudget budget = new CaptureBudget(3, now::get);

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.exhausted()).contains("3 per second", NamespaceTrace.BUDGET_PROPERTY);
    }

    @Test
    void theBudgetRefillsWithTimeButNeverBeyondOneSecondsWorth() {
        CaptureBudget budget = new CaptureBudget(2, now::get);
        budget.tryAcquire();
        budget.tryAcquire();

        now.addAndGet(500_000_000L);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        now.addAndGet(60_000_000_000L);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void aZeroBudgetTakesNoStackAndANegativeOneIsRefused() {
        assertThat(new CaptureBudget(0, now::get).tryAcquire()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new CaptureBudget(-1, now::get)).withMessageContaining("-1");
    }
}
