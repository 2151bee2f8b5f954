package io.deploybus.api.auth;

/**
 * The authenticated caller of a {@code /v1} request, as the request attribute
 * {@value #ATTRIBUTE}: controllers take it with {@code @RequestAttribute(ApiClient.ATTRIBUTE)}.
 *
 * @param name the client's configured name (never its key)
 */
public record ApiClient(String name) {

    public static final String ATTRIBUTE = "deploybus.api.client";
}
