package io.deploybus.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/**
 * Not ready while Kafka does not answer: every deploy step journals before it acts, so a worker cut
 * off from Kafka can take no work and finish none. (micronaut-kafka's own indicator, in the
 * restricted mode that needs no cluster permissions, keeps reporting UP when the broker goes away.)
 * The answer is kept for a few seconds, so that health checks put no load on the cluster.
 */
@Singleton
@Readiness
class KafkaReadiness implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration KEEP = Duration.ofSeconds(5);

    private final AdminClient admin;
    private volatile Checked last;

    KafkaReadiness(AdminClient admin) {
        this.admin = admin;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Checked checked = last;
        if (checked == null || checked.at().plus(KEEP).isBefore(Instant.now())) {
            checked = new Checked(Instant.now(), check());
            last = checked;
        }
        return Publishers.just(checked.result());
    }

    private HealthResult check() {
        var options = new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis());
        try {
            int nodes = admin.describeCluster(options).nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return HealthResult.builder("kafkaReachable", HealthStatus.UP).details(Map.of("nodes", nodes)).build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return HealthResult.builder("kafkaReachable", HealthStatus.DOWN)
                    .details(Map.of("error", "Kafka did not answer within " + TIMEOUT + ": " + cause)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.builder("kafkaReachable", HealthStatus.UNKNOWN).build();
        }
    }

    private record Checked(Instant at, HealthResult result) {
    }
}
