package io.deploybus.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsConfigurationTest {

    @ParameterizedTest(name = "{0} replicas: writes need {1} in sync")
    @CsvSource({"1, 1", "2, 1", "3, 2", "5, 2"})
    void topicsKeepTakingWritesWithOneReplicaDownAndWithThreeAWriteIsOnTwoBrokers(short replicas, short inSync) {
        var configuration = new TopicsConfiguration(List.of(Topics.DEPLOY_COMMANDS), replicas, null, Duration.ofSeconds(30));

        var topic = Topics.find(Topics.DEPLOY_COMMANDS).orElseThrow()
                .toNewTopic(configuration.replicationFactor(), configuration.minInsyncReplicas());

        assertThat(topic.replicationFactor()).isEqualTo(replicas);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", Short.toString(inSync));
    }

    @Test
    void aConfiguredMinimumOfInSyncReplicasIsTaken() {
        var configuration = new TopicsConfiguration(List.of(Topics.DEPLOY_COMMANDS), (short) 5, (short) 3, Duration.ofSeconds(30));

        assertThat(configuration.minInsyncReplicas()).isEqualTo((short) 3);
    }

    @Test
    void aMinimumAboveTheReplicationFactorFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "deploybus.topics.provision", Topics.DEPLOY_COMMANDS,
                "deploybus.topics.replication-factor", "3",
                "deploybus.topics.min-insync-replicas", "4")).close())
                .hasStackTraceContaining("deploybus.topics.min-insync-replicas (4) is more than deploybus.topics.replication-factor (3)");
    }
}
