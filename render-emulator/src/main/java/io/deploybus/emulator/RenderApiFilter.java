package io.deploybus.emulator;

import java.time.Clock;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * What every {@code /v1} request meets at Render: it is recorded, its bearer key is checked (401 with
 * Render's error body otherwise), and the response carries {@code Render-Request-Id}, the
 * {@code Ratelimit-*} headers (static for now: nothing is limited yet) and Render's content type.
 */
@ServerFilter("/v1/**")
final class RenderApiFilter {

    private static final String REQUEST_ID = "emulator.render-request-id";
    private static final String BEARER = "Bearer ";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final int READ_LIMIT = 400;
    private static final int DEPLOY_LIMIT = 10;
    private static final int RESET_SECONDS = 60;

    private final Set<String> apiKeys;
    private final RequestLog log;
    private final IdGenerator ids;
    private final Clock clock;

    RenderApiFilter(EmulatorConfiguration configuration, RequestLog log, IdGenerator ids, Clock clock) {
        this.apiKeys = Set.copyOf(configuration.apiKeys());
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String requestId = ids.requestId();
        request.setAttribute(REQUEST_ID, requestId);
        boolean authorized = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION)
                .filter(value -> value.startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).strip())
                .filter(apiKeys::contains)
                .isPresent();
        log.add(new RecordedRequest(RenderTimestamp.of(clock.instant()), request.getMethodName(),
                request.getUri().getRawPath(), request.getUri().getRawQuery(), requestId, authorized));
        if (authorized) {
            return null;
        }
        var unauthorized = HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .body(new RenderError("unauthorized", "Authorization information is missing or invalid."));
        addRenderHeaders(request, unauthorized);
        return unauthorized;
    }

    @ResponseFilter
    void addRenderHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        request.getAttribute(REQUEST_ID, String.class).ifPresent(requestId -> headers.set("Render-Request-Id", requestId));
        int limit = request.getMethod() == HttpMethod.GET ? READ_LIMIT : DEPLOY_LIMIT;
        headers.set("Ratelimit-Limit", Integer.toString(limit));
        headers.set("Ratelimit-Remaining", Integer.toString(limit - 1));
        headers.set("Ratelimit-Reset", Integer.toString(RESET_SECONDS));
        if (response.getBody().isPresent()) {
            response.contentType(JSON_UTF8);
        }
    }
}
