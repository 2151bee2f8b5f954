package io.deploybus.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one mode's run measured, and how it stands against the targets of issue #4.
 *
 * @param outcomes        terminal status per count, e.g. {@code SUCCEEDED=1000}
 * @param wall            first command on the topic to the last terminal event on the topic
 * @param chainFloor      the longest service's deploys end to end: no run can be shorter
 * @param idleTriggerMs   for idle services of an idle worker (one command at a time, after the run), the command sent to the emulator's time of its trigger
 * @param heapPeakBytes   the worker's peak {@code jvm_memory_used_bytes{area="heap"}} (sampled every second)
 * @param liveDataBytes   the worker's peak old generation after a full collection (0 if none ran)
 * @param webhooksRelayed Render webhooks the bench relayed to render.webhooks (webhooks mode)
 */
record RunFigures(Mode mode, int deploys, Map<String, Integer> outcomes, Duration wall, Duration chainFloor,
                  Duration medianDeploy, RenderCalls calls, List<Double> idleTriggerMs, long heapPeakBytes,
                  long liveDataBytes, int heapSamples, int webhooksRelayed, int webhooksRejected,
                  Map<String, String> workerProperties) {

    static final long HEAP_TARGET_BYTES = 256L * 1024 * 1024;
    static final double TRIGGER_P99_TARGET_MS = 50;

    int succeeded() {
        return outcomes.getOrDefault("SUCCEEDED", 0);
    }

    double callsPerDeploy() {
        return (double) calls.total() / deploys;
    }

    double callsTarget() {
        return mode == Mode.POLLING ? 8 : 3;
    }

    double percentile(double p) {
        List<Double> sorted = idleTriggerMs.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The targets this run missed, each with its figure; empty when all hold. */
    List<String> misses() {
        List<String> misses = new ArrayList<>();
        if (succeeded() != deploys) {
            misses.add("SUCCEEDED " + succeeded() + " of " + deploys);
        }
        if (calls.tooMany() != 0) {
            misses.add(calls.tooMany() + " answers 429");
        }
        if (callsPerDeploy() > callsTarget()) {
            misses.add("%.2f Render calls per deploy (target <= %.0f)".formatted(callsPerDeploy(), callsTarget()));
        }
        if (heapPeakBytes >= HEAP_TARGET_BYTES) {
            misses.add("heap peak " + mib(heapPeakBytes) + " (target < 256 MiB)");
        }
        if (!(percentile(99) < TRIGGER_P99_TARGET_MS)) {
            misses.add("idle command->trigger p99 %.1f ms (target < 50 ms)".formatted(percentile(99)));
        }
        return misses;
    }

    void print(PrintStream out) {
        out.printf("%n=== deploy-worker bench, %s mode ===%n", mode.label());
        out.printf("worker properties        %s%n", workerProperties);
        out.printf("deploys                  %d (%s)%n", deploys, outcomes);
        out.printf("wall time                %.1f s (floor: one service's deploys back to back, longest %.1f s; median deploy %.1f s)%n",
                seconds(wall), seconds(chainFloor), seconds(medianDeploy));
        out.printf("Render API calls         %d = %.2f per deploy (target <= %.0f); reads %d (Render allows 400/min: floor %.1f min)%n",
                calls.total(), callsPerDeploy(), callsTarget(), calls.reads(), calls.reads() / 400.0);
        calls.byKind().forEach((kind, count) -> out.printf("    %-42s %6d  %.2f/deploy%n", kind, count, (double) count / deploys));
        out.printf("429 answers              %d (unanswered/dropped %d)%n", calls.tooMany(), calls.unanswered());
        out.printf("worker heap peak         %s used (sum of heap pools, %d samples); live data after full GC %s; -Xmx256m%n",
                mib(heapPeakBytes), heapSamples, mib(liveDataBytes));
        out.printf("idle command->trigger    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d services)%n",
                percentile(50), percentile(90), percentile(99), percentile(100), idleTriggerMs.size());
        if (mode == Mode.WEBHOOKS) {
            out.printf("webhooks relayed         %d (rejected signatures %d)%n", webhooksRelayed, webhooksRejected);
        }
        List<String> misses = misses();
        out.println(misses.isEmpty() ? "targets                  all hold" : "targets missed           " + String.join("; ", misses));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String mib(long bytes) {
        return "%.1f MiB".formatted(bytes / 1024.0 / 1024.0);
    }
}
