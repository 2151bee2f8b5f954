package io.deploybus.schemas;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service uses, as the catalogue lays them out, when the service starts and
 * before its listeners subscribe. Topics that exist already are left as they are, so every
 * instance of every service can run it. A service whose topics cannot be created within the
 * configured time does not start: it would only fail later, less clearly.
 */
@Context
@Requires(property = "deploybus.topics.provision")
public class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    public TopicProvisioner(AdminClient admin, TopicsConfiguration configuration) {
        List<NewTopic> topics = configuration.provision().stream()
                .map(name -> Topics.find(name).orElseThrow(() -> new ConfigurationException(
                        "deploybus.topics.provision names '" + name + "', which is not in the topic catalogue")))
                .map(spec -> spec.toNewTopic(configuration.replicationFactor(), configuration.minInsyncReplicas()))
                .toList();
        create(admin, topics, configuration.timeout());
    }

    private static void create(AdminClient admin, List<NewTopic> topics, Duration timeout) {
        var results = admin.createTopics(topics).values();
        long deadline = System.nanoTime() + timeout.toNanos();
        results.forEach((name, result) -> awaitCreated(name, result, deadline, timeout));
        LOG.info("Topics ready: {}", results.keySet());
    }

    private static void awaitCreated(String name, KafkaFuture<Void> result, long deadline, Duration timeout) {
        try {
            result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw refused(name, e.getCause());
            }
        } catch (TimeoutException e) {
            // A client speaking the wrong protocol to a listener (PLAINTEXT to SASL_SSL) is only ever
            // disconnected, so that too ends here.
            throw new TopicProvisioningException("topic " + name + " was not created within " + timeout
                    + "; is Kafka reachable at kafka.bootstrap.servers, with the kafka.security.protocol"
                    + " (KAFKA_SECURITY_PROTOCOL) its listener expects?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while creating topic " + name, e);
        }
    }

    /**
     * The first thing a service asks of Kafka is this, so a wrong credential or ACL shows here:
     * named after the setting to fix. Kafka's messages never carry a secret, so they are kept.
     */
    private static TopicProvisioningException refused(String name, Throwable cause) {
        String because = switch (cause) {
            case SslAuthenticationException e -> "the TLS handshake with Kafka failed (" + e.getMessage()
                    + "); check kafka.ssl.truststore.* (KAFKA_SSL_TRUSTSTORE_LOCATION, ...) and, for mutual TLS,"
                    + " kafka.ssl.keystore.* (KAFKA_SSL_KEYSTORE_LOCATION, ...)";
            case AuthenticationException e -> "Kafka did not accept this service's credentials (" + e.getMessage()
                    + "); check kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG) and kafka.sasl.mechanism"
                    + " (KAFKA_SASL_MECHANISM)";
            case AuthorizationException e -> "Kafka's ACLs do not allow it (" + e.getMessage()
                    + "); this service's principal needs CREATE on the topic (docs/operations.md, Managed Kafka)";
            default -> cause.getMessage();
        };
        return new TopicProvisioningException("cannot create topic " + name + ": " + because, cause);
    }

    /** Kafka did not create a topic the service needs. */
    public static final class TopicProvisioningException extends RuntimeException {
        TopicProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
