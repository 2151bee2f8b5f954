package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DeployIdGeneratorTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
    private final DeployIdGenerator ids = new DeployIdGenerator(new SteppedClock(now));

    @Test
    void idIsThePrefixAndTwentySixCrockfordCharacters() {
        assertThat(ids.next()).matches("dpl-[0-9a-hjkmnp-tv-z]{26}");
    }

    @Test
    void idsSortInTheOrderTheyWereMadeEvenBeyondFourThousandInOneMillisecond() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i % 5_000 == 0) {
                now.addAndGet(1);
            }
            made.add(ids.next());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void keyedIdIsTheSameOnEveryInstanceWithinAPeriodAndLooksLikeAnyOther() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        var elsewhere = new DeployIdGenerator(Clock.systemUTC());

        String id = ids.keyed("dpl-", "ci-bot", "key-1", "srv-a1", at, Duration.ofHours(24));

        assertThat(id).matches("dpl-[0-9a-hjkmnp-tv-z]{26}");
        assertThat(elsewhere.keyed("dpl-", "ci-bot", "key-1", "srv-a1", at.plusSeconds(3), Duration.ofHours(24)))
                .isEqualTo(id);
        assertThat(ids.keyed("dpl-", "local", "key-1", "srv-a1", at, Duration.ofHours(24))).isNotEqualTo(id);
        assertThat(ids.keyed("dpl-", "ci-bot", "key-2", "srv-a1", at, Duration.ofHours(24))).isNotEqualTo(id);
        assertThat(ids.keyed("dpl-", "ci-bot", "key-1", "srv-a2", at, Duration.ofHours(24))).isNotEqualTo(id);
        assertThat(ids.keyed("dpl-", "ci-bot", "key-1", "srv-a1", at.plus(Duration.ofHours(24)), Duration.ofHours(24)))
                .as("a whole period later").isNotEqualTo(id);
    }

    @Test
    void idsKeepIncreasingWhenTheClockStepsBack() {
        String before = ids.next();
        now.addAndGet(-60_000);

        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void idsOfALaterMillisecondSortAfter() {
        String earlier = ids.next();
        now.addAndGet(1);

        assertThat(ids.next()).isGreaterThan(earlier);
    }

    @Test
    void idsCarryTheMillisecondTheyWereMadeIn() {
        String id = ids.next();
        // The 48 bits of milliseconds lead: the first 10 characters are 50 bits, the first two zero.
        long millis = 0;
        for (char c : id.substring(4, 14).toCharArray()) {
            millis = millis * 32 + "0123456789abcdefghjkmnpqrstvwxyz".indexOf(c);
        }

        assertThat(millis).isEqualTo(now.get());
    }

    private static final class SteppedClock extends Clock {
        private final AtomicLong millis;

        SteppedClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
