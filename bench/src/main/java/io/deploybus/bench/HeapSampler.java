package io.deploybus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a service's heap from its Prometheus {@code /metrics} once a second: the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the pools (garbage included), and
 * {@code jvm_gc_live_data_size_bytes} (the old generation just after a full collection).
 */
final class HeapSampler implements AutoCloseable {

    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("heap-sampler").daemon().factory());
    private long peakUsed;
    private long peakLive;
    private long lastUsed;
    private int samples;
    private int failures;

    private HeapSampler(URI service) {
        this.request = HttpRequest.newBuilder(service.resolve("/metrics")).timeout(Duration.ofSeconds(2)).GET().build();
    }

    static HeapSampler start(URI service) {
        var sampler = new HeapSampler(service);
        sampler.scheduler.scheduleAtFixedRate(sampler::sample, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    synchronized long peakUsedBytes() {
        return peakUsed;
    }

    synchronized long peakLiveBytes() {
        return peakLive;
    }

    synchronized long lastUsedBytes() {
        return lastUsed;
    }

    synchronized int samples() {
        return samples;
    }

    synchronized int failures() {
        return failures;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void sample() {
        try {
            String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            record(metrics);
        } catch (IOException e) {
            synchronized (this) {
                failures++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(String metrics) {
        long used = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += valueOf(line);
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                peakLive = Math.max(peakLive, valueOf(line));
            }
        }
        lastUsed = used;
        peakUsed = Math.max(peakUsed, used);
        samples++;
    }

    private static long valueOf(String line) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
