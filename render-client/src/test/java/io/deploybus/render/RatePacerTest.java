package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.deploybus.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    private final ManualClock clock = new ManualClock();

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
    void windowTheClientAssumesAfterAResetEndsASecondAfterRendersCanHaveStarted() {
        var pacer = new RatePacer(clock, true, 0);
        pacer.update("read", headers(Map.of("Ratelimit-Limit", "2", "Ratelimit-Remaining", "0", "Ratelimit-Reset", "10")));
        clock.advance(Duration.ofSeconds(10));

        assertThat(pacer.reserve("read")).isZero();
        assertThat(pacer.reserve("read")).isZero();
        assertThat(pacer.reserve("read")).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void clientWithoutABudgetIsPacedByRendersHeadersAlone() {
        var pacer = new RatePacer(clock, true, 0);

        for (int i = 0; i < 1_000; i++) {
            assertThat(pacer.reserve("read")).isZero();
        }
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);
    }
}
