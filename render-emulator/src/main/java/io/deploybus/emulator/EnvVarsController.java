package io.deploybus.emulator;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

/** {@code /v1/services/{serviceId}/env-vars}: the service's own variables. */
@Controller("/v1/services/{serviceId}/env-vars")
final class EnvVarsController {

    private final EnvVars envVars;

    EnvVarsController(EnvVars envVars) {
        this.envVars = envVars;
    }

    @Get
    List<Resources.EnvVarItem> list(String serviceId, @Nullable @QueryValue String cursor,
                                    @Nullable @QueryValue Integer limit) {
        return PageRequest.of(cursor, limit).of(envVars.list(serviceId), Map.Entry::getKey).stream()
                .map(item -> new Resources.EnvVarItem(item.cursor(), Resources.EnvVar.of(item.item()))).toList();
    }

    /** Replaces them all; a JSON {@code null} body empties them, as Render accepts. */
    @Put
    List<Resources.EnvVarItem> replace(String serviceId, @Body @Nullable List<Input> inputs) {
        List<Map.Entry<String, EnvVars.Value>> values = (inputs == null ? List.<Input>of() : inputs).stream()
                .map(input -> {
                    if (input.key() == null || input.key().isBlank()) {
                        throw new InvalidRequestException("every env var needs a key");
                    }
                    return (Map.Entry<String, EnvVars.Value>) new AbstractMap.SimpleEntry<>(input.key(),
                            EnvVars.Value.of(input.value(), input.generateValue()));
                }).toList();
        return PageRequest.of(null, PageRequest.MAX_LIMIT).of(envVars.replace(serviceId, values), Map.Entry::getKey)
                .stream().map(item -> new Resources.EnvVarItem(item.cursor(), Resources.EnvVar.of(item.item()))).toList();
    }

    @Get("/{key}")
    Resources.EnvVar get(String serviceId, String key) {
        return new Resources.EnvVar(key, envVars.get(serviceId, key));
    }

    @Put("/{key}")
    Resources.EnvVar set(String serviceId, String key, @Body Value value) {
        return new Resources.EnvVar(key, envVars.set(serviceId, key, EnvVars.Value.of(value.value(), value.generateValue())));
    }

    @Delete("/{key}")
    HttpResponse<Void> delete(String serviceId, String key) {
        envVars.delete(serviceId, key);
        return HttpResponse.noContent();
    }

    @Serdeable
    record Input(@Nullable String key, @Nullable String value, @Nullable Boolean generateValue) {
    }

    @Serdeable
    record Value(@Nullable String value, @Nullable Boolean generateValue) {
    }
}
