package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    private final SteppingClock clock = new SteppingClock();

    @Test
    void clientWithABudgetWaitsForTheNextMinuteOnceItIsSpent() {
        var pacer = new RatePacer(clock, true, 2);

        assertThat(pacer.reserve("read")).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(pacer.reserve("write")).isZero();
        clock.advance(Duration.ofSeconds(5));

        assertThat(pacer.reserve("read")).isEqualTo(Duration.ofSeconds(45));
        clock.advance(Duration.ofSeconds(45));
        assertThat(pacer.reserve("read")).isZero();
    }

    @Test
    void clientWithoutABudgetIsPacedByRendersHeadersAlone() {
        var pacer = new RatePacer(clock, true, 0);

        for (int i = 0; i < 1_000; i++) {
            assertThat(pacer.reserve("read")).isZero();
        }
    }
}
