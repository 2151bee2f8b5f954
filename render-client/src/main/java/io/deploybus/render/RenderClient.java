package io.deploybus.render;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * A typed client of the Render REST API v1 ({@code render.api.*}, see {@link RenderApiConfiguration}).
 *
 * <p>Every method blocks until Render answers and either returns what Render sent or throws a
 * {@link RenderApiException} subtype named after what went wrong. Failures that may pass
 * ({@link RenderRetriableException}) are retried a few times with exponential backoff and jitter,
 * honouring {@code Retry-After}; see {@link RenderApiConfiguration#maxAttempts()}. A request that
 * is not idempotent (a trigger, a rollback, a cancel, a restart) is retried only when Render
 * certainly did not act on it. The client paces itself from Render's {@code Ratelimit-*} headers
 * ({@link RenderApiConfiguration#pacing()}).
 *
 * <p>Lists come newest first, one {@link Page} at a time; the {@code listAll…} helpers follow the
 * cursors up to a cap. Outside a Micronaut context: {@code new RenderClient(RenderApiConfiguration.of(url,
 * key), ObjectMapper.getDefault())}, and {@link #close()} it when done.
 */
@Singleton
public class RenderClient implements AutoCloseable {

    private static final int MAX_LIMIT = 100;

    private final RenderHttp http;

    @Inject
    public RenderClient(RenderApiConfiguration configuration, ObjectMapper objectMapper) {
        this(configuration, objectMapper, Sleeper.THREAD);
    }

    RenderClient(RenderApiConfiguration configuration, ObjectMapper objectMapper, Sleeper sleeper) {
        this(configuration, objectMapper, sleeper, Clock.systemUTC());
    }

    RenderClient(RenderApiConfiguration configuration, ObjectMapper objectMapper, Sleeper sleeper, Clock clock) {
        this.http = new RenderHttp(Objects.requireNonNull(configuration, "configuration"),
                Objects.requireNonNull(objectMapper, "objectMapper"), sleeper, clock);
    }

    // ---- services

    /**
     * {@code GET /services/{serviceId}}.
     *
     * @throws RenderNotFoundException when there is no such service
     */
    public RenderService getService(String serviceId) {
        return http.read(get(servicePath(serviceId)), Argument.of(RenderService.class));
    }

    /** {@code GET /services?limit=}: the newest services, one page, without Render's cursor wrappers. */
    public List<RenderService> listServices(int limit) {
        return listServices(ServiceFilter.all(), null, limit).items();
    }

    /** {@code GET /services} with filters, one page from {@code cursor} ({@code null} for the first). */
    public Page<RenderService> listServices(ServiceFilter filter, @Nullable String cursor, int limit) {
        String path = filter.toQuery().add("cursor", cursor).add("limit", checkLimit(limit)).on("/services");
        return page(path, ListItems.ServiceItem.class, ListItems.ServiceItem::cursor, ListItems.ServiceItem::service, limit);
    }

    /** Every service the filter matches, following cursors, at most {@code max} of them. */
    public List<RenderService> listAllServices(ServiceFilter filter, int max) {
        return collect(cursor -> listServices(filter, cursor, MAX_LIMIT), max);
    }

    /**
     * {@code PATCH /services/{serviceId}}: changes the fields set in {@code update}.
     *
     * @return the service as it now is
     */
    public RenderService updateService(String serviceId, ServiceUpdate update) {
        Objects.requireNonNull(update, "update");
        return http.read(http.send("PATCH", servicePath(serviceId), update, true), Argument.of(RenderService.class));
    }

    /** {@code POST /services/{serviceId}/suspend} (202): it stops serving and takes no deploys. */
    public void suspendService(String serviceId) {
        http.send("POST", servicePath(serviceId) + "/suspend", null, true);
    }

    /** {@code POST /services/{serviceId}/resume} (202): Render starts a deploy with trigger {@code service_resumed}. */
    public void resumeService(String serviceId) {
        http.send("POST", servicePath(serviceId) + "/resume", null, true);
    }

    /** {@code POST /services/{serviceId}/restart} (200); not for cron jobs. */
    public void restartService(String serviceId) {
        http.send("POST", servicePath(serviceId) + "/restart", null, false);
    }

    /** {@code POST /services/{serviceId}/scale} (202); Render ignores it while autoscaling is on. */
    public void scaleService(String serviceId, int numInstances) {
        if (numInstances < 0) {
            throw new IllegalArgumentException("numInstances must not be negative, was " + numInstances);
        }
        http.send("POST", servicePath(serviceId) + "/scale", new ListItems.Scale(numInstances), true);
    }

    /** {@code GET /services/{serviceId}/instances}: the running instances (a bare array, no paging). */
    public List<RenderInstance> listInstances(String serviceId) {
        return http.read(get(servicePath(serviceId) + "/instances"), Argument.listOf(RenderInstance.class)).stream()
                .filter(Objects::nonNull).toList();
    }

    // ---- deploys

    /**
     * {@code POST /services/{serviceId}/deploys}.
     *
     * @return the deploy Render created (201), or empty when Render accepted the request without
     *         creating the deploy yet (202, for example behind a deploy in progress); it then appears
     *         in {@link #listDeploys} with status {@code queued}
     */
    public Optional<RenderDeploy> triggerDeploy(String serviceId, TriggerDeploy request) {
        Objects.requireNonNull(request, "request");
        var response = http.send("POST", servicePath(serviceId) + "/deploys", request, false);
        if (response.statusCode() == 202 || response.body().length == 0) {
            return Optional.empty();
        }
        return Optional.of(http.read(response, Argument.of(RenderDeploy.class)));
    }

    /**
     * {@code GET /services/{serviceId}/deploys/{deployId}}.
     *
     * @throws RenderNotFoundException when there is no such service or deploy
     */
    public RenderDeploy getDeploy(String serviceId, String deployId) {
        return http.read(get(deployPath(serviceId, deployId)), Argument.of(RenderDeploy.class));
    }

    /** {@code GET /services/{serviceId}/deploys?limit=}: the newest deploys first, one page. */
    public List<RenderDeploy> listDeploys(String serviceId, int limit) {
        return listDeploys(serviceId, DeployFilter.all(), null, limit).items();
    }

    /** {@code GET /services/{serviceId}/deploys} with filters, one page from {@code cursor} ({@code null} for the first). */
    public Page<RenderDeploy> listDeploys(String serviceId, DeployFilter filter, @Nullable String cursor, int limit) {
        String path = filter.toQuery().add("cursor", cursor).add("limit", checkLimit(limit))
                .on(servicePath(serviceId) + "/deploys");
        return page(path, ListItems.DeployItem.class, ListItems.DeployItem::cursor, ListItems.DeployItem::deploy, limit);
    }

    /** Every deploy of the service the filter matches, newest first, following cursors, at most {@code max}. */
    public List<RenderDeploy> listAllDeploys(String serviceId, DeployFilter filter, int max) {
        return collect(cursor -> listDeploys(serviceId, filter, cursor, MAX_LIMIT), max);
    }

    /**
     * {@code POST /services/{serviceId}/deploys/{deployId}/cancel}: stops a deploy in progress.
     *
     * @return the deploy, now {@code canceled}
     * @throws RenderInvalidRequestException when the deploy is no longer in progress
     */
    public RenderDeploy cancelDeploy(String serviceId, String deployId) {
        return http.read(http.send("POST", deployPath(serviceId, deployId) + "/cancel", null, false),
                Argument.of(RenderDeploy.class));
    }

    /**
     * {@code POST /services/{serviceId}/rollback} (201): a new deploy, trigger {@code rollback}, of
     * what {@code deployId} ran. Render does not switch auto-deploy off for it.
     *
     * @param deployId the earlier deploy to return to
     */
    public RenderDeploy rollback(String serviceId, String deployId) {
        var body = new ListItems.Rollback(segment(deployId, "deployId"));
        return http.read(http.send("POST", servicePath(serviceId) + "/rollback", body, false),
                Argument.of(RenderDeploy.class));
    }

    // ---- env vars

    /** {@code GET /services/{serviceId}/env-vars}, every page: the service's own variables, not its groups'. */
    public List<RenderEnvVar> listEnvVars(String serviceId) {
        return collect(cursor -> page(new Query().add("cursor", cursor).add("limit", MAX_LIMIT)
                        .on(servicePath(serviceId) + "/env-vars"), ListItems.EnvVarItem.class,
                ListItems.EnvVarItem::cursor, ListItems.EnvVarItem::envVar, MAX_LIMIT), Integer.MAX_VALUE);
    }

    /**
     * {@code GET /services/{serviceId}/env-vars/{key}}.
     *
     * @throws RenderNotFoundException when the service has no such variable
     */
    public RenderEnvVar getEnvVar(String serviceId, String key) {
        return http.read(get(envVarPath(serviceId, key)), Argument.of(RenderEnvVar.class));
    }

    /** {@code PUT /services/{serviceId}/env-vars/{key}}: adds or replaces one variable. It does not deploy. */
    public RenderEnvVar setEnvVar(String serviceId, String key, String value) {
        Objects.requireNonNull(value, "value");
        return http.read(http.send("PUT", envVarPath(serviceId, key), new ListItems.EnvVarValue(value, null), true),
                Argument.of(RenderEnvVar.class));
    }

    /** {@code PUT …/env-vars/{key}} with {@code generateValue}: Render stores a strong random value and returns it. */
    public RenderEnvVar generateEnvVar(String serviceId, String key) {
        return http.read(http.send("PUT", envVarPath(serviceId, key), new ListItems.EnvVarValue(null, true), false),
                Argument.of(RenderEnvVar.class));
    }

    /**
     * {@code DELETE /services/{serviceId}/env-vars/{key}} (204).
     *
     * @throws RenderNotFoundException when the service has no such variable
     */
    public void deleteEnvVar(String serviceId, String key) {
        http.send("DELETE", envVarPath(serviceId, key), null, true);
    }

    /** {@code PUT /services/{serviceId}/env-vars}: the service's variables become exactly these. */
    public List<RenderEnvVar> replaceEnvVars(String serviceId, List<EnvVarInput> envVars) {
        boolean generates = envVars.stream().anyMatch(input -> Boolean.TRUE.equals(input.generateValue()));
        var items = http.read(http.send("PUT", servicePath(serviceId) + "/env-vars", List.copyOf(envVars), !generates),
                Argument.listOf(ListItems.EnvVarItem.class));
        return items.stream().filter(Objects::nonNull).map(ListItems.EnvVarItem::envVar).filter(Objects::nonNull).toList();
    }

    // ---- env groups

    /**
     * {@code GET /env-groups}: env groups without their variables, at most {@code limit}. Render answers a
     * bare array here, without cursors.
     *
     * @param names exact names to filter by; none for all
     */
    public List<RenderEnvGroup> listEnvGroups(List<String> names, int limit) {
        String path = new Query().joined("name", names).add("limit", checkLimit(limit)).on("/env-groups");
        return http.read(get(path), Argument.listOf(RenderEnvGroup.class)).stream().filter(Objects::nonNull).toList();
    }

    /** {@code GET /env-groups/{envGroupId}}, with its variables and secret files. */
    public RenderEnvGroup getEnvGroup(String envGroupId) {
        return http.read(get("/env-groups/" + segment(envGroupId, "envGroupId")), Argument.of(RenderEnvGroup.class));
    }

    /** {@code POST /env-groups/{envGroupId}/services/{serviceId}}: links the group; returns the group. */
    public RenderEnvGroup linkEnvGroup(String envGroupId, String serviceId) {
        return http.read(http.send("POST", envGroupLinkPath(envGroupId, serviceId), null, true),
                Argument.of(RenderEnvGroup.class));
    }

    /** {@code DELETE /env-groups/{envGroupId}/services/{serviceId}} (204). */
    public void unlinkEnvGroup(String envGroupId, String serviceId) {
        http.send("DELETE", envGroupLinkPath(envGroupId, serviceId), null, true);
    }

    // ---- events, logs, owners

    /** {@code GET /services/{serviceId}/events}: one page of the service's events, newest first. */
    public Page<RenderEvent> listEvents(String serviceId, EventFilter filter, @Nullable String cursor, int limit) {
        String path = filter.toQuery().add("cursor", cursor).add("limit", checkLimit(limit))
                .on(servicePath(serviceId) + "/events");
        return page(path, ListItems.EventItem.class, ListItems.EventItem::cursor, ListItems.EventItem::event, limit);
    }

    /** {@code GET /events/{eventId}}: the event a webhook names. */
    public RenderEvent getEvent(String eventId) {
        return http.read(get("/events/" + segment(eventId, "eventId")), Argument.of(RenderEvent.class));
    }

    /** {@code GET /logs}: one page of log lines. */
    public RenderLogs listLogs(LogQuery query) {
        if (query.resources().isEmpty()) {
            throw new IllegalArgumentException("a log query needs at least one resource");
        }
        checkLimit(query.limit());
        return http.read(get(query.toQuery().on("/logs")), Argument.of(RenderLogs.class));
    }

    /** Every log line of the query, following {@code nextStartTime}/{@code nextEndTime}, at most {@code max}. */
    public List<RenderLogs.Entry> listAllLogs(LogQuery query, int max) {
        checkMax(max);
        List<RenderLogs.Entry> all = new ArrayList<>();
        LogQuery next = query;
        while (true) {
            RenderLogs logs = listLogs(next);
            for (RenderLogs.Entry entry : logs.logs()) {
                if (all.size() == max) {
                    return all;
                }
                all.add(entry);
            }
            if (!logs.hasMore() || logs.logs().isEmpty()) {
                return all;
            }
            next = query.after(logs);
        }
    }

    /** {@code GET /owners}: one page of the workspaces the key reaches. */
    public Page<RenderOwner> listOwners(@Nullable String cursor, int limit) {
        String path = new Query().add("cursor", cursor).add("limit", checkLimit(limit)).on("/owners");
        return page(path, ListItems.OwnerItem.class, ListItems.OwnerItem::cursor, ListItems.OwnerItem::owner, limit);
    }

    /** {@code GET /owners/{ownerId}}. */
    public RenderOwner getOwner(String ownerId) {
        return http.read(get("/owners/" + segment(ownerId, "ownerId")), Argument.of(RenderOwner.class));
    }

    /** Releases the HTTP client's connections and threads. */
    @PreDestroy
    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<byte[]> get(String pathAndQuery) {
        return http.send("GET", pathAndQuery, null, true);
    }

    private <W, T> Page<T> page(String pathAndQuery, Class<W> wrapper, Function<W, String> cursorOf,
                                Function<W, T> itemOf, int limit) {
        List<W> wrapped = http.read(get(pathAndQuery), Argument.listOf(wrapper)).stream().filter(Objects::nonNull).toList();
        List<T> items = wrapped.stream().map(itemOf).filter(Objects::nonNull).toList();
        String next = wrapped.size() < limit ? null : cursorOf.apply(wrapped.getLast());
        return new Page<>(items, next);
    }

    /** Follows cursors from the first page until a page is not full, keeping at most {@code max} items. */
    private static <T> List<T> collect(Function<String, Page<T>> pages, int max) {
        checkMax(max);
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = pages.apply(cursor);
            for (T item : page.items()) {
                if (all.size() == max) {
                    return all;
                }
                all.add(item);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static String servicePath(String serviceId) {
        return "/services/" + segment(serviceId, "serviceId");
    }

    private static String deployPath(String serviceId, String deployId) {
        return servicePath(serviceId) + "/deploys/" + segment(deployId, "deployId");
    }

    private static String envVarPath(String serviceId, String key) {
        return servicePath(serviceId) + "/env-vars/" + segment(key, "key");
    }

    private static String envGroupLinkPath(String envGroupId, String serviceId) {
        return "/env-groups/" + segment(envGroupId, "envGroupId") + "/services/" + segment(serviceId, "serviceId");
    }

    private static String segment(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return Query.encode(id);
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    private static void checkMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
    }

    /** How the client waits between attempts; tests replace it to not wait. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD = delay -> TimeUnit.NANOSECONDS.sleep(delay.toNanos());

        void sleep(Duration delay) throws InterruptedException;
    }
}
