package io.deploybus.api.auth;

import java.util.Locale;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a {@code /v1} request through only with {@code Authorization: Bearer <key>} of a configured
 * client, and tells the controllers who that client is. Health and metrics are outside {@code /v1}
 * and stay open.
 */
@ServerFilter("/v1/**")
final class ApiKeyFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "bearer ";

    private final ApiKeys keys;

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @RequestFilter
    void authenticate(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            throw new UnauthenticatedException("The request has no API key.", false);
        }
        ApiClient client = keys.authenticate(authorization.substring(BEARER.length()).strip())
                .orElseThrow(() -> {
                    LOG.debug("Refused {} {}: unknown API key", request.getMethod(), request.getPath());
                    return new UnauthenticatedException("The API key is not valid.", true);
                });
        request.setAttribute(ApiClient.ATTRIBUTE, client);
    }
}
