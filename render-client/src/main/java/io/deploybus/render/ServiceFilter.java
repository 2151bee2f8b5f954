package io.deploybus.render;

import java.time.Instant;
import java.util.List;

import io.micronaut.core.annotation.Nullable;

/**
 * Filters of {@code GET /services}; empty lists and {@code null}s filter nothing. Names match exactly.
 *
 * @param suspended {@code suspended} and/or {@code not_suspended}
 */
public record ServiceFilter(
        List<String> names,
        List<String> types,
        List<String> regions,
        List<String> suspended,
        List<String> ownerIds,
        @Nullable Instant createdAfter,
        @Nullable Instant createdBefore,
        @Nullable Instant updatedAfter,
        @Nullable Instant updatedBefore) {

    public ServiceFilter {
        names = List.copyOf(names);
        types = List.copyOf(types);
        regions = List.copyOf(regions);
        suspended = List.copyOf(suspended);
        ownerIds = List.copyOf(ownerIds);
    }

    /** Every service. */
    public static ServiceFilter all() {
        return new ServiceFilter(List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, null);
    }

    public ServiceFilter withNames(String... names) {
        return new ServiceFilter(List.of(names), types, regions, suspended, ownerIds, createdAfter, createdBefore,
                updatedAfter, updatedBefore);
    }

    public ServiceFilter withTypes(String... types) {
        return new ServiceFilter(names, List.of(types), regions, suspended, ownerIds, createdAfter, createdBefore,
                updatedAfter, updatedBefore);
    }

    /** Only suspended ({@code true}) or only running ({@code false}) services. */
    public ServiceFilter onlySuspended(boolean suspendedOnly) {
        return new ServiceFilter(names, types, regions, List.of(suspendedOnly ? "suspended" : "not_suspended"), ownerIds,
                createdAfter, createdBefore, updatedAfter, updatedBefore);
    }

    public ServiceFilter createdAfter(Instant after) {
        return new ServiceFilter(names, types, regions, suspended, ownerIds, after, createdBefore, updatedAfter,
                updatedBefore);
    }

    Query toQuery() {
        return new Query().joined("name", names).joined("type", types).joined("region", regions)
                .joined("suspended", suspended).joined("ownerId", ownerIds)
                .add("createdAfter", createdAfter).add("createdBefore", createdBefore)
                .add("updatedAfter", updatedAfter).add("updatedBefore", updatedBefore);
    }
}
