package io.deploybus.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.context.annotation.Context;

/** The services' own environment variables. Changing them deploys nothing, as at Render. */
@Context
final class EnvVars {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceCatalog catalog;
    private final Map<String, Map<String, String>> byService = new LinkedHashMap<>();

    EnvVars(ServiceCatalog catalog) {
        this.catalog = catalog;
        reset();
    }

    synchronized void reset() {
        byService.clear();
        catalog.seed().envVars().forEach((serviceId, vars) -> byService.put(serviceId, new LinkedHashMap<>(vars)));
    }

    synchronized Map<String, String> of(String serviceId) {
        return Map.copyOf(vars(serviceId));
    }

    /** In the order they were set. */
    synchronized List<Map.Entry<String, String>> list(String serviceId) {
        return List.copyOf(new LinkedHashMap<>(vars(serviceId)).entrySet());
    }

    /** @throws ResourceNotFoundException when the service or the variable does not exist */
    synchronized String get(String serviceId, String key) {
        String value = vars(serviceId).get(key);
        if (value == null) {
            throw new ResourceNotFoundException(key);
        }
        return value;
    }

    synchronized String set(String serviceId, String key, Value value) {
        String resolved = value.resolve();
        vars(serviceId).put(key, resolved);
        return resolved;
    }

    synchronized void delete(String serviceId, String key) {
        if (vars(serviceId).remove(key) == null) {
            throw new ResourceNotFoundException(key);
        }
    }

    /** Replaces every variable of the service; answers them in the order given. */
    synchronized List<Map.Entry<String, String>> replace(String serviceId, List<Map.Entry<String, Value>> values) {
        Map<String, String> vars = vars(serviceId);
        Map<String, String> replaced = new LinkedHashMap<>();
        values.forEach(entry -> replaced.put(entry.getKey(), entry.getValue().resolve()));
        vars.clear();
        vars.putAll(replaced);
        return List.copyOf(replaced.entrySet());
    }

    private Map<String, String> vars(String serviceId) {
        catalog.service(serviceId);
        return byService.computeIfAbsent(serviceId, id -> new LinkedHashMap<>());
    }

    /** A value given, or one to generate as Render does: 32 random bytes, base64. */
    record Value(String given, boolean generate) {

        /** @throws InvalidRequestException unless exactly one of value and generateValue is given */
        static Value of(String value, Boolean generateValue) {
            boolean generate = Boolean.TRUE.equals(generateValue);
            if (generate == (value != null)) {
                throw new InvalidRequestException("exactly one of value and generateValue must be given");
            }
            return new Value(value, generate);
        }

        String resolve() {
            if (!generate) {
                return given;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}
