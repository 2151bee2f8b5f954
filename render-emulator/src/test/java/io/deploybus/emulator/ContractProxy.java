package io.deploybus.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Sits between {@link io.deploybus.render.RenderClient} and the emulator, passes every exchange
 * through unchanged, and checks each response against {@link OpenApiContract}: the contract is
 * held on exactly what the client received.
 */
final class ContractProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date");

    private final URI target;
    private final OpenApiContract contract;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Set<String> covered = ConcurrentHashMap.newKeySet();

    ContractProxy(URI target, OpenApiContract contract) {
        this.target = target;
        this.contract = contract;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Each operation seen, with the status it answered, e.g. {@code POST /services/{serviceId}/deploys 202}. */
    Set<String> covered() {
        return Set.copyOf(covered);
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            byte[] body = exchange.getRequestBody().readAllBytes();
            var request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (Set.of("authorization", "content-type", "accept").contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            check(exchange.getRequestMethod(), uri.getRawPath(), response);
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(String method, String rawPath, HttpResponse<byte[]> response) {
        String path = rawPath.replaceFirst("^/v1", "");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        var operation = contract.operationOf(method, path);
        if (operation.isEmpty()) {
            violations.add(method + " " + path + ": no such operation in Render's document");
            return;
        }
        covered.add(operation.get() + " " + response.statusCode());
        contract.violations(operation.get(), response.statusCode(), body)
                .forEach(problem -> violations.add(operation.get() + " -> " + response.statusCode() + ": " + problem));
        if (response.headers().firstValue("Render-Request-Id").isEmpty()
                || response.headers().firstValue("Ratelimit-Remaining").isEmpty()) {
            violations.add(operation.get() + ": Render-Request-Id or Ratelimit-* headers missing");
        }
    }
}
