package io.deploybus.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.context.annotation.Context;

/** The emulated env groups and the services they are linked to. */
@Context
final class EnvGroups {

    private final ServiceCatalog catalog;
    private final Clock clock;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    EnvGroups(ServiceCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        reset();
    }

    synchronized void reset() {
        groups.clear();
        catalog.seed().envGroups().forEach(group -> groups.put(group.id(), group.copy()));
    }

    /** Newest first. */
    synchronized List<Group> newestFirst() {
        return groups.values().stream().sorted(Comparator.comparing(Group::createdAt).reversed()).map(Group::copy).toList();
    }

    /** @throws ResourceNotFoundException when there is no such group */
    synchronized Group group(String id) {
        return find(id).copy();
    }

    synchronized Group link(String id, String serviceId) {
        catalog.service(serviceId);
        Group group = find(id);
        if (!group.serviceIds().contains(serviceId)) {
            group.serviceIds().add(serviceId);
            group.touch(clock.instant());
        }
        return group.copy();
    }

    synchronized void unlink(String id, String serviceId) {
        catalog.service(serviceId);
        Group group = find(id);
        if (!group.serviceIds().remove(serviceId)) {
            throw new ResourceNotFoundException(serviceId);
        }
        group.touch(clock.instant());
    }

    private Group find(String id) {
        Group group = groups.get(id);
        if (group == null) {
            throw new ResourceNotFoundException(id);
        }
        return group;
    }

    /** One group; mutable, and only ever handed out as a copy. */
    static final class Group {
        private final String id;
        private final String name;
        private final String ownerId;
        private final Instant createdAt;
        private Instant updatedAt;
        private final Map<String, String> envVars;
        private final List<String> serviceIds;

        Group(String id, String name, String ownerId, Instant createdAt, Instant updatedAt, Map<String, String> envVars,
              List<String> serviceIds) {
            this.id = id;
            this.name = name;
            this.ownerId = ownerId;
            this.createdAt = createdAt;
            this.updatedAt = updatedAt;
            this.envVars = envVars;
            this.serviceIds = serviceIds;
        }

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        String ownerId() {
            return ownerId;
        }

        Instant createdAt() {
            return createdAt;
        }

        Instant updatedAt() {
            return updatedAt;
        }

        Map<String, String> envVars() {
            return envVars;
        }

        List<String> serviceIds() {
            return serviceIds;
        }

        void touch(Instant at) {
            updatedAt = at;
        }

        Group copy() {
            return new Group(id, name, ownerId, createdAt, updatedAt, new LinkedHashMap<>(envVars),
                    new ArrayList<>(serviceIds));
        }
    }
}
