package io.deploybus.e2e;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deploybus.schemas.Topics;
import io.deploybus.testkit.Service;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs each service needs, exactly as docs/operations.md ("Managed Kafka") lists them, as
 * Kafka bindings for a principal named after the service. ManagedKafkaIT runs the suite with
 * these and no more, so one missing on a path it takes fails it.
 */
final class ServiceAcls {

    private static final Map<Service, List<Grant>> GRANTS = Map.of(
            Service.DEPLOY_API, List.of(
                    topics(CREATE, Topics.DEPLOY_COMMANDS, Topics.DEPLOY_EVENTS, Topics.DEPLOY_BATCHES),
                    topics(WRITE, Topics.DEPLOY_COMMANDS, Topics.DEPLOY_BATCHES),
                    topics(READ, Topics.DEPLOY_COMMANDS, Topics.DEPLOY_EVENTS, Topics.DEPLOY_BATCHES)),
            Service.DEPLOY_WORKER, List.of(
                    topics(CREATE, Topics.DEPLOY_COMMANDS, Topics.DEPLOY_EVENTS, Topics.DEPLOY_COMMANDS_DLQ,
                            Topics.RENDER_WEBHOOKS, Topics.RENDER_WEBHOOKS_DLQ, Topics.DEPLOY_JOURNAL, Topics.DEPLOY_BATCHES),
                    topics(READ, Topics.DEPLOY_COMMANDS, Topics.RENDER_WEBHOOKS, Topics.DEPLOY_JOURNAL, Topics.DEPLOY_BATCHES),
                    topics(WRITE, Topics.DEPLOY_EVENTS, Topics.DEPLOY_JOURNAL, Topics.DEPLOY_BATCHES, Topics.DEPLOY_COMMANDS,
                            Topics.DEPLOY_COMMANDS_DLQ, Topics.RENDER_WEBHOOKS_DLQ, Topics.DEPLOY_BATCHES + Topics.DLQ_SUFFIX),
                    new Grant(READ, GROUP, LITERAL, List.of("deploy-worker", "deploy-batch-coordinator")),
                    new Grant(WRITE, TRANSACTIONAL_ID, PREFIXED, List.of("deploy-worker.journal-"))),
            Service.HEALTH_MONITOR, List.of(
                    topics(CREATE, Topics.HEALTH_EVENTS, Topics.DEPLOY_EVENTS)),
            Service.ALERT_NOTIFIER, List.of(
                    topics(CREATE, Topics.DEPLOY_EVENTS, Topics.HEALTH_EVENTS, Topics.ALERTS, Topics.DEPLOY_EVENTS_DLQ),
                    topics(READ, Topics.DEPLOY_EVENTS),
                    topics(WRITE, Topics.ALERTS, Topics.DEPLOY_EVENTS_DLQ),
                    new Grant(READ, GROUP, LITERAL, List.of("alert-notifier"))));

    private ServiceAcls() {
    }

    /** The Kafka principal's user name of a service. */
    static String user(Service service) {
        return service.module();
    }

    /** Every binding of every service. */
    static List<AclBinding> all() {
        List<AclBinding> bindings = new ArrayList<>();
        GRANTS.forEach((service, grants) -> grants.forEach(grant -> grant.names().forEach(name ->
                bindings.add(new AclBinding(new ResourcePattern(grant.type(), name, grant.pattern()),
                        new AccessControlEntry("User:" + user(service), "*", grant.operation(), AclPermissionType.ALLOW))))));
        return bindings;
    }

    private static Grant topics(AclOperation operation, String... names) {
        return new Grant(operation, TOPIC, LITERAL, List.of(names));
    }

    private record Grant(AclOperation operation, ResourceType type, PatternType pattern, List<String> names) {
    }
}
