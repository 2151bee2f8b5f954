package io.deploybus.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.deploybus.testkit.Workspace;

/**
 * Render's OpenAPI document (the repository's copy, {@code docs/render/render-openapi.json}), read as Render's real traffic
 * behaves: an optional property may be {@code null}, {@code nullable} means what it says, and a
 * {@code oneOf} without a discriminator is read as {@code anyOf} (real {@code serviceDetails} match
 * several alternatives). Everything else is strict: declared status codes, required properties,
 * types and enums.
 *
 * <p>Each response schema is dereferenced in full before it is rewritten, because the document's
 * own {@code $ref}s point through {@code properties} and {@code oneOf} of other schemas, and a
 * rewrite in place would break them.
 */
final class OpenApiContract {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ANNOTATIONS = Set.of("example", "examples", "discriminator", "deprecated", "xml",
            "externalDocs", "readOnly", "writeOnly", "x-internal");

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiContract(JsonNode document) {
        this.document = document;
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), templatePattern(path.getKey())));
            }
        }));
        // The most specific template wins: /services/{id}/deploys over /services/{id}.
        operations.sort(Comparator.comparingLong((Operation op) -> op.template().chars().filter(c -> c == '{').count())
                .thenComparing(op -> -op.template().length()));
    }

    /** The repository's copy of the document (see docs/render/README.md for where it came from). */
    static OpenApiContract load() {
        Path file = Workspace.root().resolve("docs/render/render-openapi.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Render's OpenAPI document is missing: expected " + file
                    + ". The contract tests cannot run without it.");
        }
        try {
            return new OpenApiContract(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The operation a request is, e.g. {@code GET /services/{serviceId}}. */
    Optional<Operation> operationOf(String method, String path) {
        return operations.stream().filter(op -> op.method().equals(method) && op.pattern().matcher(path).matches())
                .findFirst();
    }

    /** What is wrong with a response to an operation; empty when Render could have sent it. */
    List<String> violations(Operation operation, int status, String body) {
        JsonNode responses = document.get("paths").get(operation.template()).get(operation.method().toLowerCase())
                .get("responses");
        JsonNode response = responses.get(Integer.toString(status));
        if (response == null) {
            return List.of("status " + status + " is not declared; declared: " + fieldNames(responses));
        }
        JsonNode resolved = resolve(response, new ArrayDeque<>());
        JsonNode schema = resolved.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return body.isBlank() ? List.of() : List.of("status " + status + " declares no body, but one came: " + body);
        }
        JsonNode instance;
        try {
            instance = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return List.of("body is not JSON: " + body);
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of("status " + status + " declares a body, but none came");
        }
        JsonSchema validator = schemas.computeIfAbsent(operation + " " + status,
                key -> factory.getSchema(relax(resolve(schema, new ArrayDeque<>()))));
        return validator.validate(instance).stream().map(Object::toString).sorted().toList();
    }

    private JsonNode resolve(JsonNode node, Deque<String> refs) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(resolve(item, refs)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (refs.contains(ref)) {
                return NODES.objectNode();
            }
            refs.push(ref);
            JsonNode target = document.at(URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8));
            if (target.isMissingNode()) {
                throw new IllegalStateException("the document's $ref " + ref + " names nothing");
            }
            JsonNode resolved = resolve(target, refs);
            refs.pop();
            return resolved;
        }
        ObjectNode copy = NODES.objectNode();
        node.fields().forEachRemaining(field -> copy.set(field.getKey(), resolve(field.getValue(), refs)));
        return copy;
    }

    /** Rewrites a dereferenced OpenAPI 3.0 schema into JSON Schema 2020-12 as Render's traffic reads it. */
    private static JsonNode relax(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(relax(item)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = NODES.objectNode();
        boolean discriminated = node.has("discriminator");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String key = field.getKey();
            if (ANNOTATIONS.contains(key) || key.equals("nullable")) {
                continue;
            }
            if (key.equals("properties")) {
                copy.set(key, optionalMayBeNull(field.getValue(), node.path("required")));
            } else if (key.equals("oneOf") && !discriminated) {
                copy.set("anyOf", relax(field.getValue()));
            } else if (key.equals("properties") || key.equals("items") || key.equals("additionalProperties")
                    || key.endsWith("Of") || key.equals("not")) {
                copy.set(key, relax(field.getValue()));
            } else {
                copy.set(key, field.getValue());
            }
        }
        return node.path("nullable").asBoolean(false) ? orNull(copy) : copy;
    }

    private static ObjectNode optionalMayBeNull(JsonNode properties, JsonNode required) {
        Set<String> requiredNames = new HashSet<>();
        required.forEach(name -> requiredNames.add(name.asText()));
        ObjectNode copy = NODES.objectNode();
        properties.fields().forEachRemaining(property -> {
            JsonNode relaxed = relax(property.getValue());
            copy.set(property.getKey(), requiredNames.contains(property.getKey()) ? relaxed : orNull(relaxed));
        });
        return copy;
    }

    private static ObjectNode orNull(JsonNode schema) {
        ObjectNode anyOf = NODES.objectNode();
        anyOf.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
        return anyOf;
    }

    private static Pattern templatePattern(String template) {
        return Pattern.compile("^" + template.replaceAll("\\{[^}]+}", "[^/]+") + "/?$");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One operation of the document, e.g. {@code POST /services/{serviceId}/deploys}. */
    record Operation(String method, String template, Pattern pattern) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }
}
