package io.deploybus.emulator;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.reactivestreams.Publisher;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.server.netty.NettyHttpRequest;
import reactor.core.publisher.Mono;

/**
 * What every {@code /v1} request meets at Render, in order: it is recorded; an injected fault, if
 * one matches, delays it, drops its connection or answers for it; its bearer key is checked (401
 * with Render's error body otherwise); its rate-limit class is counted (429 with {@code Retry-After}
 * when used up). Every answer carries {@code Render-Request-Id}, the {@code Ratelimit-*} headers and
 * Render's content type, and its status goes into the request log.
 */
@ServerFilter("/v1/**")
final class RenderApiFilter {

    private static final String BEARER = "Bearer ";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final Set<String> apiKeys;
    private final RequestLog log;
    private final IdGenerator ids;
    private final Clock clock;
    private final FaultInjector faults;
    private final RateLimiter rateLimiter;

    RenderApiFilter(EmulatorConfiguration configuration, RequestLog log, IdGenerator ids, Clock clock,
                    FaultInjector faults, RateLimiter rateLimiter) {
        this.apiKeys = Set.copyOf(configuration.apiKeys());
        this.log = log;
        this.ids = ids;
        this.clock = clock;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
    }

    @RequestFilter
    Publisher<MutableHttpResponse<?>> handle(HttpRequest<?> request,
                                             FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        String requestId = ids.requestId();
        String method = request.getMethodName();
        String path = request.getUri().getRawPath();
        Optional<String> key = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION)
                .filter(value -> value.startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).strip())
                .filter(apiKeys::contains);
        Optional<FaultRule> fault = faults.next(method, path);
        log.add(new RecordedRequest(RenderTimestamp.of(clock.instant()), method, path, request.getUri().getRawQuery(),
                requestId, key.isPresent(), 0, fault.map(RenderApiFilter::describe).orElse(null)));
        Mono<MutableHttpResponse<?>> answer = Mono.defer(() -> answer(request, method, path, key, fault, next));
        if (fault.isPresent() && fault.get().delay() != null) {
            answer = Mono.delay(fault.get().delay()).then(answer);
        }
        return answer.map(response -> {
            response.getHeaders().set("Render-Request-Id", requestId);
            if (response.getBody().isPresent()) {
                response.contentType(JSON_UTF8);
            }
            log.answered(requestId, response.code());
            return response;
        });
    }

    private Mono<MutableHttpResponse<?>> answer(HttpRequest<?> request, String method, String path, Optional<String> key,
                                                Optional<FaultRule> fault,
                                                FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        if (fault.isPresent() && fault.get().isDrop() && request instanceof NettyHttpRequest<?> netty) {
            netty.getChannelHandlerContext().channel().close();
            return Mono.never();
        }
        RateLimiter.Decision decision = rateLimiter.take(method, path, key.orElse("anonymous"));
        if (fault.isPresent() && fault.get().hasStatus()) {
            return Mono.just(withLimits(injected(fault.get()), decision));
        }
        if (key.isEmpty()) {
            return Mono.just(withLimits(HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .body(new RenderError("unauthorized", "Authorization information is missing or invalid.")), decision));
        }
        if (!decision.allowed()) {
            MutableHttpResponse<?> limited = HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(new RenderError("rate_limited", "Rate limit has been surpassed."))
                    .header("Retry-After", Long.toString(Math.max(1, decision.resetSeconds())));
            return Mono.just(withLimits(limited, decision));
        }
        return Mono.from(next.proceed()).map(response -> withLimits(response, decision));
    }

    private static MutableHttpResponse<?> injected(FaultRule fault) {
        HttpStatus status = HttpStatus.valueOf(fault.status());
        MutableHttpResponse<?> response = HttpResponse.status(status)
                .body(new RenderError(status.name().toLowerCase(), "injected by the emulator: " + status.getReason()));
        if (fault.retryAfter() != null) {
            response.header("Retry-After", Integer.toString(fault.retryAfter()));
        }
        return response;
    }

    private static MutableHttpResponse<?> withLimits(MutableHttpResponse<?> response, RateLimiter.Decision decision) {
        var headers = response.getHeaders();
        headers.set("Ratelimit-Limit", Integer.toString(decision.limit()));
        headers.set("Ratelimit-Remaining", Integer.toString(decision.remaining()));
        headers.set("Ratelimit-Reset", Long.toString(decision.resetSeconds()));
        return response;
    }

    private static String describe(FaultRule fault) {
        return fault.isDrop() ? "drop" : fault.hasStatus() ? "status " + fault.status() : "latency " + fault.latency();
    }
}
